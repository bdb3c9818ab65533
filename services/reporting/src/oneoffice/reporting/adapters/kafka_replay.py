"""Replays Kafka topics into projection rebuilds: from the earliest offsets to the end offsets at start.

A plain aiokafka consumer with its partitions assigned by hand: no consumer group, so the live
subscription's group and its partitions are left alone, and nothing is committed to Kafka. Offsets
live in the reporting database, under the rebuild's subscription name, and move in the same
transaction as the rows they produced (:class:`~oneoffice.eventcore.applier.BatchApplier`); called
again with the same name, the replay continues from them up to the new end offsets.

One pass may feed several readers (:func:`replay_together`): each projection being rebuilt reads
the topics it needs, with its own applier, checkpoints and progress, while each fetched record is
unpacked and its envelope decoded once for all of them (:mod:`.one_pass_replay` gathers the
rebuilds of the command line into one pass). A reader whose applier fails stops alone; the others go
on.

A topic that lost its first events (retention, deleted records) is refused before anything is read
(:meth:`KafkaTopicReplay.ensure_complete`), and a partition truncated while the replay reads it
stops the replay (the consumer never jumps silently to the new first offset).
"""

from __future__ import annotations

import asyncio
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import OffsetOutOfRangeError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.applier import BatchApplier, Deliveries
from oneoffice.eventcore.checkpoints import Checkpoint
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.envelope import Envelope, StoredEvent, decode
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.kafka.subscription import deliveries_from_records
from oneoffice.eventcore.kafka.topics import TopicTruncated, existing_partitions, verify_complete

from ..application.errors import EventLogTruncated
from ..application.rebuild import ReplayProgress
from .event_decoding import decoded_once

log = structlog.get_logger("oneoffice.reporting.kafka_replay")

CLIENT_ID = "oneoffice-reporting-rebuild"


class ReplayStalled(RuntimeError):
    """Kafka delivered nothing for too long although the end offsets were not reached."""


async def ensure_complete(bootstrap_servers: str, topics: Sequence[str], client_id: str = CLIENT_ID) -> None:
    """Raise :class:`EventLogTruncated` unless every partition of ``topics`` still starts at offset 0."""
    try:
        await verify_complete(bootstrap_servers, topics, client_id=client_id)
    except TopicTruncated as truncated:
        raise EventLogTruncated(truncated.topic, truncated.first_offsets, truncated.retention) from None


