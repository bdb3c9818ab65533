"""Web page of one outgoing document (``/communes/{commune_id}/van-ban-di/{document_id}``): its
details, its attachments with download links and a form to attach a file (multipart, CSRF token).

The same shape as the incoming document's page (``attachments_pages``); a refused file (too big, a
type not allowed) comes back on the page with the service's message, Vietnamese first.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile

from oneoffice.contracts.access import Permission

from ..application.attachments import AttachmentInfo, DocumentKind
from ..application.errors import ServiceError
from ..application.outgoing import OutgoingPort
from .attachment_download import download_response
from .attachments_api import attachments_of, read_chunks, wire_name
from .attachments_pages import _size
from .csrf import CSRF_FIELD
from .language import Language, page_language
from .messages import text
from .outgoing_page_texts import CONFIDENTIALITIES, STATES, TEXT, URGENCIES
from .outgoing_pages import (
    PAGE,
    STYLESHEET,
    CommuneId,
    DocumentId,
    IssuesOutgoingPage,
    ReadsOutgoingPage,
    page_url,
)
from .page_access import csrf_refused
from .page_header import header
from .page_session import SignedInPage
from .service_problems import http_status
from .templating import templates

router = APIRouter(tags=["pages"], include_in_schema=False)

DOCUMENT_PAGE = PAGE + "/{document_id}"
KIND: DocumentKind = "outgoing"


def document_url(commune_id: str, document_id: str, language: Language, **params: str) -> str:
    query = {k: v for k, v in params.items() if v}
    if language == "en":
        query["lang"] = "en"
    path = f"/communes/{commune_id}/van-ban-di/{quote(document_id, safe='')}"
    return path + (f"?{urlencode(query)}" if query else "")


def _row(commune_id: str, a: AttachmentInfo) -> dict[str, Any]:
    return {
        "id": a.attachment_id,
        "name": a.file_name,
        "type": a.media_type,
        "size": _size(a.size),
        "sha256": a.sha256,
        "added_by": a.added_by,
        "added_at": a.added_at.strftime("%d/%m/%Y %H:%M UTC"),
        "url": document_url(commune_id, a.document_id, "vi") + f"/dinh-kem/{quote(a.attachment_id, safe='')}",
    }


async def _render(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    document_id: str,
    *,
    status: int = 200,
    notice: str = "",
    errors: list[str] | None = None,
) -> HTMLResponse:
    language = page_language(request)
    context = signed_in.context
    outgoing: OutgoingPort = request.app.state.outgoing
    document = await outgoing.get(commune_id, document_id, context)
    listed_error = ""
    rows: list[dict[str, Any]] = []
    try:
        listed = await attachments_of(request).list_attachments(KIND, commune_id, document_id, context)
        rows = [_row(commune_id, a) for a in listed]
    except ServiceError as exc:
        listed_error = text(language, "attachments.unavailable", reason=exc.message(language))
    identity = context.identity
    values = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=document_url(commune_id, document_id, "vi" if language == "en" else "en"),
        ),
        "t": {key: value[language] for key, value in TEXT.items()},
        "ta": lambda key, **v: text(language, key, **v),
        "states": {key: value[language] for key, value in STATES.items()},
        "urgencies": URGENCIES,
        "confidentialities": CONFIDENTIALITIES,
        "stylesheet": STYLESHEET,
        "commune_id": commune_id,
        "document": document,
        "day": lambda d: d.strftime("%d/%m/%Y") if d else "",
        "attachments": rows,
        "listed_error": listed_error,
        "can_attach": identity is not None and identity.may(Permission.OUTGOING_ISSUE, commune_id),
        "csrf_token": signed_in.csrf_token,
        "action": document_url(commune_id, document_id, "vi")
        + ("/dinh-kem?lang=en" if language == "en" else "/dinh-kem"),
        "limit": _size(request.app.state.settings.max_attachment_size),
        "notice": notice,
        "errors": errors or [],
        "back_url": page_url(
            commune_id,
            language,
            body=document.body_code,
            year=document.issued_on.year if document.issued_on else None,
        ),
    }
    return templates.TemplateResponse(
        request, "outgoing_document.html", values, status_code=status, headers={"Content-Language": language}
    )


@router.get(DOCUMENT_PAGE, response_class=HTMLResponse)
async def outgoing_document_page(
    request: Request,
    signed_in: ReadsOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    attached: Annotated[str, Query(max_length=300)] = "",
) -> HTMLResponse:
    """One outgoing document: its details and its attachments."""
    language = page_language(request)
    notice = text(language, "attachments.notice.added", name=attached) if attached else ""
    return await _render(request, signed_in, commune_id, document_id, notice=notice)


@router.post(DOCUMENT_PAGE + "/dinh-kem", response_class=HTMLResponse)
async def attach_outgoing_from_form(
    request: Request,
    signed_in: IssuesOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
) -> Response:
    """Attach the posted file as the signed-in clerk, then show the document again (303)."""
    language = page_language(request)
    async with request.form(max_files=1, max_fields=4) as form:
        sent = form.get(CSRF_FIELD)
        if not signed_in.accepts_form(sent if isinstance(sent, str) else None):
            raise csrf_refused(signed_in)  # before anything is asked of a service
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            errors = [text(language, "attachments.form.missing")]
            return await _render(request, signed_in, commune_id, document_id, status=422, errors=errors)
        try:
            added = await attachments_of(request).add_attachment(
                KIND, commune_id, document_id, wire_name(file.filename), read_chunks(file), signed_in.context
            )
        except ServiceError as exc:
            return await _render(
                request,
                signed_in,
                commune_id,
                document_id,
                status=http_status(exc)[0],
                errors=[exc.message(language)],
            )
    return RedirectResponse(
        document_url(commune_id, document_id, language, attached=added.file_name), status_code=303
    )


@router.get(DOCUMENT_PAGE + "/dinh-kem/{attachment_id}", response_class=StreamingResponse)
async def download_outgoing_from_page(
    request: Request,
    signed_in: ReadsOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    attachment_id: Annotated[str, PathParam(max_length=64)],
) -> StreamingResponse:
    """One file attached to an outgoing document, for the signed-in user."""
    info, chunks = await attachments_of(request).open_attachment(
        KIND, commune_id, document_id, attachment_id, signed_in.context
    )
    return download_response(info, chunks)
