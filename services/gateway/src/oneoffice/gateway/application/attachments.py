"""Files attached to documents, as the routes need them: the port (gRPC adapter, fakes in tests)."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from .ports import RequestContext

DocumentKind = Literal["incoming", "outgoing"]


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    attachment_id: str
    document_id: str
    file_name: str
    media_type: str
    sha256: str
    size: int
    added_by: str
    added_at: datetime


class AttachmentsPort(Protocol):
    async def add_attachment(
        self,
        kind: DocumentKind,
        commune_id: str,
        document_id: str,
        file_name: str,
        chunks: AsyncIterable[bytes],
        context: RequestContext,
    ) -> AttachmentInfo:
        """Raises ``NotFound`` (no such document), ``InvalidRequest`` and its ``UnsupportedContent``
        and ``ContentTooLarge`` kinds."""
        ...

    async def list_attachments(
        self, kind: DocumentKind, commune_id: str, document_id: str, context: RequestContext
    ) -> Sequence[AttachmentInfo]: ...

    async def open_attachment(
        self,
        kind: DocumentKind,
        commune_id: str,
        document_id: str,
        attachment_id: str,
        context: RequestContext,
    ) -> tuple[AttachmentInfo, AsyncIterator[bytes]]:
        """The attachment and its content in chunks; errors come before the description."""
        ...
