"""The :class:`AttachmentsPort` over ``oneoffice.documents.v1.AttachmentService`` (streamed both ways)."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Sequence
from datetime import UTC
from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import attachments_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import attachments_pb2_grpc as pb_grpc

from ..application.attachments import AttachmentInfo, DocumentKind
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "documents"
_KINDS = {"incoming": pb.DOCUMENT_KIND_INCOMING, "outgoing": pb.DOCUMENT_KIND_OUTGOING}


def _info(message: pb.Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        attachment_id=message.attachment_id,
        document_id=message.document_id,
        file_name=message.file_name,
        media_type=message.media_type,
        sha256=message.sha256,
        size=message.size,
        added_by=message.added_by,
        added_at=message.added_at.ToDatetime(tzinfo=UTC),
    )


class GrpcAttachments:
    def __init__(
        self, channels: GrpcChannels, *, timeout: float = 10.0, transfer_timeout: float = 300.0
    ) -> None:
        self._channels = channels
        self._timeout = timeout
        # A whole file crosses in one call: it may take longer than a request's answer.
        self._transfer_timeout = transfer_timeout

    def _stub(self) -> Any:
        return pb_grpc.AttachmentServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]

    async def add_attachment(
        self,
        kind: DocumentKind,
        commune_id: str,
        document_id: str,
        file_name: str,
        chunks: AsyncIterable[bytes],
        context: RequestContext,
    ) -> AttachmentInfo:
        header = pb.AttachmentHeader(
            commune_id=commune_id, document_kind=_KINDS[kind], document_id=document_id, file_name=file_name
        )

        async def requests() -> AsyncIterator[pb.AddAttachmentRequest]:
            yield pb.AddAttachmentRequest(header=header)
            async for chunk in chunks:
                if chunk:
                    yield pb.AddAttachmentRequest(chunk=chunk)

        try:
            added = await self._stub().AddAttachment(
                requests(), timeout=self._transfer_timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return _info(added)

    async def list_attachments(
        self, kind: DocumentKind, commune_id: str, document_id: str, context: RequestContext
    ) -> Sequence[AttachmentInfo]:
        request = pb.ListAttachmentsRequest(
            commune_id=commune_id, document_kind=_KINDS[kind], document_id=document_id
        )
        try:
            found = await self._stub().ListAttachments(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return [_info(a) for a in found.attachments]

    async def open_attachment(
        self,
        kind: DocumentKind,
        commune_id: str,
        document_id: str,
        attachment_id: str,
        context: RequestContext,
    ) -> tuple[AttachmentInfo, AsyncIterator[bytes]]:
        request = pb.DownloadAttachmentRequest(
            commune_id=commune_id,
            document_kind=_KINDS[kind],
            document_id=document_id,
            attachment_id=attachment_id,
        )
        call = self._stub().DownloadAttachment(
            request, timeout=self._transfer_timeout, metadata=self._channels.metadata(context)
        )
        try:
            first = await call.read()
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        if first is grpc.aio.EOF or first.WhichOneof("part") != "attachment":
            call.cancel()
            raise service_error(SERVICE, _protocol_error(call))
        return _info(first.attachment), _chunks(call)


async def _chunks(call: Any) -> AsyncIterator[bytes]:
    try:
        while (message := await call.read()) is not grpc.aio.EOF:
            yield message.chunk
    finally:
        call.cancel()  # a client that went away stops the transfer (no-op once it ended)


def _protocol_error(call: Any) -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(
        grpc.StatusCode.INTERNAL,
        grpc.aio.Metadata(),
        grpc.aio.Metadata(),
        details="the download did not start with the attachment's description",
    )
