"""Use case: attach a file to a document, streamed in, kept in the blob store, recorded as an event.

load → decide → save, with the content stored between the checks and the decision: the document
must exist before a byte is read; the content is counted while it streams (refused past the limit)
and judged by what it holds once whole; only then is the event appended. A refused file leaves no
blob behind. Attaching a content the document already has answers the attachment it has.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.attachment_errors import AttachmentEmpty, AttachmentTooLarge, AttachmentTypeNotAllowed
from ..domain.attachments import Attachment, AttachmentAdded, DocumentKind, FileName
from ..domain.content_types import judge_content
from .blob_store import BlobStore, StoredBlob
from .document_attachments import AttachmentStreams
from .errors import RegisterBusy


class DocumentLookup(Protocol):
    async def require(self, kind: DocumentKind, commune_id: str, document_id: str) -> None:
        """Raises the kind's not-found error (or ``UnsupportedDocumentKind``) unless the document exists."""
        ...


@dataclass(frozen=True, slots=True)
class AddAttachment:
    commune_id: str
    document_kind: DocumentKind
    document_id: str
    file_name: str
    added_by: str
    correlation_id: str = ""


class AddAttachmentHandler:
    def __init__(
        self,
        streams: AttachmentStreams,
        blobs: BlobStore,
        documents: DocumentLookup,
        clock: Clock,
        *,
        max_size: int,
        new_attachment_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        max_attempts: int = 5,
    ) -> None:
        self._streams = streams
        self._blobs = blobs
        self._documents = documents
        self._clock = clock
        self._max_size = max_size
        self._new_attachment_id = new_attachment_id
        self._max_attempts = max_attempts

    async def __call__(self, cmd: AddAttachment, chunks: AsyncIterable[bytes]) -> Attachment:
        """Raises the document's not-found error, ``InvalidFileName``, ``AttachmentTooLarge``,
        ``AttachmentTypeNotAllowed``, ``AttachmentEmpty`` or ``RegisterBusy``."""
        name = FileName.of(cmd.file_name)
        await self._documents.require(cmd.document_kind, cmd.commune_id, cmd.document_id)
        blob, media_type = await self._blobs.put(_capped(chunks, self._max_size), _judged)
        return await retry_on_conflict(
            lambda: self._record(cmd, name, blob, media_type),
            attempts=self._max_attempts,
            give_up=RegisterBusy,
        )

    async def _record(
        self, cmd: AddAttachment, name: FileName, blob: StoredBlob, media_type: str
    ) -> Attachment:
        attachments = await self._streams.load(cmd.document_kind, cmd.commune_id, cmd.document_id)
        candidate = Attachment(
            attachment_id=self._new_attachment_id(),
            file_name=name.text,
            media_type=media_type,
            sha256=blob.sha256,
            size=blob.size,
            added_by=cmd.added_by,
            added_at=self._clock.now(),
        )
        decided = attachments.attach(candidate)
        if isinstance(decided, AttachmentAdded):
            await self._streams.save(attachments, decided, correlation_id=cmd.correlation_id)
            return decided.attachment
        return decided


def _judged(file: BinaryIO, size: int) -> str:
    if size == 0:
        raise AttachmentEmpty()
    media_type = judge_content(file)
    if media_type is None:
        raise AttachmentTypeNotAllowed()
    return media_type


async def _capped(chunks: AsyncIterable[bytes], limit: int) -> AsyncIterator[bytes]:
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise AttachmentTooLarge(limit)
        yield chunk
