"""What the use cases need from the outside world, as protocols.

``EventStorePort`` is the part of :class:`oneoffice.eventcore.store.EventStore` the command handlers
use (unit tests give them eventcore's ``InMemoryEventStore``); ``Clock`` is eventcore's clock port.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from oneoffice.eventcore.append_plan import IdempotencyRecord
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.envelope import Envelope, Metadata, StoredEvent
from oneoffice.eventcore.events import DomainEvent

from ..domain.incoming_symbol import RecordedSymbol

__all__ = ["AppendListener", "Clock", "EventStorePort", "IncomingDocumentReader", "IncomingDocumentView"]


class EventStorePort(Protocol):
    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]: ...

    async def append(
        self,
        stream_id: str,
        commune_id: str,
        new_events: Sequence[DomainEvent],
        *,
        expected_version: int | None,
        metadata: Metadata,
        idempotency: IdempotencyRecord | None = None,
        occurred_at: datetime | None = None,
    ) -> list[StoredEvent]:
        """Raises ``ConcurrencyConflict`` or ``DuplicateRequest``; either way nothing is written."""
        ...

    async def get_idempotency(self, scope: str, key: str) -> dict[str, Any] | None: ...


class AppendListener(Protocol):
    def __call__(self) -> None:
        """Told after each successful append (wakes the followers of the store at once)."""


@dataclass(frozen=True, slots=True)
class IncomingDocumentView:
    """One registered incoming document, as the local read model holds it."""

    document_id: str
    commune_id: str
    body_code: str
    incoming_number: int
    year: int
    issuer: str
    number_symbol: str
    document_date: date
    document_type: str
    summary: str
    urgency: str
    received_date: date
    registered_at: datetime
    registered_by: str
    duplicate_of: str | None
    # The parts read from number_symbol at registration (None: blank, or registered before).
    symbol: RecordedSymbol | None = None


class IncomingDocumentReader(Protocol):
    async def get(self, commune_id: str, document_id: str) -> IncomingDocumentView | None: ...
