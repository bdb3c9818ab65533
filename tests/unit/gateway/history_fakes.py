"""A hand-written fake of the gateway's history port: one document's events, cut at ``as_of`` as the
documents service cuts them, refusing an unknown document (404) and a moment before the first event."""

from __future__ import annotations

from datetime import UTC, datetime

from oneoffice.gateway.application.errors import InvalidRequest, NotFound
from oneoffice.gateway.application.history import DocumentHistory, HistoryEntry
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
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, datetime | None, str]] = []

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
