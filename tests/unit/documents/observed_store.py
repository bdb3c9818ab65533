"""eventcore's in-memory event store, wrapped with what the unit tests watch and the races they stage.

The wrapper keeps no events of its own: every call goes to the real in-memory store (held to the
store's contract by the integration tests), so the use cases meet the store's real rules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from oneoffice.eventcore.append_plan import IdempotencyRecord
from oneoffice.eventcore.envelope import Envelope, Metadata, StoredEvent
from oneoffice.eventcore.errors import ConcurrencyConflict
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.memory_store import InMemoryEventStore

CutIn = Callable[[], Awaitable[None]]


class Append(NamedTuple):
    stream_id: str
    expected_version: int | None
    metadata: Metadata
    idempotency: IdempotencyRecord | None


class ObservedStore:
    def __init__(self, store: InMemoryEventStore | None = None) -> None:
        self.store = store or InMemoryEventStore()
        self.appends: list[Append] = []  # the successful ones
        self.conflicts = 0
        self.reads: list[tuple[str, int]] = []
        # Each runs once at the start of one of the next appends: another writer getting in first.
        self.before_next_append: list[CutIn] = []
        self._cutting_in = False

    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]:
        self.reads.append((stream_id, after_version))
        return await self.store.read_stream(stream_id, after_version)

    async def get_idempotency(self, scope: str, key: str) -> dict[str, Any] | None:
        return await self.store.get_idempotency(scope, key)

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
        if self.before_next_append and not self._cutting_in:
            # The other writer's own appends do not set off the next cut-ins.
            self._cutting_in = True
            try:
                await self.before_next_append.pop(0)()
            finally:
                self._cutting_in = False
        try:
            stored = await self.store.append(
                stream_id,
                commune_id,
                new_events,
                expected_version=expected_version,
                metadata=metadata,
                idempotency=idempotency,
                occurred_at=occurred_at,
            )
        except ConcurrencyConflict:
            self.conflicts += 1
            raise
        self.appends.append(Append(stream_id, expected_version, metadata, idempotency))
        return stored

    async def payloads(self, stream_id: str) -> list[dict[str, Any]]:
        return [e.payload for e in await self.store.read_stream(stream_id)]
