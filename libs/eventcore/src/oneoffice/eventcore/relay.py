"""The outbox relay: publishes a service's stored events to its Kafka topic.

The event store is the outbox: events commit once, with nothing else to keep in step. The relay
follows the store by position (never skipping a late commit), publishes each page keyed by commune
id, waits for every acknowledgement, and only then advances its cursor in the store's database. A
crash between publishing and advancing re-publishes that page on restart: delivery is at least
once, and consumers drop what they already applied (see :mod:`.applier`). While Kafka is away the
relay keeps its cursor and retries with backoff; nothing is lost, it only falls behind.

Headers: store position, store epoch, the event's own hash (the store's ``hash`` column, read with
the page; see :mod:`.continuity`), in that order at fixed places, then event id, type, schema
version, commune id, and the W3C trace context of
a per-event ``publish`` span whose parent is the trace context stored with the event, so the
consumer's span continues the trace of the request that caused the event.

Replicas: every replica of a service starts a relay, and only one may publish. On PostgreSQL the
active relay holds a session advisory lock, keyed by its name, on a connection of its own (its
lease); the server releases it when that session ends, also when the process dies. The others try
to take it at every poll and take over when it frees; a relay that fails a step gives its lease up,
and whoever takes it next reads the cursor afresh. The cursor itself only moves forward
(``GREATEST``), so a relay that lost its lease mid-page can never rewind it. SQLite: one process
owns the database file (the embedded mode), so there is nothing to fence; the cursor still only
moves forward.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence

import orjson
import sqlalchemy as sa
import structlog
from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from .cancelling import cancel_and_wait, end_if_cancel_requested
from .clock import Clock, SystemClock
from .continuity import read_store_epoch
from .envelope import StoredEvent
from .follower import FollowerLoop, LogFollower
from .kafka.producer import EventProducer, OutgoingMessage
from .schema import relay_cursors
from .store import EventStore, HashedEvent

log = structlog.get_logger("oneoffice.eventcore.relay")
_propagator = TraceContextTextMapPropagator()

POSITION_HEADER = "oneoffice-position"
EPOCH_HEADER = "oneoffice-epoch"
HASH_HEADER = "oneoffice-hash"
PREV_HASH_HEADER = "oneoffice-prev-hash"
EVENT_ID_HEADER = "oneoffice-event-id"
EVENT_TYPE_HEADER = "oneoffice-event-type"
SCHEMA_VERSION_HEADER = "oneoffice-schema-version"
COMMUNE_HEADER = "oneoffice-commune-id"

AfterPublish = Callable[[Sequence[StoredEvent]], Awaitable[None]]

# Two int4 keys: (this class, hashtext(relay name)); apart from the append lock's bigint key space.
RELAY_LOCK_CLASS = 235867599


class OutboxRelay(LogFollower):
    def __init__(
        self,
        store: EventStore,
        producer: EventProducer,
        topic: str,
        *,
        name: str | None = None,
        batch_size: int = 2000,
        poll_interval: float = 0.05,
        clock: Clock | None = None,
        tracer_provider: trace.TracerProvider | None = None,
        on_published: Callable[[int], None] | None = None,
        on_lag: Callable[[int], None] | None = None,
        on_publish_error: Callable[[], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        after_publish: AfterPublish | None = None,
        prepare: Callable[[], Awaitable[None]] | None = None,
        lag_interval: float = 1.0,
    ) -> None:
        """``prepare`` runs before the first page this relay publishes (creating its topics): in the
        loop, so a broker that is away delays it with the loop's back-off instead of failing the
        service's start.

        ``on_lag`` hears, after every step and every ``lag_interval`` seconds while the relay runs,
        the events between the store's head and the stored cursor: read from the database, not from
        what this relay published, so it rises while Kafka is away, also while a publish hangs (and
        is reported by a replica that does not hold the lease, too). ``on_publish_error``
        hears every failed attempt, ``on_recovered`` the first step that succeeds after them."""
        self._store = store
        self._woken_by = store
        self._producer = producer
        self.topic = topic
        self.name = name or f"relay:{topic}"
        self._batch_size = batch_size
        self._clock = clock or SystemClock()
        self._tracer = trace.get_tracer("oneoffice.eventcore.relay", tracer_provider=tracer_provider)
        self._on_published = on_published
        self._on_lag = on_lag
        self._on_publish_error = on_publish_error
        self._on_recovered = on_recovered
        self._lag_interval = lag_interval
        self._lag_sampler: asyncio.Task[None] | None = None
        self._failing = False
        # Test seam: runs after the page is acknowledged and before the cursor moves.
        self._after_publish = after_publish
        self._prepare = prepare
        self._cursor: int | None = None
        # PostgreSQL: the connection holding this relay's session advisory lock, while active.
        self._lease: AsyncConnection | None = None
        self._fenced = store.engine.dialect.name == "postgresql"
        self._epoch = b""
        self._loop = FollowerLoop(
            self.name,
            self.run_once,
            poll_interval=poll_interval,
            on_error=self._retry_from_cursor,
            after_step=self._report_lag,
        )

    async def cursor(self) -> int:
        async with self._store.engine.connect() as conn:
            value = await conn.scalar(
                sa.select(relay_cursors.c.position).where(relay_cursors.c.name == self.name)
            )
        return int(value or 0)

    async def lag(self) -> int:
        return max(0, await self._store.last_position() - await self.cursor())

    @property
    def active(self) -> bool:
        """Whether this relay holds its lease (always, on SQLite)."""
        return not self._fenced or self._lease is not None

    def _save_statement(self, position: int) -> sa.Executable:
        """Insert or move the cursor, never backwards."""
        values = {"name": self.name, "position": position, "updated_at": self._clock.now()}
        stored = relay_cursors.c.position
        if self._fenced:
            pg = postgresql.insert(relay_cursors).values(**values)
            return pg.on_conflict_do_update(
                index_elements=[relay_cursors.c.name],
                set_={
                    "position": sa.func.greatest(stored, pg.excluded.position),
                    "updated_at": pg.excluded.updated_at,
                },
            )
        lite = sqlite.insert(relay_cursors).values(**values)
        return lite.on_conflict_do_update(
            index_elements=[relay_cursors.c.name],
            set_={
                "position": sa.func.max(stored, lite.excluded.position),
                "updated_at": lite.excluded.updated_at,
            },
        )

    async def _save_cursor(self, position: int) -> None:
        if self._lease is not None:
            # On the lease's own session: if it died (and the lock with it), this fails.
            await self._lease.execute(self._save_statement(position))
            await self._lease.commit()
            return
        async with self._store.engine.begin() as conn:
            await conn.execute(self._save_statement(position))

    async def _hold_lease(self) -> bool:
        """Whether this relay may publish; on PostgreSQL, takes the lease when it is free."""
        if not self._fenced:
            return True
        if self._lease is not None:
            raw = await self._lease.get_raw_connection()
            if not raw.driver_connection.is_closed():  # type: ignore[union-attr]
                return True
            log.warning("relay lost its lease: its session ended", relay=self.name)
            await self._release()
        conn = await self._store.engine.connect()
        try:
            taken = await conn.scalar(
                sa.select(sa.func.pg_try_advisory_lock(RELAY_LOCK_CLASS, sa.func.hashtext(self.name)))
            )
            await conn.commit()
        except BaseException:
            await conn.invalidate()
            await conn.close()
            raise
        if not taken:
            await conn.close()
            return False
        self._lease = conn
        self._cursor = None  # the previous holder moved it: read it afresh
        log.info("relay took its lease: publishing", relay=self.name)
        return True

    async def _release(self) -> None:
        conn, self._lease = self._lease, None
        if conn is None:
            return
        try:
            await conn.scalar(
                sa.select(sa.func.pg_advisory_unlock(RELAY_LOCK_CLASS, sa.func.hashtext(self.name)))
            )
            await conn.commit()
        except Exception:
            # The session is gone or broken: closing it for good releases whatever it held.
            with contextlib.suppress(Exception):
                await conn.invalidate()
        with contextlib.suppress(Exception):
            await conn.close()

    def start(self) -> None:
        super().start()
        if self._on_lag is not None and self._lag_sampler is None:
            self._lag_sampler = asyncio.create_task(self._sample_lag(), name=f"{self.name}:lag")

    async def stop(self) -> None:
        if self._lag_sampler is not None:
            sampler, self._lag_sampler = self._lag_sampler, None
            await cancel_and_wait(sampler)
        await super().stop()
        await self._release()

    async def _sample_lag(self) -> None:
        """Report the lag every ``lag_interval`` seconds, also while a publish hangs on a broker
        that is away (a step reports it only once it ends)."""
        while True:
            await asyncio.sleep(self._lag_interval)
            with contextlib.suppress(Exception):  # the database away too: the last value stands
                assert self._on_lag is not None
                self._on_lag(await self.lag())
            end_if_cancel_requested()  # stopped while asking: an error came in the cancel's place

    async def catch_up(self) -> None:
        try:
            await super().catch_up()
        finally:
            if not self._loop.running:
                await self._release()

    async def run_once(self) -> int:
        """Publish at most one page; returns how many events were published (0 when caught up,
        or when another relay holds the lease)."""
        if not await self._hold_lease():
            return 0
        try:
            published = await self._publish_page()
        except BaseException:
            await self._release()  # whoever takes the lease next reads the cursor afresh
            raise
        if self._failing:
            self._failing = False
            if self._on_recovered is not None:
                self._on_recovered()
        return published

    async def _publish_page(self) -> int:
        if self._prepare is not None:
            await self._prepare()
            self._prepare = None
        if self._cursor is None:
            self._cursor = await self.cursor()
            self._epoch = (await read_store_epoch(self._store.engine) or "").encode()
        hashed = await self._store.read_all_hashed(after=self._cursor, limit=self._batch_size)
        if not hashed:
            return 0
        messages, spans = self._messages(hashed)
        try:
            await self._producer.publish(self.topic, messages)
        finally:
            for span in spans:
                span.end()
        if self._after_publish is not None:
            await self._after_publish([(position, data) for position, data, _ in hashed])
        last = hashed[-1][0]
        await self._save_cursor(last)
        self._cursor = last
        if self._on_published is not None:
            self._on_published(len(hashed))
        return len(hashed)

    def _messages(self, page: Sequence[HashedEvent]) -> tuple[list[OutgoingMessage], list[trace.Span]]:
        messages: list[OutgoingMessage] = []
        spans: list[trace.Span] = []
        epoch = (EPOCH_HEADER, self._epoch)  # one tuple for the page: fewer objects for the collector
        for position, data, hash_ in page:
            envelope = orjson.loads(data)  # the stored canonical JSON: no NaN, integers within ±2^53
            headers = [
                # The position first, the epoch second, the event's own hash third and the hash it
                # links to fourth (see continuity): every consumer reads them by index for every message.
                (POSITION_HEADER, str(position).encode()),
                epoch,
                (HASH_HEADER, hash_.encode()),
                (PREV_HASH_HEADER, str(envelope.get("prev_hash", "")).encode()),
                (EVENT_ID_HEADER, envelope["event_id"].encode()),
                (EVENT_TYPE_HEADER, envelope["event_type"].encode()),
                (SCHEMA_VERSION_HEADER, str(envelope["schema_version"]).encode()),
                (COMMUNE_HEADER, envelope["commune_id"].encode()),
            ]
            carrier: dict[str, str] = dict(envelope.get("trace_context") or {})
            if carrier:
                parent = _propagator.extract(carrier)
                span = self._tracer.start_span(
                    f"{self.topic} publish",
                    context=parent,
                    kind=trace.SpanKind.PRODUCER,
                    attributes={
                        "messaging.system": "kafka",
                        "messaging.destination.name": self.topic,
                        "messaging.message.id": envelope["event_id"],
                    },
                )
                if span.is_recording():
                    spans.append(span)
                    carrier = {}
                    _propagator.inject(carrier, context=trace.set_span_in_context(span))
            headers += [(k, v.encode()) for k, v in carrier.items()]
            messages.append(OutgoingMessage(envelope["commune_id"].encode(), data, headers))
        return messages, spans

    def _retry_from_cursor(self, exc: Exception) -> None:
        log.warning("relay could not publish; will retry from its cursor", relay=self.name, error=repr(exc))
        self._cursor = None
        self._failing = True
        if self._on_publish_error is not None:
            self._on_publish_error()

    async def _report_lag(self) -> None:
        if self._on_lag is not None:
            # The database away too: nothing to measure, the last value stands.
            with contextlib.suppress(Exception):
                head = await self._store.last_position()
                # The cursor this relay just saved, or (Kafka away, another replica publishing)
                # the one in the database.
                cursor = self._cursor if self._cursor is not None and self.active else await self.cursor()
                self._on_lag(max(0, head - cursor))
