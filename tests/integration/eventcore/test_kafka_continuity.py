"""The Kafka subscription never skips silently: holes, stale batches and retention, on the real broker."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, RecordsToDelete
from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.continuity import ContinuityBroken, RetentionLoss
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Envelope, Metadata
from oneoffice.eventcore.errors import SubscriptionMustHalt
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription, deliveries_from_records
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.schema import events, subscription_checkpoints
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase, unique_name

from .conftest import NoteTaken
from .kafka_helpers import read_topic
from .projections import NotesProjection, rows

META = Metadata(actor="clerk", correlation_id="corr")


@dataclass
class Flow:
    store: EventStore
    target: AsyncEngine
    runner: ProjectionRunner
    topic: str
    bootstrap: str
    producer: AiokafkaEventProducer
    # What the subscriptions made here reported through their real alarm (``on_halt``).
    alarms: list[str] = field(default_factory=list)
    subscriptions: list[KafkaSubscription] = field(default_factory=list)

    @property
    def halts(self) -> list[SubscriptionMustHalt]:
        return [s.halted for s in self.subscriptions if s.halted is not None]

    def subscription(
        self, handler: EventHandler | None = None, **options: Any
    ) -> tuple[KafkaBroker, KafkaSubscription]:
        broker = KafkaBroker(self.bootstrap, logger=None)
        applier = BatchApplier(self.target, "notes", handler or self.runner)
        subscription = KafkaSubscription(
            broker,
            [self.topic],
            applier,
            group_id=f"{self.topic}.group",
            retry_backoff=0.2,
            on_halt=self.alarms.append,
            **options,
        )
        self.subscriptions.append(subscription)
        return broker, subscription

    async def applied(self) -> list[int]:
        async with self.target.connect() as conn:
            return sorted(int(r["n"]) for r in await rows(conn, (await self.runner.tables(conn))["notes"]))

    async def append(self, first: int, count: int) -> None:
        for n in range(first, first + count):
            await self.store.append(
                f"s{n}", "c1", [NoteTaken(text="a", n=n)], expected_version=0, metadata=META
            )

    async def publish(self) -> None:
        await OutboxRelay(self.store, self.producer, self.topic).catch_up()


@pytest.fixture
async def flow(create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str) -> AsyncIterator[Flow]:
    source = create_engine(await create_pg_database("src"))
    target = create_engine(await create_pg_database("dst"))
    for engine in (source, target):
        await upgrade(engine)
    runner = ProjectionRunner(target, NotesProjection())
    await runner.start()
    producer = AiokafkaEventProducer(kafka_bootstrap)
    store = EventStore(source)
    topic = unique_name(run_id, "cont").replace("_", ".")
    yield Flow(store, target, runner, topic, kafka_bootstrap, producer)
    await producer.stop()
    await store.close()
    await source.dispose()
    await target.dispose()


async def _eventually(check: Callable[[], Awaitable[bool]], timeout: float = 40) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)


async def test_an_event_missing_from_the_topic_halts_the_subscription_with_chain_break(flow: Flow) -> None:
    await flow.append(1, 5)
    async with flow.store.engine.begin() as conn:  # the relay's page has a hole: event 3 is never sent
        await conn.execute(events.delete().where(events.c.position == 3))
    await flow.publish()
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _halted(flow))
        await asyncio.sleep(0.5)
    finally:
        await broker.stop()
    assert isinstance(flow.halts[0], ContinuityBroken), flow.halts
    assert flow.alarms == ["chain_break"], "the alarm is raised once, with its reason"
    assert set(await flow.applied()) <= {1, 2}, "nothing past the hole is applied"


async def _apply_three_then_lose_offsets_below_six(flow: Flow, *, then_appended: int) -> None:
    """Events 1..3 applied; ``then_appended`` more published while the consumer is away; then
    retention deletes offsets 0..5, so offsets 3..5 are gone before this consumer applied them."""
    await flow.append(1, 3)
    await flow.publish()
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 3))
    finally:
        await broker.stop()
    await flow.append(4, then_appended)
    await flow.publish()
    [partition] = {r.partition for r in await read_topic(flow.bootstrap, flow.topic)}
    admin = AIOKafkaAdminClient(bootstrap_servers=flow.bootstrap)
    await admin.start()
    try:
        await admin.delete_records({TopicPartition(flow.topic, partition): RecordsToDelete(before_offset=6)})
    finally:
        await admin.close()


async def _restart_until_halted(flow: Flow, timeout: float = 40) -> None:
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _halted(flow), timeout=timeout)
        await asyncio.sleep(0.5)
    finally:
        await broker.stop()


async def test_a_checkpoint_below_the_partitions_beginning_halts_with_retention(flow: Flow) -> None:
    await _apply_three_then_lose_offsets_below_six(flow, then_appended=7)  # offsets 6..9 remain

    await _restart_until_halted(flow)

    assert isinstance(flow.halts[0], RetentionLoss), flow.halts
    assert flow.halts[0].reason == "retention"
    assert flow.alarms == ["retention"]
    assert await flow.applied() == [1, 2, 3], "the events after the deleted ones are not applied"


async def test_retention_that_deleted_every_unapplied_event_halts_at_assignment_with_nothing_to_fetch(
    flow: Flow,
) -> None:
    await _apply_three_then_lose_offsets_below_six(flow, then_appended=3)  # nothing remains to fetch

    await _restart_until_halted(flow, timeout=20)

    assert isinstance(flow.halts[0], RetentionLoss), flow.halts
    assert flow.alarms == ["retention"]
    assert await flow.applied() == [1, 2, 3]


class _FailingWhileSet:
    """The notes projection, failing (a handler's bug: rewind, retry later) while ``failing`` is set."""

    def __init__(self, runner: ProjectionRunner) -> None:
        self._runner = runner
        self.failing = asyncio.Event()
        self.failures = 0

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        if self.failing.is_set():
            self.failures += 1
            raise RuntimeError("the handler fails for now")
        await self._runner.handle(conn, events)


async def test_retention_that_deletes_what_a_retrying_subscription_has_yet_to_apply_halts_it(
    flow: Flow,
) -> None:
    """It stays assigned, and no batch comes to be refused: Kafka resets its position past the
    deleted events silently, so the subscription asks for the partition's beginning now and then."""
    await flow.append(1, 3)
    await flow.publish()
    handler = _FailingWhileSet(flow.runner)
    broker, subscription = flow.subscription(handler, retention_check_interval=0.3)
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 3))
        handler.failing.set()  # for good: it retries 4..6 (offsets 3..5) from its checkpoint, 3
        await flow.append(4, 3)
        await flow.publish()
        await _eventually(lambda: _true(handler.failures >= 2))
        [partition] = {r.partition for r in await read_topic(flow.bootstrap, flow.topic)}
        admin = AIOKafkaAdminClient(bootstrap_servers=flow.bootstrap)
        await admin.start()
        try:  # retention deletes every event of the partition, three of them never applied
            await admin.delete_records(
                {TopicPartition(flow.topic, partition): RecordsToDelete(before_offset=6)}
            )
        finally:
            await admin.close()
        await _eventually(lambda: _halted(flow), timeout=20)
    finally:
        await broker.stop()
        await subscription.drain()

    assert isinstance(flow.halts[0], RetentionLoss), flow.halts
    assert flow.alarms == ["retention"]
    assert await flow.applied() == [1, 2, 3]


