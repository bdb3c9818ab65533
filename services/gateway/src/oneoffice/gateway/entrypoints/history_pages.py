"""The audit history page of a document (``/communes/{commune_id}/van-ban/{document_id}/lich-su``):
who did what, when, and the document's state at a chosen moment (``?as_of=``), rebuilt from events.

Linked from the incoming and outgoing document pages for those who may read it (the auditor,
admins). The form's moment is office time (Asia/Ho_Chi_Minh), read and shown as the commune as-of page
does (:mod:`.office_moment`); a moment with an offset is taken as it is. No inline script or style.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from oneoffice.contracts.access import Permission

from ..application.errors import ServiceError
from ..application.history import DocumentHistory, HistoryPort
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .office_moment import form_value, parse_office_moment, shown
from .page_access import page_requires
from .page_header import header, localized
from .page_session import SignedInPage
from .service_problems import http_status
from .templating import templates

PAGE = "/communes/{commune_id}/van-ban/{document_id}/lich-su"
# The commune's state at a moment (:mod:`.commune_as_of_pages`), linked from here.
COMMUNE_AS_OF_PAGE = "/communes/{commune_id}/luc-truoc"
STYLESHEET = "/static/history.css"

router = APIRouter(tags=["pages"], include_in_schema=False)
ReadsHistoryPage = Annotated[SignedInPage, Depends(page_requires(Permission.HISTORY_READ))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]
DocumentId = Annotated[str, Path(max_length=64)]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Lịch sử văn bản", "en": "Document history"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "as_of": {"vi": "Tại thời điểm", "en": "As of"},
    "as_of_field": {"vi": "Tại thời điểm (giờ Việt Nam)", "en": "As of (Vietnam time)"},
    "now": {"vi": "hiện tại", "en": "now"},
    "show": {"vi": "Xem", "en": "Show"},
    "when": {"vi": "Thời gian (giờ Việt Nam)", "en": "When (Vietnam time)"},
    "who": {"vi": "Người thực hiện", "en": "Who"},
    "what": {"vi": "Việc đã làm", "en": "What"},
    "event": {"vi": "Sự kiện", "en": "Event"},
    "state": {"vi": "Trạng thái tại thời điểm xem", "en": "State at that moment"},
    "commune_as_of": {"vi": "Trạng thái của xã tại thời điểm này", "en": "The commune at this moment"},
    "bad_time": {
        "vi": "Thời điểm không hợp lệ (giờ Việt Nam, ví dụ 2026-11-25T08:30, hoặc kèm múi giờ).",
        "en": "Invalid moment (Vietnam time, e.g. 2026-11-25T08:30, or with an offset).",
    },
}


LINK: dict[Language, str] = {"vi": "Lịch sử", "en": "History"}


def history_url(commune_id: str, document_id: str, language: Language = "vi", **params: str) -> str:
    query = {k: v for k, v in params.items() if v}
    if language == "en":
        query["lang"] = "en"
    url = PAGE.format(commune_id=commune_id, document_id=document_id)
    return url + (f"?{urlencode(query)}" if query else "")


def commune_as_of_url(commune_id: str, language: Language = "vi", **params: str | None) -> str:
    return localized(COMMUNE_AS_OF_PAGE.format(commune_id=commune_id), language, **params)


def history_links(signed_in: SignedInPage, commune_id: str, language: Language) -> dict[str, Any]:
    """What the document pages need to link here: ``history_of(document_id)`` (None for whoever may
    not read the history) and the link's text."""
    identity = signed_in.context.identity
    allowed = identity is not None and identity.may(Permission.HISTORY_READ, commune_id)
    return {
        "history_of": lambda document_id: history_url(commune_id, document_id, language) if allowed else None,
        "history_label": LINK[language],
    }


@router.get(PAGE, response_class=HTMLResponse)
async def history_page(
    request: Request, signed_in: ReadsHistoryPage, commune_id: CommuneId, document_id: DocumentId
) -> HTMLResponse:
    """Who did what to the document, and its state at ``?as_of=`` (default: now)."""
    language = page_language(request)
    as_of_text = request.query_params.get("as_of", "")
    errors: list[str] = []
    status = 200
    history: DocumentHistory | None = None
    as_of = parse_office_moment(as_of_text) if as_of_text else None
    if as_of_text and as_of is None:
        errors.append(TEXT["bad_time"][language])
        status = 422
    else:
        port: HistoryPort = request.app.state.history
        try:
            history = await port.document(commune_id, document_id, as_of, signed_in.context)
        except ServiceError as exc:
            errors.append(exc.message(language))
            status, _ = http_status(exc)
    other: Language = "vi" if language == "en" else "en"
    values: dict[str, Any] = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=history_url(commune_id, document_id, other, as_of=as_of_text),
        ),
        "t": {key: value[language] for key, value in TEXT.items()},
        "commune_id": commune_id,
        "document_id": document_id,
        "history": history,
        "as_of_value": form_value(as_of) if as_of else as_of_text,
        "shown": shown,
        "base": PAGE.format(commune_id=commune_id, document_id=document_id),
        "commune_url": commune_as_of_url(
            commune_id, language, at=history.as_of.isoformat() if history and history.as_of else None
        ),
        "summary_of": (lambda e: e.summary_en) if language == "en" else (lambda e: e.summary_vi),
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(
        request, "history.html", values, status_code=status, headers={"Content-Language": language}
    )