class KafkaTopicReplay:
    def __init__(
        self,
        bootstrap_servers: str,
        topics: Sequence[str],
        engine: AsyncEngine,
        *,
        clock: Clock | None = None,
        max_records: int = 5000,
        idle_timeout: float = 60.0,
        client_id: str = CLIENT_ID,
        progress: ReplayProgress | None = None,
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.topics = tuple(topics)
        self.engine = engine
        self.clock = clock
        self.max_records = max_records
        self.idle_timeout = idle_timeout
        self.client_id = client_id
        self.progress = progress

    def with_progress(self, progress: ReplayProgress) -> KafkaTopicReplay:
        return KafkaTopicReplay(
            self.bootstrap_servers,
            self.topics,
            self.engine,
            clock=self.clock,
            max_records=self.max_records,
            idle_timeout=self.idle_timeout,
            client_id=self.client_id,
            progress=progress,
        )

    def reader(self, handler: EventHandler, subscription: str) -> PassReader:
        """This replay's part in a pass: ``handler`` applies ``subscription``'s events of its topics."""
        return PassReader(
            self.engine, subscription, handler, self.topics, clock=self.clock, progress=self.progress
        )

    async def ensure_complete(self) -> None:
        """Raise :class:`EventLogTruncated` unless every partition still starts at offset 0."""
        await ensure_complete(self.bootstrap_servers, self.topics, self.client_id)

    async def __call__(self, handler: EventHandler, subscription: str) -> None:
        await self.ensure_complete()
        reader = self.reader(handler, subscription)
        await replay_together(
            self.bootstrap_servers,
            [reader],
            max_records=self.max_records,
            idle_timeout=self.idle_timeout,
            client_id=self.client_id,
        )
        if reader.failure is not None:
            raise reader.failure


@dataclass(eq=False)
class PassReader:
    """One projection's part in a pass: its subscription, handler and topics, and where it stands."""

    engine: AsyncEngine
    subscription: str
    handler: EventHandler
    topics: Sequence[str]
    clock: Clock | None = None
    progress: ReplayProgress | None = None
    # Set when this reader's applier failed: it reads no more (the pass goes on for the others).
    failure: Exception | None = None
    # Set by whoever waits for the reader: once done (e.g. cancelled), the pass leaves it out.
    waiter: asyncio.Future[None] | None = None
    # The checkpoint last committed, and the next offset to hand to it, per partition (set by the pass).
    expected: dict[TopicPartition, Checkpoint | None] = field(default_factory=dict)
    positions: dict[TopicPartition, int] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.failure is None and (self.waiter is None or not self.waiter.done())


class _Envelopes:
    """The envelopes of one fetch, decoded once whichever readers apply them.

    Keyed by the identity of the record's bytes, which the readers' appliers pass on unchanged; the
    bytes are kept with their envelope, so an identity is never reused while it is remembered.
    """

    def __init__(self) -> None:
        self._decoded: dict[int, tuple[bytes, Envelope]] = {}

    def clear(self) -> None:
        self._decoded.clear()

    def of(self, events: Sequence[StoredEvent]) -> list[Envelope]:
        decoded = self._decoded
        envelopes: list[Envelope] = []
        for event in events:
            data = event[1]
            known = decoded.get(id(data))
            if known is None or known[0] is not data:
                envelope = decode(event)
                decoded[id(data)] = (data, envelope)
            else:
                envelope = known[1]
            envelopes.append(envelope)
        return envelopes


class _DecodedOnce:
    """A reader's handler, handed the envelopes of the pass instead of decoding the bytes itself.

    ``handle`` with the decoded envelopes is every handler's contract; ``handle_stored`` is only a
    shortcut of it (see :class:`~oneoffice.eventcore.handlers.StoredEventHandler`).
    """

    def __init__(self, handler: EventHandler, envelopes: _Envelopes) -> None:
        self._handler = handler
        self._envelopes = envelopes

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        await self._handler.handle(conn, events)

    async def handle_stored(self, conn: AsyncConnection, events: Sequence[StoredEvent]) -> None:
        await self._handler.handle(conn, self._envelopes.of(events))


async def replay_together(
    bootstrap_servers: str,
    readers: Sequence[PassReader],
    *,
    max_records: int = 5000,
    idle_timeout: float = 60.0,
    client_id: str = CLIENT_ID,
) -> None:
    """Read the union of the readers' topics once, from each reader's checkpoints to the end offsets
    at start, and hand every fetch to each reader for the partitions it reads.

    A reader whose applier raises keeps the error in ``failure`` and reads no more; errors of Kafka
    itself (a truncated partition, a stall) stop the whole pass.
    """
    topics = list(dict.fromkeys(topic for reader in readers for topic in reader.topics))
    # A topic the cluster does not know has no events yet: nothing to replay.
    partitions = await existing_partitions(bootstrap_servers, topics, client_id=client_id)
    if not partitions:
        return
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        group_id=None,
        enable_auto_commit=False,
        # An offset that is no longer there is an error, never a silent jump past lost events.
        auto_offset_reset="none",
        # Bigger fetches than aiokafka's 1 MiB a partition (about 700 events): fuller batches, so
        # fewer transactions and statements for the same events (memory: about 4 MiB a partition).
        max_partition_fetch_bytes=4 << 20,
    )
    await consumer.start()
    try:
        await _Pass(consumer, readers, partitions, max_records, idle_timeout).run()
    except OffsetOutOfRangeError:
        await ensure_complete(bootstrap_servers, topics, client_id)  # names the truncated partitions
        raise
    finally:
        await consumer.stop()