async def _true(value: bool) -> bool:
    return value


async def test_a_batch_that_does_not_start_at_the_seek_target_is_refused(flow: Flow) -> None:
    """A fresh partition was sought to its beginning; a batch fetched before that seek starts later."""
    await flow.append(1, 6)
    await flow.publish()
    records = await read_topic(flow.bootstrap, flow.topic)
    [partition] = {r.partition for r in records}
    tp = TopicPartition(flow.topic, partition)
    consumer = _Consumer({tp})
    _, subscription = flow.subscription()
    subscription._seek(consumer, tp, None, 0)  # as on assignment: no checkpoint, the partition begins at 0
    stale = [_Record(flow.topic, r) for r in records if r.offset >= 3]
    await subscription._apply(consumer, {(flow.topic, partition): deliveries_from_records(stale)})
    assert await flow.applied() == [], "offsets 0..2 were never applied: nothing after them is"
    assert consumer.seeks[-1] == (tp, 0)
    async with flow.target.connect() as conn:
        assert (
            await conn.execute(sa.select(sa.func.count()).select_from(subscription_checkpoints))
        ).scalar() == 0


@dataclass
class _Consumer:
    partitions: set[TopicPartition]
    seeks: list[tuple[TopicPartition, int]] = field(default_factory=list)

    def assignment(self) -> set[TopicPartition]:
        return self.partitions

    def seek(self, tp: TopicPartition, offset: int) -> None:
        self.seeks.append((tp, offset))

    def highwater(self, tp: TopicPartition) -> int | None:
        return None

    async def beginning_offsets(self, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
        return dict.fromkeys(tps, 0)


class _Record:
    """A record as aiokafka hands it over, rebuilt from what the topic holds."""

    def __init__(self, topic: str, record: Any) -> None:
        self.topic, self.partition, self.offset = topic, record.partition, record.offset
        self.key = record.key
        self.value = record.value
        self.headers = tuple((k, v.encode()) for k, v in record.headers.items())


async def _halted(flow: Flow) -> bool:
    return bool(flow.halts)


async def _count(flow: Flow, expected: int) -> bool:
    return len(await flow.applied()) >= expected
