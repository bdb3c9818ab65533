"""The event producer makes one Kafka client however its starts, publishes and stops interleave, and
leaves none running after a stop (an unstopped client keeps connections open until it is collected)."""

from __future__ import annotations

import asyncio
import gc

import pytest
from aiokafka import AIOKafkaProducer

from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer, OutgoingMessage
from oneoffice.eventcore.kafka.topics import ensure_topic
from tests.conftest import unique_name
from tests.integration.eventcore.kafka_helpers import read_topic

pytestmark = pytest.mark.integration


class _CountedProducer(AIOKafkaProducer):  # type: ignore[misc]
    """The real client, counted as it is made."""

    made = 0

    def __init__(self, **options: object) -> None:
        type(self).made += 1
        super().__init__(**options)


def _running_clients() -> list[AIOKafkaProducer]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, AIOKafkaProducer) and o._closed is False]


async def test_concurrent_first_publishes_share_one_client_and_a_stop_closes_it(
    kafka_bootstrap: str, run_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("oneoffice.eventcore.kafka.producer.AIOKafkaProducer", _CountedProducer)
    topic = unique_name(run_id, "producer")
    await ensure_topic(kafka_bootstrap, topic, partitions=1)
    before = len(_running_clients())
    producer = AiokafkaEventProducer(kafka_bootstrap)
    messages = [[OutgoingMessage(key=b"16876", value=b'{"n": %d}' % n, headers=[])] for n in range(4)]
    await asyncio.gather(*(producer.publish(topic, batch) for batch in messages))
    assert _CountedProducer.made == 1
    assert len(_running_clients()) == before + 1
    await producer.stop()
    assert len(_running_clients()) == before
    assert sorted(r.value for r in await read_topic(kafka_bootstrap, topic)) == sorted(
        m[0].value for m in messages
    )


async def test_a_stop_during_the_start_leaves_no_client_running(kafka_bootstrap: str) -> None:
    before = len(_running_clients())
    producer = AiokafkaEventProducer(kafka_bootstrap)
    starting = asyncio.create_task(producer.start())
    await asyncio.sleep(0)  # the start is under way
    await producer.stop()  # waits for the start, then stops what it made
    await starting
    assert len(_running_clients()) == before
