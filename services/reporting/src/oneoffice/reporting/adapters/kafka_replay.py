"""Replays Kafka topics into a projection rebuild: from the earliest offsets to the end offsets at start.

A plain aiokafka consumer with its partitions assigned by hand: no consumer group, so the live
subscription's group and its partitions are left alone, and nothing is committed to Kafka. Offsets
live in the reporting database, under the rebuild's subscription name, and move in the same
transaction as the rows they produced (:class:`~oneoffice.eventcore.applier.BatchApplier`); called
again with the same name, the replay continues from them up to the new end offsets.

A topic that lost its first events (retention, deleted records) is refused before anything is read
(:meth:`KafkaTopicReplay.ensure_complete`), and a partition truncated while the replay reads it
stops the replay (the consumer never jumps silently to the new first offset).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import OffsetOutOfRangeError
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier, Deliveries
from oneoffice.eventcore.checkpoints import Checkpoint
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.kafka.subscription import deliveries_from_records
from oneoffice.eventcore.kafka.topics import TopicTruncated, existing_partitions, verify_complete

from ..application.errors import EventLogTruncated
from ..application.rebuild import ReplayProgress

log = structlog.get_logger("oneoffice.reporting.kafka_replay")


class ReplayStalled(RuntimeError):
    """Kafka delivered nothing for too long although the end offsets were not reached."""


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
        client_id: str = "oneoffice-reporting-rebuild",
        progress: ReplayProgress | None = None,
    ) -> None:
        self._bootstrap = bootstrap_servers
        self._topics = tuple(topics)
        self._engine = engine
        self._clock = clock
        self._max_records = max_records
        self._idle_timeout = idle_timeout
        self._client_id = client_id
        self._progress = progress

    def with_progress(self, progress: ReplayProgress) -> KafkaTopicReplay:
        return KafkaTopicReplay(
            self._bootstrap,
            self._topics,
            self._engine,
            clock=self._clock,
            max_records=self._max_records,
            idle_timeout=self._idle_timeout,
            client_id=self._client_id,
            progress=progress,
        )

    async def ensure_complete(self) -> None:
        """Raise :class:`EventLogTruncated` unless every partition still starts at offset 0."""
        try:
            await verify_complete(self._bootstrap, self._topics, client_id=self._client_id)
        except TopicTruncated as truncated:
            raise EventLogTruncated(truncated.topic, truncated.first_offsets, truncated.retention) from None

    async def __call__(self, handler: EventHandler, subscription: str) -> None:
        await self.ensure_complete()
        applier = BatchApplier(self._engine, subscription, handler, clock=self._clock)
        # A topic the cluster does not know has no events yet: nothing to replay.
        partitions = await existing_partitions(self._bootstrap, self._topics, client_id=self._client_id)
        if not partitions:
            return
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap,
            client_id=self._client_id,
            group_id=None,
            enable_auto_commit=False,
            # An offset that is no longer there is an error, never a silent jump past lost events.
            auto_offset_reset="none",
        )
        await consumer.start()
        try:
            await self._replay(consumer, applier, partitions)
        except OffsetOutOfRangeError:
            await self.ensure_complete()  # names the truncated partitions
            raise
        finally:
            await consumer.stop()

    async def _replay(
        self, consumer: AIOKafkaConsumer, applier: BatchApplier, partitions: list[TopicPartition]
    ) -> None:
        consumer.assign(partitions)
        ends: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        expected: dict[TopicPartition, Checkpoint | None] = {}
        for tp in partitions:
            expected[tp] = stored = (await applier.stored_checkpoints(tp.topic)).get(tp.partition)
            consumer.seek(tp, 0 if stored is None else stored.next_offset)
        pending = {tp for tp in partitions if await consumer.position(tp) < ends[tp]}
        end_offsets = {str(tp): ends[tp] for tp in pending}
        if self._progress is not None:
            self._progress.started(sum([ends[tp] - await consumer.position(tp) for tp in pending]))
        log.info("replaying", subscription=applier.subscription, end_offsets=end_offsets)
        loop = asyncio.get_running_loop()
        last_progress = loop.time()
        while pending:
            batches = await consumer.getmany(*pending, timeout_ms=500, max_records=self._max_records)
            if batches:
                last_progress = loop.time()
            elif loop.time() - last_progress > self._idle_timeout:
                missing = sorted(map(str, pending))
                raise ReplayStalled(f"no message for {self._idle_timeout} s; still to read: {missing}")
            # Every partition's records of this fetch in one transaction (a few statements for all).
            fetched: dict[TopicPartition, Deliveries] = {}
            for tp, records in batches.items():
                deliveries = deliveries_from_records([r for r in records if r.offset < ends[tp]])
                if deliveries:
                    fetched[tp] = deliveries
            if fetched:
                outcomes = await applier.apply_many(
                    {(tp.topic, tp.partition): (d, expected[tp]) for tp, d in fetched.items()}
                )
                for tp, deliveries in fetched.items():
                    outcome = outcomes[(tp.topic, tp.partition)]
                    if self._progress is not None:
                        self._progress.advanced(len(deliveries))
                    expected[tp] = outcome.checkpoint
                    if outcome.rewind_to is not None:  # someone else moved this checkpoint: follow it
                        consumer.seek(tp, outcome.rewind_to)
            for tp in list(pending):
                if await consumer.position(tp) >= ends[tp]:
                    pending.discard(tp)
