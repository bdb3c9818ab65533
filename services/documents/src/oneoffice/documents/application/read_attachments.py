"""Queries: the attachments of a document, and one attachment's content as a stream of chunks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from ..domain.attachment_errors import AttachmentContentMissing, AttachmentNotFound
from ..domain.attachments import Attachment, DocumentKind
from .add_attachment import DocumentLookup
from .blob_store import BlobNotFound, BlobStore
from .document_attachments import AttachmentStreams


@dataclass(frozen=True, slots=True)
class DocumentRef:
    commune_id: str
    document_kind: DocumentKind
    document_id: str


class ReadAttachments:
    def __init__(self, streams: AttachmentStreams, blobs: BlobStore, documents: DocumentLookup) -> None:
        self._streams = streams
        self._blobs = blobs
        self._documents = documents

    async def list(self, ref: DocumentRef) -> list[Attachment]:
        """Raises the document's not-found error."""
        await self._documents.require(ref.document_kind, ref.commune_id, ref.document_id)
        loaded = await self._streams.load(ref.document_kind, ref.commune_id, ref.document_id)
        return list(loaded.attachments)

    async def open(self, ref: DocumentRef, attachment_id: str) -> tuple[Attachment, AsyncIterator[bytes]]:
        """Raises the document's not-found error, ``AttachmentNotFound`` or ``AttachmentContentMissing``."""
        found = next((a for a in await self.list(ref) if a.attachment_id == attachment_id), None)
        if found is None:
            raise AttachmentNotFound(ref.document_id, attachment_id)
        try:
            return found, await self._blobs.open(found.sha256)
        except BlobNotFound:
            raise AttachmentContentMissing(found.sha256) from None
