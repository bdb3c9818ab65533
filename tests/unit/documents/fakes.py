"""Hand-written fakes behind the documents service's ports.

The event store has no fake: unit tests use eventcore's in-memory store, which runs the store's
contract tests beside SQLite and PostgreSQL (see ``observed_store`` for what the tests watch).
"""

from __future__ import annotations

from oneoffice.documents.application.ports import IncomingDocumentView


class FakeIncomingDocumentReader:
    def __init__(self, *views: IncomingDocumentView) -> None:
        self.views = {(v.commune_id, v.document_id): v for v in views}

    async def get(self, commune_id: str, document_id: str) -> IncomingDocumentView | None:
        return self.views.get((commune_id, document_id))
