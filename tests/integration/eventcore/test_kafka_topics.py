"""Event topics are created explicitly, keep every record, and a truncated one is recognised."""

from __future__ import annotations

import pytest
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic, RecordsToDelete

from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer, OutgoingMessage
from oneoffice.eventcore.kafka.topics import TopicTruncated, ensure_topic, topic_config, verify_complete
from tests.conftest import unique_name

pytestmark = pytest.mark.integration


async def _admin(bootstrap: str) -> AIOKafkaAdminClient:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    return admin


async def test_ensure_topic_makes_an_existing_topic_keep_every_record_and_keeps_its_other_settings(
    kafka_bootstrap: str, run_id: str
) -> None:
    topic = unique_name(run_id, "topics")
    admin = await _admin(kafka_bootstrap)
    try:
        await admin.create_topics(
            [
                NewTopic(
                    topic, 2, 1, topic_configs={"retention.ms": "86400000", "max.message.bytes": "2000000"}
                )
            ]
        )
    finally:
        await admin.close()

    await ensure_topic(kafka_bootstrap, topic, partitions=3)
    await ensure_topic(kafka_bootstrap, topic, partitions=3)  # idempotent

    config = await topic_config(kafka_bootstrap, topic)
    assert (config["retention.ms"], config["retention.bytes"]) == ("-1", "-1")
    assert config["max.message.bytes"] == "2000000"


async def test_a_topic_whose_first_offset_moved_is_reported_truncated(
    kafka_bootstrap: str, run_id: str
) -> None:
    topic = unique_name(run_id, "topics")
    await ensure_topic(kafka_bootstrap, topic, partitions=1)
    producer = AiokafkaEventProducer(kafka_bootstrap)
    await producer.publish(topic, [OutgoingMessage(key=b"16876", value=b"{}", headers=[]) for _ in range(3)])
    await verify_complete(kafka_bootstrap, [topic])  # complete: starts at 0

    admin = await _admin(kafka_bootstrap)
    try:
        await admin.delete_records({TopicPartition(topic, 0): RecordsToDelete(before_offset=2)})
    finally:
        await admin.close()
        await producer.stop()

    with pytest.raises(TopicTruncated) as truncated:
        await verify_complete(kafka_bootstrap, [topic])
    assert truncated.value.first_offsets == {0: 2}
    assert truncated.value.retention == {"retention.ms": "-1", "retention.bytes": "-1"}
