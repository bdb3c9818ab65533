"""Server-rendered web pages (Vietnamese by default, ``?lang=en`` for English)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..application.readiness import ServiceStatus, check_readiness
from ..config import Settings
from .access import PUBLIC
from .deps import ServiceHealthDep
from .language import Language, page_language
from .messages import text
from .page_header import header
from .page_session import OptionalSignedIn, SignedInPage
from .templating import templates

__all__ = ["router", "templates"]

router = APIRouter(tags=["pages"], dependencies=[PUBLIC])


def incoming_links(signed_in: SignedInPage, settings: Settings, language: Language) -> list[dict[str, str]]:
    """The incoming-documents page of each commune of the account's scope (the default commune when
    the scope names none, as for the auditor)."""
    communes = signed_in.account.scope or (settings.default_commune_id,)
    suffix = "?lang=en" if language == "en" else ""
    return [
        {
            "commune_id": commune_id,
            "url": f"/communes/{commune_id}/van-ban-den{suffix}",
            "label": text(language, "auth.home.incoming", commune_id=commune_id)
            if len(communes) > 1
            else text(language, "page.incoming_link"),
        }
        for commune_id in communes
    ]


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, health: ServiceHealthDep, signed_in: OptionalSignedIn) -> HTMLResponse:
    """Home page: what OneOffice is, whether each service is running, and who is signed in."""
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
        "h": header(request, language, signed_in),
        "t": {key: text(language, f"page.{key}") for key in _PAGE_KEYS},
        "rows": rows,
        "incoming_links": incoming_links(signed_in, settings, language) if signed_in else [],
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
