"""Replicas: two relays on one PostgreSQL store, one real Kafka topic. Only one publishes; when it
dies the other takes over; the relay cursor never moves backwards."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.relay import RELAY_LOCK_CLASS, OutboxRelay
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase, unique_name

from .conftest import MakeEngine
from .kafka_helpers import read_topic
from .test_relay import _append, _wait_for


@pytest.fixture
def topic(run_id: str) -> str:
    return unique_name(run_id, "fence").replace("_", ".")


@pytest.fixture
async def pg_url(create_pg_database: CreateDatabase) -> str:
    url = await create_pg_database("fence")
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    return url


@pytest.fixture
async def replicas(pg_url: str) -> AsyncIterator[list[EventStore]]:
    """Two stores on one database, as two replicas of a service would have."""
    stores = [EventStore(create_engine(pg_url)) for _ in range(2)]
    yield stores
    for store in stores:
        await store.close()
        await store.engine.dispose()


def _relay(
    store: EventStore, producer: AiokafkaEventProducer, topic: str, published: Counter[int], n: int
) -> OutboxRelay:
    def count(events: int) -> None:
        published[n] += events

    return OutboxRelay(store, producer, topic, batch_size=5, poll_interval=0.05, on_published=count)


async def _positions(kafka_bootstrap: str, topic: str) -> Counter[int]:
    return Counter(int(r.headers["oneoffice-position"]) for r in await read_topic(kafka_bootstrap, topic))


async def test_of_two_relays_on_one_store_only_one_publishes_and_each_event_goes_out_once(
    replicas: list[EventStore], kafka_bootstrap: str, topic: str
) -> None:
    producer = AiokafkaEventProducer(kafka_bootstrap)
    published: Counter[int] = Counter()
    relays = [_relay(store, producer, topic, published, n) for n, store in enumerate(replicas)]
    for relay in relays:
        relay.start()
    try:
        for start in range(0, 40, 10):
            await _append(replicas[0], 10, start=start)
            for relay in relays:
                relay.notify()
            await asyncio.sleep(0.05)
        await _wait_for(lambda: relays[0].lag(), 0)
        await asyncio.sleep(0.3)  # room for a second relay to publish again, if it could
    finally:
        for relay in relays:
            await relay.stop()
        await producer.stop()

    assert len(published) == 1, f"only one relay publishes, saw {dict(published)}"
    positions = await _positions(kafka_bootstrap, topic)
    assert set(positions) == {p for p, _ in await replicas[0].read_all(0, 100)}
    assert max(positions.values()) == 1, "no event published twice"


async def _terminate_lease_holder(pg_url: str) -> None:
    dsn = pg_url.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn, ssl=False)
    try:
        killed = await conn.fetchval(
            # This test's database only: relays of other runs on the same server hold the same class.
            "SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
            " WHERE locktype = 'advisory' AND classid = $1 AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            RELAY_LOCK_CLASS,
        )
    finally:
        await conn.close()
    assert killed == 1


@pytest.mark.parametrize("death", ["session_terminated", "stopped"])
async def test_when_the_active_relay_dies_the_other_takes_over_and_nothing_is_lost(
    replicas: list[EventStore], pg_url: str, kafka_bootstrap: str, topic: str, death: str
) -> None:
    producer = AiokafkaEventProducer(kafka_bootstrap)
    published: Counter[int] = Counter()
    relays = [_relay(store, producer, topic, published, n) for n, store in enumerate(replicas)]
    for relay in relays:
        relay.start()
    try:
        await _append(replicas[0], 10)
        await _wait_for(lambda: relays[0].lag(), 0)
        [(active, before)] = published.items()
        if death == "stopped":
            await relays[active].stop()
        else:
            await _terminate_lease_holder(pg_url)
            await asyncio.sleep(0.2)
        await _append(replicas[1], 10, start=10)
        for relay in relays:
            relay.notify()
        await _wait_for(lambda: relays[0].lag(), 0)
        standby = 1 - active
        if death == "stopped":
            assert published[standby] > 0, "the standby took over"
        else:
            # A killed session frees the lease; whichever relay takes it first (the one whose session
            # died notices at its next step and may win the race) publishes what came after.
            assert sum(published.values()) - before >= 10, "publishing went on after the kill"
    finally:
        for relay in relays:
            await relay.stop()
        await producer.stop()

    positions = await _positions(kafka_bootstrap, topic)
    assert set(positions) == {p for p, _ in await replicas[0].read_all(0, 100)}, "nothing lost"


async def test_the_relay_cursor_never_moves_backwards(make_engine: MakeEngine, tmp_path: Path) -> None:
    store = EventStore(await make_engine())
    fast, slow = (OutboxRelay(store, _NoProducer(), "t") for _ in range(2))
    try:
        await fast._save_cursor(20)
        await slow._save_cursor(5)  # a slower relay finishing an older page

        assert await fast.cursor() == await slow.cursor() == 20
    finally:
        await store.close()


class _NoProducer:
    async def publish(self, topic: str, messages: object) -> None:
        raise AssertionError("not used")
