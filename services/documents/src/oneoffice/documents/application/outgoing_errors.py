"""Errors of the outgoing documents' use cases, with Vietnamese and English messages."""

from __future__ import annotations

from ..domain.errors import DocumentsError


class OutgoingDocumentNotFound(DocumentsError):
    code = "outgoing_document_not_found"

    def __init__(self, commune_id: str, document_id: str) -> None:
        super().__init__(
            f"Không tìm thấy văn bản đi «{document_id[:64]}» của xã {commune_id}.",
            f"No outgoing document {document_id[:64]!r} in commune {commune_id!r}.",
        )
