"""Which documents files may be attached to: the incoming ones the read model knows.

Outgoing documents join when their register exists: a reader of them, and one branch here.
"""

from __future__ import annotations

from ..domain.attachment_errors import UnsupportedDocumentKind
from ..domain.attachments import DocumentKind
from .errors import IncomingDocumentNotFound
from .ports import IncomingDocumentReader


class KnownDocuments:
    def __init__(self, incoming: IncomingDocumentReader) -> None:
        self._incoming = incoming

    async def require(self, kind: DocumentKind, commune_id: str, document_id: str) -> None:
        if kind is DocumentKind.INCOMING:
            if await self._incoming.get(commune_id, document_id) is None:
                raise IncomingDocumentNotFound(commune_id, document_id)
            return
        raise UnsupportedDocumentKind(kind.value)
