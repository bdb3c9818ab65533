"""Server-rendered web pages (Vietnamese by default, ``?lang=en`` for English)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..application.readiness import ServiceStatus, check_readiness
from ..config import Settings
from .access import PUBLIC
from .deps import ServiceHealthDep
from .language import page_language
from .messages import text

router = APIRouter(tags=["pages"], dependencies=[PUBLIC])
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, health: ServiceHealthDep) -> HTMLResponse:
    """Home page: what OneOffice is and whether each service is running."""
    language = page_language(request)
    settings: Settings = request.app.state.settings
    readiness = await check_readiness(health)
    rows = [
        {
            "name": name,
            "label": text(language, f"service.{name}"),
            "up": status is ServiceStatus.SERVING,
            "status": text(language, "status.up" if status is ServiceStatus.SERVING else "status.down"),
        }
        for name, status in readiness.statuses.items()
    ]
    context = {
        "lang": language,
        "other_lang": "vi" if language == "en" else "en",
        "t": {key: text(language, f"page.{key}") for key in _PAGE_KEYS},
        "rows": rows,
        "incoming_url": f"/communes/{settings.default_commune_id}/van-ban-den"
        + ("?lang=en" if language == "en" else ""),
    }
    return templates.TemplateResponse(request, "home.html", context, headers={"Content-Language": language})


_PAGE_KEYS = (
    "title",
    "subtitle",
    "services",
    "service",
    "status",
    "other_language",
    "api_docs",
    "incoming_link",
)
