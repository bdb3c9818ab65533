"""The event store in memory: the SQL stores' contract with nothing to install (unit tests, tools).

Appends go through the same planning as the SQL stores (:mod:`.append_plan`: envelope bytes, stream
versions, the per-commune hash chain) and keep the same rules: a stale expected version raises
:class:`ConcurrencyConflict`, a used idempotency key raises :class:`DuplicateRequest`, and either
way nothing is written; the idempotency record commits with the events. One lock serialises the
appends, held until the events are visible, so readers by position never skip one. The integration
tests of the store run against it beside SQLite and PostgreSQL.

Several handles may share one log (:meth:`InMemoryEventStore.sharing`), the way several processes
share one database.
"""

from __future__ import annotations

import asyncio
import bisect
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .append_plan import BeforeCommitHook, IdempotencyRecord, check_expected, plan_rows
from .chain import ChainRecord, ChainReport, verify_chain
from .clock import Clock, SystemClock
from .envelope import GENESIS_HASH, Envelope, Metadata, StoredEvent, canonical_json, decode
from .errors import DuplicateRequest
from .events import DomainEvent
from .store import Snapshot, append_request

__all__ = ["InMemoryEventStore"]


@dataclass(slots=True)
class _Log:
    """What a database would hold: events in position order, idempotency records, snapshots."""

    records: list[ChainRecord] = field(default_factory=list)
    streams: dict[str, list[ChainRecord]] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)
    # Stored as canonical JSON text, as the SQL stores keep them: callers get a fresh copy each time.
    idempotency: dict[tuple[str, str], str] = field(default_factory=dict)
    snapshots: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class InMemoryEventStore:
    def __init__(
        self,
        clock: Clock | None = None,
        *,
        before_commit: BeforeCommitHook | None = None,
        on_appended: Callable[[str, int], None] | None = None,
        _log: _Log | None = None,
    ) -> None:
        self._clock = clock or SystemClock()
        # Test seam, as the SQL store's: runs after the events are planned, before they are visible.
        self._before_commit = before_commit
        self._on_appended = on_appended
        self._log = _log or _Log()

    def sharing(self, *, before_commit: BeforeCommitHook | None = None) -> InMemoryEventStore:
        """Another handle on the same events, as another process connected to the same database."""
        return InMemoryEventStore(self._clock, before_commit=before_commit, _log=self._log)

    async def close(self) -> None:
        """Nothing to release (the SQL store closes its connections)."""

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
        """As :meth:`EventStore.append`: raises ``ConcurrencyConflict`` or ``DuplicateRequest``."""
        now = self._clock.now()
        request = append_request(
            stream_id, commune_id, new_events, expected_version, metadata, idempotency, occurred_at, now
        )
        log = self._log
        async with log.lock:
            if idempotency is not None and (answered := log.idempotency.get(_key(idempotency))):
                raise DuplicateRequest(idempotency.scope, idempotency.key, json.loads(answered))
            stream = log.streams.get(stream_id, [])
            base = check_expected(request, len(stream))
            rows = plan_rows(request, base, log.heads.get(commune_id, GENESIS_HASH))
            first = len(log.records) + 1
            records = [
                ChainRecord(
                    first + i,
                    row.event_id,
                    row.event_type,
                    row.schema_version,
                    stream_id,
                    row.stream_version,
                    commune_id,
                    row.data,
                    row.hash,
                )
                for i, row in enumerate(rows)
            ]
            stored: list[StoredEvent] = [(r.position, r.data) for r in records]
            if self._before_commit is not None:
                await self._before_commit(stored)
            # The commit: nothing above changed the log, so a failure there left no trace.
            log.records.extend(records)
            log.streams.setdefault(stream_id, []).extend(records)
            log.heads[commune_id] = records[-1].hash
            if idempotency is not None:
                log.idempotency[_key(idempotency)] = canonical_json(idempotency.result)
        if self._on_appended is not None:
            for event in new_events:
                self._on_appended(event.event_type, 1)
        return stored

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[StoredEvent]:
        """Events with position > ``after`` in position order: the follower's read."""
        records = self._log.records
        start = bisect.bisect_right(records, after, key=lambda r: r.position)
        return [(r.position, r.data) for r in records[start : start + limit]]

    async def read_all_hashed(self, after: int = 0, limit: int = 1000) -> list[tuple[int, bytes, str]]:
        """As :meth:`read_all`, with each event's own hash: the relay's read."""
        records = self._log.records
        start = bisect.bisect_right(records, after, key=lambda r: r.position)
        return [(r.position, r.data, r.hash) for r in records[start : start + limit]]

    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]:
        stream = self._log.streams.get(stream_id, [])
        return [decode((r.position, r.data)) for r in stream[max(after_version, 0) :]]

    async def stream_version(self, stream_id: str) -> int:
        return len(self._log.streams.get(stream_id, []))

    async def last_position(self) -> int:
        records = self._log.records
        return records[-1].position if records else 0

    async def communes(self) -> list[str]:
        return sorted(self._log.heads)

    async def iter_chain(self, commune_id: str, page_size: int = 1000) -> AsyncIterator[ChainRecord]:
        for record in list(self._log.records):
            if record.commune_id == commune_id:
                yield record

    async def verify(self, commune_id: str) -> ChainReport:
        """Check the commune's hash chain; the report names the first broken link, if any."""
        return await verify_chain(commune_id, self.iter_chain(commune_id))

    async def get_idempotency(self, scope: str, key: str) -> dict[str, Any] | None:
        stored = self._log.idempotency.get((scope, key))
        if stored is None:
            return None
        result: dict[str, Any] = json.loads(stored)
        return result

    async def save_snapshot(self, snapshot: Snapshot) -> None:
        state = canonical_json(snapshot.state)
        self._log.snapshots[snapshot.stream_id] = (snapshot.stream_version, snapshot.state_type, state)

    async def load_snapshot(self, stream_id: str) -> Snapshot | None:
        saved = self._log.snapshots.get(stream_id)
        if saved is None:
            return None
        version, state_type, state = saved
        return Snapshot(stream_id, version, state_type, json.loads(state))


def _key(record: IdempotencyRecord) -> tuple[str, str]:
    return (record.scope, record.key)
