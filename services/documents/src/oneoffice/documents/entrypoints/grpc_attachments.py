"""The ``oneoffice.documents.v1.AttachmentService`` servicer: streams in and out, use cases between.

Attaching to an incoming document needs ``incoming:register`` in its commune, reading its
attachments ``incoming:read`` (outgoing documents: ``outgoing:issue`` and ``outgoing:read``); the user
recorded is the caller identity's username.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.documents.v1 import attachments_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import attachments_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import require

from ..application.add_attachment import AddAttachment, AddAttachmentHandler
from ..application.read_attachments import DocumentRef, ReadAttachments
from ..domain.attachment_errors import MalformedUpload, UnsupportedDocumentKind
from ..domain.attachments import Attachment, DocumentKind
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["AttachmentService"].full_name
CORRELATION_HEADER = "x-correlation-id"
_KINDS: dict[int, DocumentKind] = {
    pb.DOCUMENT_KIND_INCOMING: DocumentKind.INCOMING,
    pb.DOCUMENT_KIND_OUTGOING: DocumentKind.OUTGOING,
}
_WIRE_KINDS: dict[DocumentKind, Any] = {kind: wire for wire, kind in _KINDS.items()}
# (attach, read) permission of each kind of document whose attachments are served.
_PERMISSIONS = {
    DocumentKind.INCOMING: (Permission.INCOMING_REGISTER, Permission.INCOMING_READ),
    DocumentKind.OUTGOING: (Permission.OUTGOING_ISSUE, Permission.OUTGOING_READ),
}


def _permission(kind_value: int, writing: bool) -> tuple[DocumentKind, Permission]:
    kind = _KINDS.get(kind_value)
    if kind is None or kind not in _PERMISSIONS:
        raise UnsupportedDocumentKind(kind.value if kind else str(kind_value))
    attach, read = _PERMISSIONS[kind]
    return kind, attach if writing else read


def _correlation_id(context: Any) -> str:
    return next((str(v) for k, v in context.invocation_metadata() or () if k == CORRELATION_HEADER), "")


def attachment_message(document_id: str, kind: DocumentKind, a: Attachment) -> pb.Attachment:
    message = pb.Attachment(
        attachment_id=a.attachment_id,
        document_id=document_id,
        document_kind=_WIRE_KINDS[kind],
        file_name=a.file_name,
        media_type=a.media_type,
        sha256=a.sha256,
        size=a.size,
        added_by=a.added_by,
    )
    message.added_at.FromDatetime(a.added_at)
    return message


class AttachmentServicer(pb_grpc.AttachmentServiceServicer):
    def __init__(self, add: AddAttachmentHandler, read: ReadAttachments) -> None:
        self._add = add
        self._read = read

    async def AddAttachment(  # the proto's method name
        self, requests: AsyncIterator[pb.AddAttachmentRequest], context: Any
    ) -> pb.Attachment:
        first = await anext(aiter(requests), None)
        try:
            if first is None or first.WhichOneof("part") != "header":
                raise MalformedUpload()
            header = first.header
            kind, permission = _permission(header.document_kind, writing=True)
        except Exception as exc:
            await abort_with(context, exc)
        identity = await require(context, permission, header.commune_id)
        command = AddAttachment(
            commune_id=header.commune_id,
            document_kind=kind,
            document_id=header.document_id,
            file_name=header.file_name,
            added_by=identity.username,
            correlation_id=_correlation_id(context),
        )
        try:
            added = await self._add(command, _chunks(requests))
        except Exception as exc:
            await abort_with(context, exc)
        return attachment_message(header.document_id, kind, added)

    async def ListAttachments(  # the proto's method name
        self, request: pb.ListAttachmentsRequest, context: Any
    ) -> pb.ListAttachmentsResponse:
        try:
            kind, permission = _permission(request.document_kind, writing=False)
        except Exception as exc:
            await abort_with(context, exc)
        await require(context, permission, request.commune_id)
        try:
            found = await self._read.list(DocumentRef(request.commune_id, kind, request.document_id))
        except Exception as exc:
            await abort_with(context, exc)
        return pb.ListAttachmentsResponse(
            attachments=[attachment_message(request.document_id, kind, a) for a in found]
        )

    async def DownloadAttachment(  # the proto's method name
        self, request: pb.DownloadAttachmentRequest, context: Any
    ) -> AsyncIterator[pb.DownloadAttachmentResponse]:
        try:
            kind, permission = _permission(request.document_kind, writing=False)
        except Exception as exc:
            await abort_with(context, exc)
        await require(context, permission, request.commune_id)
        ref = DocumentRef(request.commune_id, kind, request.document_id)
        try:
            found, chunks = await self._read.open(ref, request.attachment_id)
        except Exception as exc:
            await abort_with(context, exc)
        yield pb.DownloadAttachmentResponse(attachment=attachment_message(request.document_id, kind, found))
        async for chunk in chunks:
            yield pb.DownloadAttachmentResponse(chunk=chunk)


async def _chunks(requests: AsyncIterator[pb.AddAttachmentRequest]) -> AsyncIterator[bytes]:
    async for message in requests:
        if message.WhichOneof("part") != "chunk":
            raise MalformedUpload()
        yield message.chunk
