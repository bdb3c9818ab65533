"""The outbox relay against the real Kafka broker and the real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata, StoredEvent
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase, unique_name

from .conftest import NoteTaken
from .kafka_helpers import read_topic

META = Metadata(
    actor="clerk",
    correlation_id="corr",
    trace_context={"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
)
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
async def pg_store(create_pg_database: CreateDatabase) -> AsyncIterator[EventStore]:
    engine = create_engine(await create_pg_database("relay"))
    await upgrade(engine)
    store = EventStore(engine)
    yield store
    await store.close()
    await engine.dispose()


@pytest.fixture
def topic(run_id: str) -> str:
    return unique_name(run_id, "relay").replace("_", ".")


async def _append(store: EventStore, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        await store.append(
            f"doc-{n}", f"commune-{n % 3}", [NoteTaken(text="t", n=n)], expected_version=0, metadata=META
        )


async def test_relay_publishes_every_event_keyed_by_commune_with_its_headers(
    pg_store: EventStore, kafka_bootstrap: str, topic: str
) -> None:
    await _append(pg_store, 30)
    producer = AiokafkaEventProducer(kafka_bootstrap)
    relay = OutboxRelay(pg_store, producer, topic, batch_size=7)
    try:
        await relay.catch_up()
    finally:
        await producer.stop()
    records = await read_topic(kafka_bootstrap, topic)
    stored = dict(await pg_store.read_all(0, 1000))
    assert len(records) == 30
    per_commune: dict[bytes, list[int]] = defaultdict(list)
    for record in records:
        position = int(record.headers["oneoffice-position"])
        assert next(iter(record.headers)) == "oneoffice-position", "first: every consumer reads it"
        assert list(record.headers)[1:4] == ["oneoffice-epoch", "oneoffice-hash", "oneoffice-prev-hash"]
        envelope = json.loads(record.value)
        assert record.value == stored[position], "the stored bytes are published unchanged"
        assert record.key == envelope["commune_id"].encode()
        assert record.headers["oneoffice-event-id"] == envelope["event_id"]
        assert record.headers["oneoffice-prev-hash"] == envelope["prev_hash"]
        assert record.headers["oneoffice-event-type"] == "test.NoteTaken"
        assert record.headers["oneoffice-schema-version"] == "1"
        assert record.headers["traceparent"].startswith("00-0af7651916cd43dd8448eb211c80319c-")
        per_commune[record.key].append(position)
    for positions in per_commune.values():
        assert positions == sorted(positions), "one commune's events keep their order"
    assert await relay.cursor() == await pg_store.last_position()
    assert await relay.lag() == 0


class Crash(Exception):
    pass


async def test_relay_killed_after_publishing_but_before_moving_its_cursor_loses_nothing(
    pg_store: EventStore, kafka_bootstrap: str, topic: str
) -> None:
    await _append(pg_store, 12)

    async def crash(_: Sequence[StoredEvent]) -> None:
        raise Crash

    producer = AiokafkaEventProducer(kafka_bootstrap)
    try:
        first = OutboxRelay(pg_store, producer, topic, batch_size=5, after_publish=crash)
        with pytest.raises(Crash):
            await first.run_once()
        assert await first.cursor() == 0
        restarted = OutboxRelay(pg_store, producer, topic, batch_size=5)
        await restarted.catch_up()
    finally:
        await producer.stop()
    records = await read_topic(kafka_bootstrap, topic)
    positions = [int(r.headers["oneoffice-position"]) for r in records]
    stored_positions = [p for p, _ in await pg_store.read_all(0, 1000)]
    assert set(positions) == set(stored_positions), "every event reached the topic"
    assert len(positions) == 12 + 5, "the page published before the crash was published again"


def _kafka(action: str) -> None:
    subprocess.run(
        ["bash", str(REPO / "deploy/local/kafka.sh"), action],
        check=True,
        # Mid-run: the broker must come back with this run's topics, however many have accumulated.
        env={"KAFKA_START_TIMEOUT": "240", **os.environ, "ONEOFFICE_KAFKA_KEEP_DATA": "1"},
        capture_output=True,
        timeout=300,
    )


@pytest.mark.serial  # stops the broker every other test uses
async def test_relay_catches_up_with_nothing_lost_after_kafka_comes_back(
    pg_store: EventStore, kafka_bootstrap: str, topic: str
) -> None:
    """Also: while Kafka is away its lag metric rises with every append (measured from the store's
    head, not from what it published) and every failed attempt is counted, at a bounded pace."""
    await _append(pg_store, 5)
    lags: list[int] = []
    publish_errors: list[float] = []
    loop = asyncio.get_running_loop()
    producer = AiokafkaEventProducer(kafka_bootstrap, request_timeout_ms=3000)
    relay = OutboxRelay(
        pg_store,
        producer,
        topic,
        batch_size=4,
        poll_interval=0.05,
        on_lag=lags.append,
        on_publish_error=lambda: publish_errors.append(loop.time()),
    )
    relay.start()
    try:
        await _wait_for(lambda: relay.lag(), 0)
        await asyncio.to_thread(_kafka, "stop")
        try:
            lags.clear()
            for n in range(5, 15):  # appends never depend on Kafka, and each wakes the relay
                await _append(pg_store, 1, start=n)
                relay.notify()
            await _wait_until(
                lambda: bool(lags) and lags[-1] == 10, "the lag metric reports the 10 waiting events"
            )
            assert await relay.lag() == 10, "with Kafka away the relay keeps its cursor"
            await _wait_until(lambda: len(publish_errors) >= 2, "failed attempts counted as publish errors")
            await asyncio.sleep(2)
            # Backing off (jittered, capped): a handful of attempts, not one per append or per poll.
            assert len(publish_errors) <= 12, f"{len(publish_errors)} attempts: the relay did not back off"
        finally:
            await asyncio.to_thread(_kafka, "start")
        await _wait_for(lambda: relay.lag(), 0, timeout=90)
        await _wait_until(lambda: lags[-1] == 0, "the lag metric back to 0")
    finally:
        await relay.stop()
        await producer.stop()
    records = await read_topic(kafka_bootstrap, topic)
    published = {int(r.headers["oneoffice-position"]) for r in records}
    assert published == {p for p, _ in await pg_store.read_all(0, 100)}


async def _wait_until(check, what: str, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"still waiting after {timeout} s for {what}")
        await asyncio.sleep(0.05)


async def _wait_for(probe, expected: int, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await probe()
        if value == expected:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"still {value} after {timeout} s, expected {expected}")
        await asyncio.sleep(0.1)
