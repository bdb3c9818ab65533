"""A one-pass replay whose reader's checkpoint moves under it: that reader follows its checkpoint,
and the other readers of the pass neither skip nor apply again any event (#8, #13).

Two readers read one topic of one partition, a few records a fetch. When the consumer has read a
few fetches, someone else moves the checkpoint of the reader ``moved`` (on SQLite the readers apply
one after another, and the move is made between two fetches: the run is the same every time).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore import continuity
from oneoffice.eventcore.applier import BatchApplier, Deliveries
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import deliveries_from_records
from oneoffice.eventcore.kafka.topics import ensure_topic
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.schema import subscription_checkpoints
from oneoffice.reporting.adapters import kafka_replay
from oneoffice.reporting.adapters.kafka_replay import PassReader, replay_together
from tests.conftest import unique_name
from tests.unit.reporting.samples import registration

from .conftest import append_registrations, close_store, open_documents_store

pytestmark = pytest.mark.integration

EVENTS = 40
FETCH = 5  # records a fetch: several rounds
MOVE_AT = 8  # the move is made before the first fetch from this offset on (8 to 12)
AHEAD = 20  # a checkpoint moved forward goes here
BACK = 3  # a checkpoint moved back goes here
STEADY, MOVED = "rewind.steady", "rewind.moved"

applied_events = sa.Table(
    "applied_events",
    sa.MetaData(),
    sa.Column("subscription", sa.String, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
)


class Recording:
    """A projection of its own: one row per event applied, so a repeat or a gap shows."""

    def __init__(self, subscription: str) -> None:
        self.subscription = subscription

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        await conn.execute(
            applied_events.insert(),
            [{"subscription": self.subscription, "position": e.position} for e in events],
        )


@dataclass
class Topic:
    name: str
    records: Deliveries  # every record of its one partition, as the replay unpacks them

    @property
    def partition(self) -> TopicPartition:
        return TopicPartition(self.name, 0)


async def publish(bootstrap: str, tmp_path: Path, name: str, communes: Sequence[str]) -> Topic:
    """The registrations of ``communes`` (one event each, in order) relayed to a topic of one partition."""
    await ensure_topic(bootstrap, name, partitions=1, replication_factor=1)
    store = await open_documents_store(f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}")
    producer = AiokafkaEventProducer(bootstrap)
    try:
        events = [
            registration(n, commune_id=commune, document_id=f"doc-{commune}-{n}")
            for n, commune in enumerate(communes, start=1)
        ]
        await append_registrations(store, events)
        await OutboxRelay(store, producer, name).catch_up()
    finally:
        await producer.stop()
        await close_store(store)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest")
    await consumer.start()
    try:
        tp = TopicPartition(name, 0)
        consumer.assign([tp])
        records: list[Any] = []
        while len(records) < len(communes):
            records += (await consumer.getmany(tp, timeout_ms=1000)).get(tp, [])
    finally:
        await consumer.stop()
    return Topic(name, deliveries_from_records(records))


@pytest.fixture
async def reporting(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """The readers' database: SQLite, so the readers of a pass apply one after another."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}")
    await upgrade(engine)
    async with engine.begin() as conn:
        await conn.run_sync(applied_events.metadata.create_all)
    yield engine
    await engine.dispose()


def moving_before_fetch(move: Callable[[], Awaitable[None]]) -> type[AIOKafkaConsumer]:
    """The replay's consumer, calling ``move`` once, before its first fetch from ``MOVE_AT`` on."""

    class Consumer(AIOKafkaConsumer):  # type: ignore[misc]
        moved = False

        async def getmany(self, *partitions: TopicPartition, **options: Any) -> Any:
            if not self.moved and min([await self.position(tp) for tp in partitions]) >= MOVE_AT:
                self.moved = True
                await move()
            return await super().getmany(*partitions, **options)

    return Consumer


