"""JSON API of the files attached to incoming documents: attach (multipart), list, download."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Path, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as StarletteUpload

from ..application.attachments import AttachmentInfo, AttachmentsPort
from .access import ReadsIncoming, RegistersIncoming
from .attachment_download import download_response
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .text_fields import CleanText

router = APIRouter(prefix="/api/v1/communes/{commune_id}/incoming-documents", tags=["attachments"])

CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
DocumentId = Annotated[CleanText, Path(max_length=64)]
AttachmentId = Annotated[CleanText, Path(max_length=64)]
ATTACHMENTS = "/{document_id}/attachments"
CHUNK_SIZE = 64 * 1024
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No such document (or attachment) in this commune", **_PROBLEM},
    422: {"description": "Invalid input: the rules broken, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "A service behind the gateway is not answering", **_PROBLEM},
}
_DOWNLOAD_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
)

UPLOAD_RESPONSES: dict[int | str, dict[str, object]] = {
    **_ERRORS,
    400: {"description": "The body is not well-formed multipart/form-data", **_PROBLEM},
    413: {"description": "The file is larger than the attachment limit", **_PROBLEM},
    415: {"description": "The file's content is not of an accepted type", **_PROBLEM},
}
DOWNLOAD_RESPONSES: dict[int | str, dict[str, object]] = {
    **_ERRORS,
    200: {
        "description": "The file as attached; ETag is its SHA-256",
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in _DOWNLOAD_TYPES
        },
    },
}


class AttachmentOut(BaseModel):
    attachment_id: str
    document_id: str
    file_name: str = Field(description="The name the file was uploaded with.")
    media_type: str = Field(description="Judged from the content, e.g. application/pdf.")
    sha256: str = Field(description="Lowercase hex SHA-256 of the content (also the download's ETag).")
    size: int = Field(description="Bytes.")
    added_by: str
    added_at: datetime
    download_url: str

    @classmethod
    def of(cls, commune_id: str, info: AttachmentInfo, kind: str = "incoming") -> AttachmentOut:
        return cls(
            attachment_id=info.attachment_id,
            document_id=info.document_id,
            file_name=info.file_name,
            media_type=info.media_type,
            sha256=info.sha256,
            size=info.size,
            added_by=info.added_by,
            added_at=info.added_at,
            download_url=attachment_url(commune_id, info.document_id, info.attachment_id, kind),
        )


class AttachmentsOut(BaseModel):
    attachments: list[AttachmentOut]


def attachment_url(commune_id: str, document_id: str, attachment_id: str, kind: str = "incoming") -> str:
    return f"/api/v1/communes/{commune_id}/{kind}-documents/{document_id}/attachments/{attachment_id}"


def attachments_of(request: Request) -> AttachmentsPort:
    attachments: AttachmentsPort = request.app.state.attachments
    return attachments


def wire_name(file_name: str | None) -> str:
    """The name as UTF-8 can carry it (a lone surrogate becomes "?"); the service judges the rest."""
    return (file_name or "").encode("utf-8", "replace").decode("utf-8")


async def read_chunks(file: StarletteUpload) -> AsyncIterator[bytes]:
    while chunk := await file.read(CHUNK_SIZE):
        yield chunk


@router.post(
    ATTACHMENTS,
    status_code=201,
    response_model=AttachmentOut,
    responses=UPLOAD_RESPONSES,
)
async def attach_file(
    request: Request,
    commune_id: CommuneId,
    document_id: DocumentId,
    file: Annotated[
        UploadFile,
        File(description="PDF, PNG, JPEG, TIFF, DOCX, XLSX, DOC or ODT, judged by the content."),
    ],
    response: Response,
    context: RegistersIncoming,
) -> AttachmentOut:
    """Attach a file to an incoming document (multipart/form-data, field ``file``)."""
    added = await attachments_of(request).add_attachment(
        "incoming", commune_id, document_id, wire_name(file.filename), read_chunks(file), context
    )
    response.headers["Location"] = attachment_url(commune_id, document_id, added.attachment_id)
    return AttachmentOut.of(commune_id, added)


@router.get(ATTACHMENTS, response_model=AttachmentsOut, responses=_ERRORS)
async def list_attachments(
    request: Request, commune_id: CommuneId, document_id: DocumentId, context: ReadsIncoming
) -> AttachmentsOut:
    """The files attached to an incoming document, in the order they were attached."""
    found = await attachments_of(request).list_attachments("incoming", commune_id, document_id, context)
    return AttachmentsOut(attachments=[AttachmentOut.of(commune_id, a) for a in found])


@router.get(
    ATTACHMENTS + "/{attachment_id}",
    response_class=StreamingResponse,
    responses=DOWNLOAD_RESPONSES,
)
async def download_attachment(
    request: Request,
    commune_id: CommuneId,
    document_id: DocumentId,
    attachment_id: AttachmentId,
    context: ReadsIncoming,
) -> StreamingResponse:
    """One attached file, streamed, with its name and type."""
    info, chunks = await attachments_of(request).open_attachment(
        "incoming", commune_id, document_id, attachment_id, context
    )
    return download_response(info, chunks)
