"""The event store on SQLAlchemy 2 async (SQLite embedded, PostgreSQL distributed).

Ordering guarantee: an event's global position is assigned while the appender holds the store's
write lock (PostgreSQL: a transaction-scoped advisory lock; SQLite: ``BEGIN IMMEDIATE``), and the
lock is released only after the commit is visible. So positions become visible in increasing order,
and a follower reading ``position > last_seen`` can never skip an event that commits late. Aborted
appends leave harmless holes in the numbering, never a reordering.

The two hot paths (append, read by position) run on the driver connection of each database
(:mod:`.sqlite_backend`, :mod:`.postgres_backend`); everything else is SQLAlchemy Core.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

import orjson
import sqlalchemy as sa
from opentelemetry import trace
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from .append_plan import (
    DEFAULT_MAX_EVENT_BYTES,
    AppendRequest,
    BeforeCommitHook,
    IdempotencyRecord,
    NewEvent,
)
from .chain import ChainRecord, ChainReport, verify_chain
from .clock import Clock, SystemClock
from .envelope import Envelope, Metadata, StoredEvent, canonical_json, decode, timestamp_text
from .errors import InvalidAppend, UnportableEventData
from .events import DomainEvent
from .postgres_backend import PostgresBackend
from .schema import events as events_table
from .schema import idempotency_records, snapshots
from .sqlite_backend import SqliteBackend

__all__ = ["EventStore", "HashedEvent", "IdempotencyRecord", "Snapshot"]

T = TypeVar("T")
HashedEvent = tuple[int, bytes, str]
"""``(position, data, hash)``: a stored event with its own hash (SHA-256 hex of ``data``), as kept."""


class _Backend(Protocol):
    async def append(
        self, request: AppendRequest, recorded_at: datetime, before_commit: BeforeCommitHook | None
    ) -> list[StoredEvent]: ...

    async def read_all(self, after: int, limit: int) -> list[StoredEvent]: ...

    async def read_all_hashed(self, after: int, limit: int) -> list[HashedEvent]: ...

    async def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Snapshot:
    stream_id: str
    stream_version: int
    state_type: str
    state: dict[str, Any]


_CHAIN_COLUMNS = (
    events_table.c.position,
    events_table.c.event_id,
    events_table.c.event_type,
    events_table.c.schema_version,
    events_table.c.stream_id,
    events_table.c.stream_version,
    events_table.c.commune_id,
    events_table.c.data,
    events_table.c.hash,
)


def append_request(
    stream_id: str,
    commune_id: str,
    new_events: Sequence[DomainEvent],
    expected_version: int | None,
    metadata: Metadata,
    idempotency: IdempotencyRecord | None,
    occurred_at: datetime | None,
    now: datetime,
    max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
) -> AppendRequest:
    """The checked request of one :meth:`EventStore.append` (shared with the in-memory store).

    Raises :class:`UnportableEventData` for an integer outside ±(2^53 - 1): JSON readers in
    browsers and many languages read it back as a different number. (NaN and ±Infinity are refused
    when the envelope is written, :class:`EventTooLarge` once its size is known.)
    """
    if not new_events:
        raise InvalidAppend("nothing to append")
    if expected_version is not None and expected_version < 0:
        raise InvalidAppend("expected_version must be >= 0 or None")
    events = [NewEvent(e.event_type, e.schema_version, e.to_payload()) for e in new_events]
    try:
        # One C-level pass over every payload; the bytes are thrown away.
        orjson.dumps([e.payload for e in events], option=orjson.OPT_STRICT_INTEGER)
    except TypeError as exc:  # orjson.JSONEncodeError: "Integer exceeds 53-bit range", ...
        raise UnportableEventData(str(exc)) from None
    return AppendRequest(
        stream_id=stream_id,
        commune_id=commune_id,
        expected_version=expected_version,
        events=events,
        metadata=metadata,
        occurred_at=timestamp_text(occurred_at or now),
        recorded_at=timestamp_text(now),
        idempotency=idempotency,
        max_event_bytes=max_event_bytes,
    )


class EventStore:
    def __init__(
        self,
        engine: AsyncEngine,
        clock: Clock | None = None,
        *,
        before_commit: BeforeCommitHook | None = None,
        tracer_provider: trace.TracerProvider | None = None,
        on_appended: Callable[[str, int], None] | None = None,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        """``max_event_bytes``: the largest envelope kept, to match the relay's topic
        (:func:`~.append_plan.max_event_bytes` of its ``max.message.bytes``)."""
        self._engine = engine
        self.max_event_bytes = max_event_bytes
        self._tracer = trace.get_tracer("oneoffice.eventcore.store", tracer_provider=tracer_provider)
        # Called with (event type, count) after each committed append: the "events appended" metric.
        self._on_appended = on_appended
        # Followers in this process, woken after each committed append (LogFollower.start).
        self._append_listeners: list[Callable[[], None]] = []
        self._clock = clock or SystemClock()
        self._backend: _Backend
        if engine.dialect.name == "postgresql":
            self._backend = PostgresBackend(engine)
        elif engine.dialect.name == "sqlite":
            self._backend = SqliteBackend(engine.url.database or "")
        else:
            raise ValueError(f"unsupported database: {engine.dialect.name}")
        # Test seam: runs inside the append transaction, after the insert, before the commit.
        self._before_commit = before_commit

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    async def close(self) -> None:
        await self._backend.close()

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
        """Append events to one stream; ``expected_version`` 0 means the stream must be new.

        ``None`` skips the version check (for streams with a single writer by construction).
        Raises :class:`ConcurrencyConflict` (retryable), :class:`DuplicateRequest` or
        :class:`EventRejected` (too large, unportable numbers); either way nothing is written.
        """
        now = self._clock.now()
        request = append_request(
            stream_id,
            commune_id,
            new_events,
            expected_version,
            metadata,
            idempotency,
            occurred_at,
            now,
            self.max_event_bytes,
        )
        with self._tracer.start_as_current_span(
            "eventstore.append",
            kind=trace.SpanKind.INTERNAL,
            attributes={
                "oneoffice.stream_id": stream_id,
                "oneoffice.commune_id": commune_id,
                "oneoffice.event_count": len(new_events),
            },
        ):
            stored = await self._backend.append(request, now, self._before_commit)
        if self._on_appended is not None:
            for event in new_events:
                self._on_appended(event.event_type, 1)
        for listener in tuple(self._append_listeners):
            listener()
        return stored

    def listen_appends(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every append this store commits; returns what stops it.

        Only appends through this object: another process appending to the same database is seen
        by its followers' next poll."""
        self._append_listeners.append(listener)
        return lambda: self._append_listeners.remove(listener)

    async def _read(self, call: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """Run a read; once more if its pooled connection turned out dead (no ping at checkout)."""
        try:
            async with self._engine.connect() as conn:
                return await call(conn)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
        async with self._engine.connect() as conn:
            return await call(conn)

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[StoredEvent]:
        """Events with position > ``after`` in position order: the follower's read."""
        return await self._backend.read_all(after, limit)

    async def read_all_hashed(self, after: int = 0, limit: int = 1000) -> list[HashedEvent]:
        """As :meth:`read_all`, with each event's stored hash: the relay's read (it sends the hash on)."""
        return await self._backend.read_all_hashed(after, limit)

    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]:
        query = (
            sa.select(events_table.c.position, events_table.c.data)
            .where(events_table.c.stream_id == stream_id, events_table.c.stream_version > after_version)
            .order_by(events_table.c.stream_version)
        )
        rows = await self._read(lambda conn: conn.execute(query))
        return [decode((row[0], row[1])) for row in rows]

    async def stream_version(self, stream_id: str) -> int:
        query = sa.select(sa.func.coalesce(sa.func.max(events_table.c.stream_version), 0)).where(
            events_table.c.stream_id == stream_id
        )
        return int(await self._read(lambda conn: conn.scalar(query)) or 0)

    async def last_position(self) -> int:
        query = sa.select(sa.func.coalesce(sa.func.max(events_table.c.position), 0))
        return int(await self._read(lambda conn: conn.scalar(query)) or 0)

    async def communes(self) -> list[str]:
        async with self._engine.connect() as conn:
            result = await conn.execute(sa.select(events_table.c.commune_id).distinct())
            return sorted(row[0] for row in result)

    async def iter_chain(self, commune_id: str, page_size: int = 1000) -> AsyncIterator[ChainRecord]:
        after = 0
        while True:
            query = (
                sa.select(*_CHAIN_COLUMNS)
                .where(events_table.c.commune_id == commune_id, events_table.c.position > after)
                .order_by(events_table.c.position)
                .limit(page_size)
            )
            async with self._engine.connect() as conn:
                page = [ChainRecord(*row) for row in await conn.execute(query)]
            for record in page:
                yield record
            if len(page) < page_size:
                return
            after = page[-1].position

    async def verify(self, commune_id: str) -> ChainReport:
        """Check the commune's hash chain; the report names the first broken link, if any."""
        return await verify_chain(commune_id, self.iter_chain(commune_id))

    async def get_idempotency(self, scope: str, key: str) -> dict[str, Any] | None:
        query = sa.select(idempotency_records.c.result).where(
            idempotency_records.c.scope == scope, idempotency_records.c.key == key
        )
        text = await self._read(lambda conn: conn.scalar(query))
        if text is None:
            return None
        result: dict[str, Any] = json.loads(text)
        return result

    async def save_snapshot(self, snapshot: Snapshot) -> None:
        values = {
            "stream_id": snapshot.stream_id,
            "stream_version": snapshot.stream_version,
            "state_type": snapshot.state_type,
            "state": canonical_json(snapshot.state),
            "recorded_at": self._clock.now(),
        }
        async with self._engine.begin() as conn:
            await conn.execute(snapshots.delete().where(snapshots.c.stream_id == snapshot.stream_id))
            await conn.execute(snapshots.insert().values(**values))

    async def load_snapshot(self, stream_id: str) -> Snapshot | None:
        query = sa.select(snapshots).where(snapshots.c.stream_id == stream_id)
        row = (await self._read(lambda conn: conn.execute(query))).one_or_none()
        if row is None:
            return None
        return Snapshot(row.stream_id, row.stream_version, row.state_type, json.loads(row.state))
