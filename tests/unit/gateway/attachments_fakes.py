"""A hand-written fake of the gateway's attachments port: keeps what it is sent, as the service would."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterable, AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from oneoffice.gateway.application.attachments import AttachmentInfo, DocumentKind
from oneoffice.gateway.application.errors import NotFound, ServiceError
from oneoffice.gateway.application.ports import RequestContext

ADDED_AT = datetime(2026, 3, 10, 2, 5, tzinfo=UTC)


@dataclass
class FakeAttachments:
    documents: set[tuple[str, str]] = field(default_factory=lambda: {("16876", "doc-1")})
    outgoing: set[tuple[str, str]] = field(default_factory=lambda: {("16876", "out-1")})
    attached: dict[str, tuple[AttachmentInfo, bytes]] = field(default_factory=dict)
    # Raised by the next upload (after reading it all, as the service judges the whole file).
    fail_with: list[ServiceError] = field(default_factory=list)
    contexts: list[RequestContext] = field(default_factory=list)
    chunk_sizes: list[int] = field(default_factory=list)

    def _require(self, kind: DocumentKind, commune_id: str, document_id: str) -> None:
        known = self.documents if kind == "incoming" else self.outgoing
        if (commune_id, document_id) not in known:
            raise NotFound(
                "documents", f"Không tìm thấy văn bản đến «{document_id}».", f"No {document_id!r}."
            )

    async def add_attachment(
        self,
        kind: DocumentKind,
        commune_id: str,
        document_id: str,
        file_name: str,
        chunks: AsyncIterable[bytes],
        context: RequestContext,
    ) -> AttachmentInfo:
        self.contexts.append(context)
        self._require(kind, commune_id, document_id)
        received = []
        async for chunk in chunks:
            self.chunk_sizes.append(len(chunk))
            received.append(chunk)
        if self.fail_with:
            raise self.fail_with.pop(0)
        content = b"".join(received)
        info = AttachmentInfo(
            attachment_id=f"att-{len(self.attached) + 1}",
            document_id=document_id,
            file_name=file_name,
            media_type="application/pdf",
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            added_by=context.actor,
            added_at=ADDED_AT,
        )
        self.attached[info.attachment_id] = (info, content)
        return info

    async def list_attachments(
        self, kind: DocumentKind, commune_id: str, document_id: str, context: RequestContext
    ) -> Sequence[AttachmentInfo]:
        self._require(kind, commune_id, document_id)
        return [info for info, _ in self.attached.values() if info.document_id == document_id]

    async def open_attachment(
        self,
        kind: DocumentKind,
        commune_id: str,
        document_id: str,
        attachment_id: str,
        context: RequestContext,
    ) -> tuple[AttachmentInfo, AsyncIterator[bytes]]:
        self._require(kind, commune_id, document_id)
        if attachment_id not in self.attached:
            raise NotFound("documents", "Không có tệp đính kèm.", "No such attachment.")
        info, content = self.attached[attachment_id]

        async def chunks() -> AsyncIterator[bytes]:
            for start in range(0, len(content), 1000):
                yield content[start : start + 1000]

        return info, chunks()
