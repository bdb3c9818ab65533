"""Web page of one incoming document: its details, its attachments (download links), a form to attach."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile

from oneoffice.contracts.access import Permission

from ..application.attachments import AttachmentInfo, AttachmentsPort
from ..application.catalogue import FormCatalogue
from ..application.errors import ServiceError
from ..application.ports import DocumentsPort, IncomingDocument
from .attachment_download import download_response
from .attachments_api import attachments_of, read_chunks, wire_name
from .csrf import CSRF_FIELD
from .deps import CatalogueDep, DocumentsDep
from .history_pages import history_links
from .incoming_api_models import COMMUNE_ID_PATTERN
from .incoming_pages import page_url
from .language import Language, page_language
from .messages import text
from .page_access import ReadsIncomingPage, RegistersIncomingPage, csrf_refused
from .page_header import header
from .page_session import SignedInPage
from .service_problems import http_status
from .tasks_pages import document_work_values
from .templating import templates

router = APIRouter(tags=["pages"], include_in_schema=False)

PAGE = "/communes/{commune_id}/van-ban-den/{document_id}"
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]
DocumentId = Annotated[str, Path(max_length=64)]


def document_url(commune_id: str, document_id: str, language: Language, **params: str) -> str:
    query = {k: v for k, v in params.items() if v}
    if language == "en":
        query["lang"] = "en"
    return f"/communes/{commune_id}/van-ban-den/{document_id}" + (f"?{urlencode(query)}" if query else "")


def _size(size: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return f"{size} B"


def _row(commune_id: str, a: AttachmentInfo) -> dict[str, Any]:
    return {
        "id": a.attachment_id,
        "name": a.file_name,
        "type": a.media_type,
        "size": _size(a.size),
        "sha256": a.sha256,
        "added_by": a.added_by,
        "added_at": a.added_at.strftime("%d/%m/%Y %H:%M UTC"),
        "url": f"/communes/{commune_id}/van-ban-den/{a.document_id}/dinh-kem/{a.attachment_id}",
    }


async def _render(
    request: Request,
    signed_in: SignedInPage,
    documents: DocumentsPort,
    attachments: AttachmentsPort,
    catalogue: FormCatalogue,
    commune_id: str,
    document_id: str,
    *,
    status: int = 200,
    notice: str = "",
    errors: list[str] | None = None,
    work_errors: list[str] | None = None,
) -> HTMLResponse:
    language = page_language(request)
    context = signed_in.context
    document: IncomingDocument = await documents.get_incoming(commune_id, document_id, context)
    listed_error = ""
    rows: list[dict[str, Any]] = []
    try:
        rows = [
            _row(commune_id, a)
            for a in await attachments.list_attachments("incoming", commune_id, document_id, context)
        ]
    except ServiceError as exc:
        listed_error = text(language, "attachments.unavailable", reason=exc.message(language))
    document_type = catalogue.document_type(document.document_type)
    identity = context.identity
    limit = _size(request.app.state.settings.max_attachment_size)
    values = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=document_url(commune_id, document_id, "vi" if language == "en" else "en"),
        ),
        "t": lambda key, **v: text(language, key, **v),
        "commune_id": commune_id,
        "document": document,
        "type_name": document_type.label(language) if document_type else document.document_type,
        "received_date": document.received_date.strftime("%d/%m/%Y"),
        "document_date": document.document_date.strftime("%d/%m/%Y"),
        "attachments": rows,
        "listed_error": listed_error,
        "can_attach": identity is not None and identity.may(Permission.INCOMING_REGISTER, commune_id),
        "csrf_token": signed_in.csrf_token,
        "action": f"/communes/{commune_id}/van-ban-den/{document_id}/dinh-kem"
        + ("?lang=en" if language == "en" else ""),
        "limit": limit,
        "notice": notice,
        "errors": errors or [],
        "back_url": page_url(commune_id, language, body=document.body_code, year=document.year),
        # Tracked work (#12): the passing-on and the tasks, the pass-on and direction forms.
        **await document_work_values(request, signed_in, commune_id, document_id, language),
        "work_errors": work_errors or [],
        **history_links(signed_in, commune_id, language),
    }
    return templates.TemplateResponse(
        request, "incoming_document.html", values, status_code=status, headers={"Content-Language": language}
    )


async def render_document(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    document_id: str,
    *,
    status: int = 200,
    errors: list[str] | None = None,
) -> HTMLResponse:
    """The document's page again (after a refused form of tracked work)."""
    state = request.app.state
    return await _render(
        request,
        signed_in,
        state.documents,
        attachments_of(request),
        await state.form_catalogue.get(signed_in.context),
        commune_id,
        document_id,
        status=status,
        work_errors=errors,
    )


@router.get(PAGE, response_class=HTMLResponse)
async def incoming_document_page(
    request: Request,
    signed_in: ReadsIncomingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    documents: DocumentsDep,
    catalogue: CatalogueDep,
    attached: Annotated[str, Query(max_length=300)] = "",
) -> HTMLResponse:
    """One incoming document: its details and its attachments."""
    language = page_language(request)
    notice = text(language, "attachments.notice.added", name=attached) if attached else ""
    return await _render(
        request,
        signed_in,
        documents,
        attachments_of(request),
        catalogue,
        commune_id,
        document_id,
        notice=notice,
    )


@router.post(PAGE + "/dinh-kem", response_class=HTMLResponse)
async def attach_from_form(
    request: Request,
    signed_in: RegistersIncomingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    documents: DocumentsDep,
    catalogue: CatalogueDep,
) -> Response:
    """Attach the posted file as the signed-in user, then show the document again (303)."""
    language = page_language(request)
    attachments = attachments_of(request)
    async with request.form(max_files=1, max_fields=4) as form:
        sent = form.get(CSRF_FIELD)
        if not signed_in.accepts_form(sent if isinstance(sent, str) else None):
            raise csrf_refused(signed_in)  # before anything is asked of a service
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            errors = [text(language, "attachments.form.missing")]
            return await _render(
                request,
                signed_in,
                documents,
                attachments,
                catalogue,
                commune_id,
                document_id,
                status=422,
                errors=errors,
            )
        try:
            added = await attachments.add_attachment(
                "incoming",
                commune_id,
                document_id,
                wire_name(file.filename),
                read_chunks(file),
                signed_in.context,
            )
        except ServiceError as exc:
            errors = [exc.message(language)]
            return await _render(
                request,
                signed_in,
                documents,
                attachments,
                catalogue,
                commune_id,
                document_id,
                status=http_status(exc)[0],
                errors=errors,
            )
    return RedirectResponse(
        document_url(commune_id, document_id, language, attached=added.file_name), status_code=303
    )


@router.get(PAGE + "/dinh-kem/{attachment_id}", response_class=StreamingResponse)
async def download_from_page(
    request: Request,
    signed_in: ReadsIncomingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    attachment_id: Annotated[str, Path(max_length=64)],
) -> StreamingResponse:
    """One attached file, for the signed-in user."""
    info, chunks = await attachments_of(request).open_attachment(
        "incoming", commune_id, document_id, attachment_id, signed_in.context
    )
    return download_response(info, chunks)