async def replay(bootstrap: str, engine: AsyncEngine, topic: Topic) -> list[PassReader]:
    readers = [PassReader(engine, name, Recording(name), [topic.name]) for name in (STEADY, MOVED)]
    await replay_together(bootstrap, readers, max_records=FETCH, idle_timeout=10)
    return readers


async def applied(engine: AsyncEngine, subscription: str) -> Counter[int]:
    """How many times each store position was applied for ``subscription``."""
    async with engine.connect() as conn:
        rows = await conn.execute(
            sa.select(applied_events.c.position).where(applied_events.c.subscription == subscription)
        )
        return Counter(position for (position,) in rows)


async def next_offset(engine: AsyncEngine, subscription: str) -> int:
    async with engine.connect() as conn:
        value = await conn.scalar(
            sa.select(subscription_checkpoints.c.next_offset).where(
                subscription_checkpoints.c.subscription == subscription
            )
        )
    return int(value)


# Forward moves whose skipped events end their commune (no later event of it would show the gap)
# and whose skipped events have later ones of their commune (the chain check would show it).
LAYOUTS = {
    "ending_their_commune": ["1"] * AHEAD + ["2"] * (EVENTS - AHEAD),
    "interleaved": ["1", "2"] * (EVENTS // 2),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
async def test_a_checkpoint_moved_forward_in_the_pass_makes_no_other_reader_skip_an_event(
    layout: str,
    reporting: AsyncEngine,
    kafka_bootstrap: str,
    run_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    topic = await publish(kafka_bootstrap, tmp_path, unique_name(run_id, "rewind_ahead"), LAYOUTS[layout])
    positions = list(topic.records.positions)

    async def another_process_applies_further() -> None:
        """Another process applies ``moved``'s events up to ``AHEAD``, as the pass would."""
        applier = BatchApplier(reporting, MOVED, Recording(MOVED))
        stored = (await applier.stored_checkpoints(topic.name))[0]
        assert MOVE_AT <= stored.next_offset < AHEAD  # ahead of the pass, not yet read by it
        await applier.apply(topic.name, 0, topic.records[stored.next_offset : AHEAD], expected=stored)

    monkeypatch.setattr(
        kafka_replay, "AIOKafkaConsumer", moving_before_fetch(another_process_applies_further)
    )

    readers = await replay(kafka_bootstrap, reporting, topic)

    assert [reader.failure for reader in readers] == [None, None]
    for subscription in (STEADY, MOVED):
        assert await applied(reporting, subscription) == Counter(positions), subscription
        assert await next_offset(reporting, subscription) == EVENTS


async def test_a_checkpoint_moved_back_in_the_pass_is_read_again_by_its_reader_only(
    reporting: AsyncEngine,
    kafka_bootstrap: str,
    run_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    topic = await publish(
        kafka_bootstrap, tmp_path, unique_name(run_id, "rewind_back"), LAYOUTS["interleaved"]
    )
    positions = list(topic.records.positions)

    async def another_process_starts_again() -> None:
        """Another process drops ``moved``'s state and applies its first events again (to ``BACK``)."""
        async with reporting.begin() as conn:
            await conn.execute(applied_events.delete().where(applied_events.c.subscription == MOVED))
            await conn.execute(
                subscription_checkpoints.delete().where(subscription_checkpoints.c.subscription == MOVED)
            )
            await continuity.forget_heads(conn, MOVED)
        applier = BatchApplier(reporting, MOVED, Recording(MOVED))
        await applier.apply(topic.name, 0, topic.records[:BACK], expected=None)

    monkeypatch.setattr(kafka_replay, "AIOKafkaConsumer", moving_before_fetch(another_process_starts_again))

    readers = await replay(kafka_bootstrap, reporting, topic)

    assert [reader.failure for reader in readers] == [None, None]
    for subscription in (STEADY, MOVED):
        assert await applied(reporting, subscription) == Counter(positions), subscription
        assert await next_offset(reporting, subscription) == EVENTS
