"""A hand-written fake of the gateway's history port: one document's events, cut at ``as_of`` as the
documents service cuts them, refusing an unknown document (404) and a moment before the first event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from oneoffice.gateway.application.errors import InvalidRequest, NotFound
from oneoffice.gateway.application.history import CommuneAsOf, DocumentHistory, HistoryEntry
from oneoffice.gateway.application.ports import RequestContext

REGISTERED = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
PASSED_ON = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
ENTRIES = (
    HistoryEntry(
        1,
        REGISTERED,
        "vanthu-16876",
        "documents.IncomingDocumentRegistered",
        "Vào sổ văn bản đến: incoming_number=1",
        "Registered as incoming: incoming_number=1",
        {"incoming_number": 1},
    ),
    HistoryEntry(
        2,
        PASSED_ON,
        "vanthu-16876",
        "documents.DocumentPassedOn",
        "Chuyển văn bản: recipient=lanhdao",
        "Passed on: recipient=lanhdao",
        {"recipient": "lanhdao"},
    ),
)


class FakeHistory:
    """``document``: doc-1's history; ``commune``: doc-1 and ``commune_documents`` more documents
    registered after it (doc-2, doc-3, …), paged as the documents service pages them."""

    def __init__(self, commune_documents: int = 2) -> None:
        self.calls: list[tuple[str, str, datetime | None, str]] = []
        self.commune_calls: list[tuple[str, datetime, int, int, str]] = []
        self.commune_documents = commune_documents

    async def document(
        self, commune_id: str, document_id: str, as_of: datetime | None, context: RequestContext
    ) -> DocumentHistory:
        self.calls.append((commune_id, document_id, as_of, context.actor))
        if document_id != "doc-1":
            raise NotFound("documents", f"Không có văn bản '{document_id}'.", f"No document '{document_id}'.")
        if as_of is not None and as_of < REGISTERED:
            raise InvalidRequest("documents", "Thời điểm trước sự kiện đầu tiên.", "Before the first event.")
        entries = tuple(e for e in ENTRIES if as_of is None or e.recorded_at <= as_of)
        state: dict[str, object] = {}
        for entry in entries:
            state.update(entry.changes)
        return DocumentHistory(commune_id, document_id, as_of, entries, state)

    async def commune(
        self, commune_id: str, as_of: datetime, offset: int, limit: int, context: RequestContext
    ) -> CommuneAsOf:
        self.commune_calls.append((commune_id, as_of, offset, limit, context.actor))
        if commune_id != "16876":
            raise NotFound("documents", f"Xã '{commune_id}' chưa có sự kiện.", f"No event in '{commune_id}'.")
        if as_of < REGISTERED:
            raise InvalidRequest("documents", "Thời điểm trước sự kiện đầu tiên.", "Before the first event.")
        every = [await self.document(commune_id, "doc-1", as_of, context)] + [
            DocumentHistory(commune_id, f"doc-{n}", as_of, (_registered(n),), {"incoming_number": n})
            for n in range(2, self.commune_documents + 2)
            if _registered(n).recorded_at <= as_of
        ]
        return CommuneAsOf(
            commune_id, as_of, tuple(every[offset : offset + limit]), len(every), offset, limit
        )


def _registered(number: int) -> HistoryEntry:
    return HistoryEntry(
        number + 1,
        PASSED_ON + timedelta(minutes=number),
        "vanthu-16876",
        "documents.IncomingDocumentRegistered",
        f"Vào sổ văn bản đến: incoming_number={number}",
        f"Registered as incoming: incoming_number={number}",
        {"incoming_number": number},
    )
