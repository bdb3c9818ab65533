"""Kafka subscription through FastStream: offsets in the consumer's database, exactly-once effect."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer
from faststream.kafka import KafkaBroker
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer, OutgoingMessage
from oneoffice.eventcore.kafka.subscription import KafkaSubscription, dead_letter_topic
from oneoffice.eventcore.kafka.topics import existing_partitions
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.schema import dead_letters, relay_cursors
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase, unique_name

from .conftest import NoteTaken
from .kafka_helpers import read_topic
from .projections import NotesProjection, rows

META = Metadata(actor="clerk", correlation_id="corr")


@dataclass
class Flow:
    source: EventStore
    target: AsyncEngine
    runner: ProjectionRunner
    topic: str
    group: str
    bootstrap: str
    producer: AiokafkaEventProducer
    consumed: list[int]
    lags: dict[tuple[str, int], int]

    async def publish(self) -> None:
        await OutboxRelay(self.source, self.producer, self.topic).catch_up()

    async def notes(self) -> list[dict[str, object]]:
        async with self.target.connect() as conn:
            return await rows(conn, (await self.runner.tables(conn))["notes"])

    def subscription(self) -> tuple[KafkaBroker, KafkaSubscription]:
        broker = KafkaBroker(self.bootstrap, logger=None)
        applier = BatchApplier(self.target, "notes", self.runner, retry_delay=0)
        subscription = KafkaSubscription(
            broker,
            [self.topic],
            applier,
            group_id=self.group,
            dead_letter_producer=self.producer,
            max_records=50,
            on_consumed=self.consumed.append,
            on_lag=lambda t, p, lag: self.lags.__setitem__((t, p), lag),
        )
        return broker, subscription


@pytest.fixture
async def flow(create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str) -> AsyncIterator[Flow]:
    source_engine = create_engine(await create_pg_database("src"))
    target = create_engine(await create_pg_database("dst"))
    for engine in (source_engine, target):
        await upgrade(engine)
    runner = ProjectionRunner(target, NotesProjection())
    await runner.start()
    producer = AiokafkaEventProducer(kafka_bootstrap)
    topic = unique_name(run_id, "flow").replace("_", ".")
    store = EventStore(source_engine)
    yield Flow(store, target, runner, topic, f"{topic}.group", kafka_bootstrap, producer, [], {})
    await producer.stop()
    await store.close()
    await source_engine.dispose()
    await target.dispose()


async def _append(store: EventStore, texts: list[str], start: int = 0) -> None:
    for n, text in enumerate(texts, start=start):
        await store.append(
            f"doc-{n}", f"commune-{n % 3}", [NoteTaken(text=text, n=n)], expected_version=0, metadata=META
        )


async def _eventually(check: Callable[[], Awaitable[bool]], timeout: float = 40) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)


async def test_events_reach_the_projection_once_even_when_the_relay_publishes_them_twice(flow: Flow) -> None:
    await _append(flow.source, ["a"] * 20)
    await flow.publish()
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 20))
        # The relay forgets its cursor (as after a crash before saving it) and publishes everything again.
        async with flow.source.engine.begin() as conn:
            await conn.execute(relay_cursors.delete())
        await _append(flow.source, ["b"] * 5, start=20)
        await flow.publish()
        await _eventually(lambda: _count(flow, 25))
        await asyncio.sleep(1)  # give any duplicate a chance to be (wrongly) applied
    finally:
        await broker.stop()
    notes = await flow.notes()
    assert len(notes) == 25 and len({n["event_id"] for n in notes}) == 25
    assert sum(flow.consumed) == 25
    async with flow.target.connect() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(dead_letters))).scalar() == 0


async def test_restarted_consumer_resumes_from_offsets_stored_with_its_state_not_kafka(flow: Flow) -> None:
    await _append(flow.source, ["a"] * 10)
    await flow.publish()
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 10))
    finally:
        await broker.stop()
    await _append(flow.source, ["b"] * 4, start=10)
    await flow.publish()
    broker, subscription = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 14))
        await _eventually(lambda: _no_lag(subscription))
    finally:
        await broker.stop()
    assert sum(flow.consumed) == 14, "the restarted consumer applied only the new events"
    committed = await _kafka_committed_offsets(flow)
    assert committed == {}, "offsets are never committed to Kafka (no auto-commit)"
    assert set(flow.lags.values()) == {0}


async def test_subscription_started_before_its_topic_exists_leaves_creating_it_to_the_broker(
    flow: Flow,
) -> None:
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _append(flow.source, ["a"] * 6)
        await flow.publish()
        await _eventually(lambda: _count(flow, 6))
    finally:
        await broker.stop()
    # The broker creates a topic on first use with its num.partitions (3, as in docker-compose.yml);
    # FastStream would create a subscribed topic itself, with one partition.
    assert len(await existing_partitions(flow.bootstrap, [flow.topic])) == 3


async def test_poison_message_goes_to_the_dead_letter_topic_and_its_partition_moves_on(flow: Flow) -> None:
    await _append(flow.source, ["a", "poison", "b", "c"])
    await flow.publish()
    # Also a message that is not an event envelope at all.
    await flow.producer.publish(flow.topic, [OutgoingMessage(b"commune-0", b"not json", [])])
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 3))
        await _eventually(lambda: _dead_count(flow, 2))
    finally:
        await broker.stop()
    dlq = await read_topic(flow.bootstrap, dead_letter_topic(flow.topic))
    assert sorted(r.value for r in dlq if r.value == b"not json") == [b"not json"]
    poisoned = [r for r in dlq if b'"poison"' in r.value]
    assert len(poisoned) == 1
    assert poisoned[0].headers["oneoffice-dlq-topic"] == flow.topic
    assert "never be projected" in poisoned[0].headers["oneoffice-dlq-error"]
    assert sorted(str(n["text"]) for n in await flow.notes()) == ["a", "b", "c"]


async def _count(flow: Flow, expected: int) -> bool:
    return len(await flow.notes()) >= expected


async def _dead_count(flow: Flow, expected: int) -> bool:
    async with flow.target.connect() as conn:
        return (await conn.execute(sa.select(sa.func.count()).select_from(dead_letters))).scalar() == expected


async def _no_lag(subscription: KafkaSubscription) -> bool:
    lag = await subscription.lag()
    return bool(lag) and set(lag.values()) == {0}


async def _kafka_committed_offsets(flow: Flow) -> dict[int, int]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=flow.bootstrap, group_id=flow.group, enable_auto_commit=False
    )
    await consumer.start()
    try:
        partitions = await existing_partitions(flow.bootstrap, [flow.topic])
        assert partitions, "the topic has partitions to look at"
        result = {}
        for tp in partitions:
            offset = await consumer.committed(tp)
            if offset is not None:
                result[tp.partition] = offset
        return result
    finally:
        await consumer.stop()


class FlakyDatabaseNotes(NotesProjection):
    """Loses its database connection for a while, as during a PostgreSQL restart.

    It fails more often than the applier's per-event attempts (3): treated as poison, the first
    event would be dead-lettered; treated as an outage, it is applied once the database is back.
    """

    failures = 0

    async def apply(self, conn, tables, event):  # type: ignore[no-untyped-def]
        if FlakyDatabaseNotes.failures < 4:
            FlakyDatabaseNotes.failures += 1
            raise OperationalError("INSERT ...", {}, ConnectionError("connection lost"))
        await super().apply(conn, tables, event)


async def test_database_outage_rewinds_to_stored_offsets_and_dead_letters_nothing(flow: Flow) -> None:
    flow.runner = ProjectionRunner(flow.target, FlakyDatabaseNotes())
    await _append(flow.source, ["a", "b", "c"])
    await flow.publish()
    broker, _ = flow.subscription()
    await broker.start()
    try:
        await _eventually(lambda: _count(flow, 3))
    finally:
        await broker.stop()
    assert FlakyDatabaseNotes.failures == 4
    assert sorted(str(n["text"]) for n in await flow.notes()) == ["a", "b", "c"]
    assert await _dead_count(flow, 0)
