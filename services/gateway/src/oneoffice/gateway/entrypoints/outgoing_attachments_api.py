"""JSON API of the files attached to outgoing documents: attach (multipart), list, download.

The same shapes and statuses as the incoming documents' attachments; attaching needs
``outgoing:issue``, reading ``outgoing:read``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from ..application.attachments import DocumentKind
from .attachment_download import download_response
from .attachments_api import (
    _ERRORS,
    ATTACHMENTS,
    DOWNLOAD_RESPONSES,
    UPLOAD_RESPONSES,
    AttachmentId,
    AttachmentOut,
    AttachmentsOut,
    CommuneId,
    DocumentId,
    attachment_url,
    attachments_of,
    read_chunks,
    wire_name,
)
from .outgoing_api import IssuesOutgoing, ReadsOutgoing

router = APIRouter(prefix="/api/v1/communes/{commune_id}/outgoing-documents", tags=["attachments"])
KIND: DocumentKind = "outgoing"


@router.post(
    ATTACHMENTS,
    status_code=201,
    response_model=AttachmentOut,
    responses=UPLOAD_RESPONSES,
)
async def attach_outgoing_file(
    request: Request,
    commune_id: CommuneId,
    document_id: DocumentId,
    file: Annotated[
        UploadFile,
        File(description="PDF, PNG, JPEG, TIFF, DOCX, XLSX, DOC or ODT, judged by the content."),
    ],
    response: Response,
    context: IssuesOutgoing,
) -> AttachmentOut:
    """Attach a file to an outgoing document (multipart/form-data, field ``file``)."""
    added = await attachments_of(request).add_attachment(
        KIND, commune_id, document_id, wire_name(file.filename), read_chunks(file), context
    )
    response.headers["Location"] = attachment_url(commune_id, document_id, added.attachment_id, KIND)
    return AttachmentOut.of(commune_id, added, KIND)


@router.get(ATTACHMENTS, response_model=AttachmentsOut, responses=_ERRORS)
async def list_outgoing_attachments(
    request: Request, commune_id: CommuneId, document_id: DocumentId, context: ReadsOutgoing
) -> AttachmentsOut:
    """The files attached to an outgoing document, in the order they were attached."""
    found = await attachments_of(request).list_attachments(KIND, commune_id, document_id, context)
    return AttachmentsOut(attachments=[AttachmentOut.of(commune_id, a, KIND) for a in found])


@router.get(
    ATTACHMENTS + "/{attachment_id}",
    response_class=StreamingResponse,
    responses=DOWNLOAD_RESPONSES,
)
async def download_outgoing_attachment(
    request: Request,
    commune_id: CommuneId,
    document_id: DocumentId,
    attachment_id: AttachmentId,
    context: ReadsOutgoing,
) -> StreamingResponse:
    """One file attached to an outgoing document, streamed, with its name and type."""
    info, chunks = await attachments_of(request).open_attachment(
        KIND, commune_id, document_id, attachment_id, context
    )
    return download_response(info, chunks)
