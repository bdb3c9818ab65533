"""The page of a commune's state at a past moment (``/communes/{commune_id}/luc-truoc?at=``), for
auditors: every document as it stood then (number, symbol, summary, where it was, who did what
last), each linking to its history page at the same moment, one page of documents at a time.

The form's moment is office time (Asia/Ho_Chi_Minh, a ``datetime-local`` field; read as the history
page reads it, :mod:`.office_moment`); a moment with an offset is taken as it is. No inline script or style.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from oneoffice.contracts.access import Permission

from ..application.errors import ServiceError
from ..application.history import CommuneAsOf, DocumentHistory, HistoryPort
from .commune_as_of_api import DEFAULT_LIMIT, INT32_MAX
from .history_pages import COMMUNE_AS_OF_PAGE, commune_as_of_url, history_url
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .office_moment import form_value, parse_office_moment, shown
from .page_access import page_requires
from .page_header import header, other_language
from .page_session import SignedInPage
from .service_problems import http_status
from .templating import templates

PAGE = COMMUNE_AS_OF_PAGE
STYLESHEET = "/static/commune-as-of.css"
# What the state says of where a document stands (the fields the documents events set).
STATUS_FIELDS = ("recipient", "lead", "deadline", "deadline_number", "completed_on", "recalled_on")

router = APIRouter(tags=["pages"], include_in_schema=False)
ReadsHistoryPage = Annotated[SignedInPage, Depends(page_requires(Permission.HISTORY_READ))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Trạng thái tại một thời điểm", "en": "State at a moment"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "at": {"vi": "Thời điểm (giờ Việt Nam)", "en": "Moment (Vietnam time)"},
    "show": {"vi": "Xem", "en": "Show"},
    "pick": {
        "vi": "Chọn thời điểm để xem các văn bản lúc đó.",
        "en": "Pick a moment to see the documents then.",
    },
    "shown": {"vi": "Các văn bản tại", "en": "Documents as of"},
    "count": {"vi": "văn bản", "en": "documents"},
    "none": {"vi": "Chưa có văn bản nào tại thời điểm này.", "en": "No document yet at that moment."},
    "number": {"vi": "Số", "en": "No."},
    "symbol": {"vi": "Số, ký hiệu", "en": "Number, symbol"},
    "summary": {"vi": "Trích yếu", "en": "Summary"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "last": {"vi": "Việc cuối cùng", "en": "Last done"},
    "history": {"vi": "Lịch sử", "en": "History"},
    "previous": {"vi": "Trang trước", "en": "Previous page"},
    "next": {"vi": "Trang sau", "en": "Next page"},
    "bad_time": {
        "vi": "Thời điểm không hợp lệ (ví dụ 2026-11-25T08:30).",
        "en": "Invalid moment (e.g. 2026-11-25T08:30).",
    },
}


def _offset(text: str) -> int:
    try:
        return min(max(int(text), 0), INT32_MAX)
    except ValueError:
        return 0


def _row(document: DocumentHistory, commune_id: str, at: str, language: Language) -> dict[str, Any]:
    state = document.state
    last = document.entries[-1] if document.entries else None
    return {
        "document_id": document.document_id,
        "number": state.get("incoming_number") or state.get("number") or "",
        "symbol": state.get("number_symbol", ""),
        "summary": state.get("summary", ""),
        "status": [(name, state[name]) for name in STATUS_FIELDS if state.get(name) not in (None, "", [])],
        "last_actor": last.actor if last else "",
        "last_what": (last.summary_en if language == "en" else last.summary_vi) if last else "",
        "last_when": shown(last.recorded_at) if last else "",
        "history_url": history_url(commune_id, document.document_id, language, as_of=at),
    }


def _pages(page: CommuneAsOf, commune_id: str, at_text: str, language: Language) -> dict[str, str | None]:
    end = page.offset + len(page.documents)
    previous = max(page.offset - page.limit, 0)
    return {
        "previous_url": commune_as_of_url(
            commune_id, language, at=at_text, offset=str(previous) if previous else None
        )
        if page.offset > 0
        else None,
        "next_url": commune_as_of_url(commune_id, language, at=at_text, offset=str(end))
        if page.documents and end < page.total
        else None,
    }


@router.get(PAGE, response_class=HTMLResponse)
async def commune_as_of_page(
    request: Request, signed_in: ReadsHistoryPage, commune_id: CommuneId
) -> HTMLResponse:
    """Every document of the commune as it stood at ``?at=`` (office time), one page at a time."""
    language = page_language(request)
    at_text = request.query_params.get("at", "").strip()
    offset = _offset(request.query_params.get("offset", ""))
    errors: list[str] = []
    status = 200
    page: CommuneAsOf | None = None
    at = parse_office_moment(at_text) if at_text else None
    if at_text and at is None:
        errors.append(TEXT["bad_time"][language])
        status = 422
    elif at is not None:
        port: HistoryPort = request.app.state.history
        try:
            page = await port.commune(commune_id, at, offset, DEFAULT_LIMIT, signed_in.context)
        except ServiceError as exc:
            errors.append(exc.message(language))
            status, _ = http_status(exc)
    moment_iso = at.isoformat() if at else ""
    values: dict[str, Any] = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=commune_as_of_url(
                commune_id, other_language(language), at=at_text, offset=str(offset) if offset else None
            ),
        ),
        "t": {key: value[language] for key, value in TEXT.items()},
        "commune_id": commune_id,
        "action": PAGE.format(commune_id=commune_id),
        "at_value": form_value(at) if at else at_text,
        "shown_at": shown(at) if at else "",
        "page": page,
        "rows": [_row(d, commune_id, moment_iso, language) for d in page.documents] if page else [],
        **(_pages(page, commune_id, at_text, language) if page else {"previous_url": None, "next_url": None}),
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(
        request, "commune_as_of.html", values, status_code=status, headers={"Content-Language": language}
    )
