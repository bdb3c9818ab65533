"""What the figures' use cases need from the outside world, as protocols.

``EventStorePort`` is the part of :class:`oneoffice.eventcore.store.EventStore` they use (unit tests
give them eventcore's ``InMemoryEventStore``); ``FigureReader`` is the read model of figures and
conflicts (:mod:`..adapters.figures_reader`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from oneoffice.eventcore.envelope import Envelope, Metadata, StoredEvent
from oneoffice.eventcore.events import DomainEvent


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
        occurred_at: datetime | None = None,
    ) -> list[StoredEvent]:
        """Raises ``ConcurrencyConflict``; nothing is written then."""
        ...


@dataclass(frozen=True, slots=True)
class FigureEntry:
    """One report or adoption in a figure's history, in the order they were recorded."""

    kind: str  # report, adoption
    body_code: str
    value: Decimal
    text: str  # the report's note or the adoption's reason
    actor: str
    recorded_at: datetime
    conflict_id: str | None = None


@dataclass(frozen=True, slots=True)
class FigureView:
    commune_id: str
    indicator_code: str
    period: str
    status: str  # agreed, conflict, adopted
    value: Decimal | None
    open_conflict_id: str | None
    history: tuple[FigureEntry, ...]


@dataclass(frozen=True, slots=True)
class ConflictView:
    conflict_id: str
    commune_id: str
    indicator_code: str
    period: str
    status: str  # open, adopted, settled
    values: dict[str, Decimal]
    raised_at: datetime
    adopted_body: str | None = None
    adopted_value: Decimal | None = None
    reason: str | None = None


class FigureReader(Protocol):
    async def figures(
        self, commune_id: str, indicator_code: str | None, period: str | None
    ) -> list[FigureView]: ...

    async def conflicts(self, commune_id: str, status: str | None) -> list[ConflictView]: ...
