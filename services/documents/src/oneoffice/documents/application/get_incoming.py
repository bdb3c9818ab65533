"""Query: one registered incoming document, from the service's local read model."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import IncomingDocumentNotFound
from .ports import IncomingDocumentReader, IncomingDocumentView


@dataclass(frozen=True, slots=True)
class GetIncomingDocument:
    commune_id: str
    document_id: str


class GetIncomingDocumentHandler:
    def __init__(self, reader: IncomingDocumentReader) -> None:
        self._reader = reader

    async def __call__(self, query: GetIncomingDocument) -> IncomingDocumentView:
        """Raises :class:`IncomingDocumentNotFound` (also for a document of another commune)."""
        view = await self._reader.get(query.commune_id, query.document_id)
        if view is None:
            raise IncomingDocumentNotFound(query.commune_id, query.document_id)
        return view
