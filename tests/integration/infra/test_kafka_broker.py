"""The Kafka that `make test` starts (deploy/local/kafka.sh) is a real single-node KRaft broker that
keeps keyed messages in order, as the outbox relay and the consumers rely on."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from tests.conftest import unique_name

pytestmark = pytest.mark.integration

COMMUNES = ["16876", "16879", "26005", "00004"]
MESSAGES_PER_COMMUNE = 5
CONSUME_TIMEOUT_S = 30


async def test_keyed_messages_come_back_from_earliest_in_order_per_partition(
    kafka_bootstrap: str, run_id: str
) -> None:
    topic = unique_name(run_id, "infra_order")
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    sent: list[tuple[bytes, bytes, int, int]] = []  # key, value, partition, offset
    try:
        # Interleaved across keys, as events of several communes reach the relay.
        for n in range(MESSAGES_PER_COMMUNE):
            for commune in COMMUNES:
                key, value = commune.encode(), f"{commune}:{n}".encode()
                meta = await producer.send_and_wait(topic, value=value, key=key)
                sent.append((key, value, meta.partition, meta.offset))
    finally:
        await producer.stop()

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        group_id=f"{topic}-{uuid.uuid4().hex[:6]}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    received: list[tuple[bytes | None, bytes | None, int, int]] = []
    try:
        async with asyncio.timeout(CONSUME_TIMEOUT_S):
            while len(received) < len(sent):
                batches = await consumer.getmany(timeout_ms=500)
                for records in batches.values():
                    received.extend((r.key, r.value, r.partition, r.offset) for r in records)
    finally:
        await consumer.stop()

    assert sorted(received) == sorted(sent), "every message comes back exactly once, key and value intact"
    # The default partitioner sends one key to one partition...
    partitions_of_key: dict[bytes, set[int]] = defaultdict(set)
    for key, _, partition, _ in sent:
        partitions_of_key[key].add(partition)
    assert all(len(p) == 1 for p in partitions_of_key.values())
    # ...and each partition is read back in the order it was written.
    for partition in {p for _, _, p, _ in sent}:
        written = [(k, v, o) for k, v, p, o in sent if p == partition]
        read = [(k, v, o) for k, v, p, o in received if p == partition]
        assert read == written
    for commune in COMMUNES:
        values = [v for k, v, _, _ in received if k == commune.encode()]
        assert values == [f"{commune}:{n}".encode() for n in range(MESSAGES_PER_COMMUNE)]


async def test_auto_created_topics_get_three_partitions(kafka_bootstrap: str, run_id: str) -> None:
    topic = unique_name(run_id, "infra_partitions")
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value=b"x", key=b"16876")
        partitions = await producer.partitions_for(topic)
    finally:
        await producer.stop()
    assert partitions == {0, 1, 2}


async def test_broker_is_a_single_node_kraft_broker_and_controller_on_loopback(kafka_bootstrap: str) -> None:
    host, port = kafka_bootstrap.rsplit(":", 1)
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        cluster = await admin.describe_cluster()
        [broker] = cluster["brokers"]
        roles = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.BROKER, str(broker["node_id"]), {"process.roles": None})]
        )
    finally:
        await admin.close()

    assert (broker["host"], broker["port"]) == (host, int(port))
    assert cluster["controller_id"] == broker["node_id"]
    assert cluster["cluster_id"]
    [resource] = roles[0].to_object()["resources"]
    entries = {e["config_names"]: e["config_value"] for e in resource["config_entries"]}
    # KRaft: the one process is both the broker and the (only) metadata-quorum controller.
    assert set(entries["process.roles"].split(",")) == {"broker", "controller"}