class _Pass:
    def __init__(
        self,
        consumer: AIOKafkaConsumer,
        readers: Sequence[PassReader],
        partitions: list[TopicPartition],
        max_records: int,
        idle_timeout: float,
    ) -> None:
        self._consumer = consumer
        self._partitions = partitions
        self._max_records = max_records
        self._idle_timeout = idle_timeout
        self._envelopes = _Envelopes()
        # SQLite has one writer at a time: its readers apply one after another.
        self._concurrent = all(reader.engine.dialect.name == "postgresql" for reader in readers)
        self._readers = [
            (
                reader,
                BatchApplier(
                    reader.engine,
                    reader.subscription,
                    _DecodedOnce(reader.handler, self._envelopes),
                    clock=reader.clock,
                ),
            )
            for reader in readers
        ]

    async def run(self) -> None:
        consumer = self._consumer
        consumer.assign(self._partitions)
        ends: dict[TopicPartition, int] = await consumer.end_offsets(self._partitions)
        for reader, applier in self._readers:
            await self._start(reader, applier, ends)
        for tp in self._partitions:
            starts = [r.positions[tp] for r, _ in self._readers if tp in r.positions]
            if starts:
                consumer.seek(tp, min(starts))
        loop = asyncio.get_running_loop()
        last_progress = loop.time()
        while pending := self._pending(ends):
            batches = await consumer.getmany(*pending, timeout_ms=500, max_records=self._max_records)
            if batches:
                last_progress = loop.time()
            elif loop.time() - last_progress > self._idle_timeout:
                missing = sorted(map(str, pending))
                raise ReplayStalled(f"no message for {self._idle_timeout} s; still to read: {missing}")
            # Unpacked once for every reader; each reader's partitions in one transaction of its own.
            fetched: dict[TopicPartition, Deliveries] = {}
            for tp, records in batches.items():
                deliveries = deliveries_from_records([r for r in records if r.offset < ends[tp]])
                if deliveries:
                    fetched[tp] = deliveries
            rewound: dict[tuple[int, TopicPartition], int] = {}
            try:
                # Each envelope decoded once, and its payload validated once, for every reader.
                with decoded_once():
                    for index, again in await self._apply_all(fetched):
                        rewound.update({(index, tp): offset for tp, offset in again.items()})
            finally:
                self._envelopes.clear()
            await self._advance(pending, rewound)

    async def _apply_all(
        self, fetched: dict[TopicPartition, Deliveries]
    ) -> list[tuple[int, dict[TopicPartition, int]]]:
        """Each active reader's share of a fetch, in its own transaction; at once on PostgreSQL (each
        reader writes its own tables on its own connection: the server works while Python decodes)."""
        active = [
            (index, reader, applier) for index, (reader, applier) in enumerate(self._readers) if reader.active
        ]

        async def apply(
            index: int, reader: PassReader, applier: BatchApplier
        ) -> tuple[int, dict[TopicPartition, int]]:
            return index, await self._apply(reader, applier, fetched)

        if self._concurrent:
            return list(await asyncio.gather(*(apply(*each) for each in active)))
        return [await apply(*each) for each in active]

    async def _start(
        self, reader: PassReader, applier: BatchApplier, ends: dict[TopicPartition, int]
    ) -> None:
        mine = [tp for tp in self._partitions if tp.topic in reader.topics]
        stored = {topic: await applier.stored_checkpoints(topic) for topic in {tp.topic for tp in mine}}
        for tp in mine:
            reader.expected[tp] = checkpoint = stored[tp.topic].get(tp.partition)
            reader.positions[tp] = 0 if checkpoint is None else checkpoint.next_offset
        behind = {tp: ends[tp] for tp in mine if reader.positions[tp] < ends[tp]}
        if reader.progress is not None:
            reader.progress.started(sum(end - reader.positions[tp] for tp, end in behind.items()))
        log.info(
            "replaying",
            subscription=reader.subscription,
            end_offsets={str(tp): end for tp, end in behind.items()},
        )

    def _pending(self, ends: dict[TopicPartition, int]) -> list[TopicPartition]:
        """The partitions some active reader has still to read."""
        readers = [reader for reader, _ in self._readers if reader.active]
        return [
            tp
            for tp in self._partitions
            if any(reader.positions.get(tp, ends[tp]) < ends[tp] for reader in readers)
        ]

    async def _apply(
        self, reader: PassReader, applier: BatchApplier, fetched: dict[TopicPartition, Deliveries]
    ) -> dict[TopicPartition, int]:
        """Hand ``reader`` what it has not seen of ``fetched``; the partitions it must read again."""
        mine: dict[TopicPartition, Deliveries] = {}
        for tp, deliveries in fetched.items():
            position = reader.positions.get(tp)
            if position is None:
                continue
            if deliveries.offsets[0] < position:  # fetched again for another reader's rewind
                deliveries = deliveries[bisect_left(deliveries.offsets, position) :]
            if deliveries:
                mine[tp] = deliveries
        if not mine:
            return {}
        try:
            outcomes = await applier.apply_many(
                {(tp.topic, tp.partition): (d, reader.expected[tp]) for tp, d in mine.items()}
            )
        except Exception as failure:
            log.warning(
                "replay reader failed", subscription=reader.subscription, error=type(failure).__name__
            )
            reader.failure = failure
            return {}
        rewound: dict[TopicPartition, int] = {}
        for tp, deliveries in mine.items():
            outcome = outcomes[(tp.topic, tp.partition)]
            if reader.progress is not None:
                reader.progress.advanced(len(deliveries))
            reader.expected[tp] = outcome.checkpoint
            if outcome.rewind_to is not None:  # someone else moved this checkpoint: follow it
                rewound[tp] = reader.positions[tp] = outcome.rewind_to
        return rewound

    async def _advance(
        self, pending: list[TopicPartition], rewound: dict[tuple[int, TopicPartition], int]
    ) -> None:
        """Each active reader has seen its partitions up to the consumer's position, except where its
        checkpoint moved: it reads on from there. The consumer goes to the first offset any active
        reader still needs (the others skip what they have seen)."""
        consumer = self._consumer
        for tp in pending:
            position = await consumer.position(tp)
            for index, (reader, _) in enumerate(self._readers):
                if tp in reader.positions and (index, tp) not in rewound:
                    reader.positions[tp] = max(reader.positions[tp], position)
        moved = {tp for _, tp in rewound}
        for tp in pending:
            if tp not in moved:
                continue
            # A checkpoint moved back is read again from there; one moved forward (another process
            # applied further) must not take the consumer past what the other readers have not read:
            # they would apply the next fetch over the gap (#8: never skip an event).
            needed = [r.positions[tp] for r, _ in self._readers if r.active and tp in r.positions]
            if needed:
                consumer.seek(tp, min(needed))
