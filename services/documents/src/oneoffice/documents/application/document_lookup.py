"""Which documents files may be attached to: the incoming and outgoing ones the read models know."""

from __future__ import annotations

from ..domain.attachment_errors import UnsupportedDocumentKind
from ..domain.attachments import DocumentKind
from .errors import IncomingDocumentNotFound
from .outgoing_errors import OutgoingDocumentNotFound
from .outgoing_views import OutgoingDocumentReader
from .ports import IncomingDocumentReader


class KnownDocuments:
    def __init__(
        self, incoming: IncomingDocumentReader, outgoing: OutgoingDocumentReader | None = None
    ) -> None:
        self._incoming = incoming
        self._outgoing = outgoing

    async def require(self, kind: DocumentKind, commune_id: str, document_id: str) -> None:
        if kind is DocumentKind.INCOMING:
            if await self._incoming.get(commune_id, document_id) is None:
                raise IncomingDocumentNotFound(commune_id, document_id)
            return
        if kind is DocumentKind.OUTGOING and self._outgoing is not None:
            if await self._outgoing.get(commune_id, document_id) is None:
                raise OutgoingDocumentNotFound(commune_id, document_id)
            return
        raise UnsupportedDocumentKind(kind.value)
