"""Event topics: their partitions, their creation with infinite retention, and whether they are complete.

The partitions of topics as the cluster knows them now are asked without creating any topic.

A consumer's ``partitions_for_topic`` only reads the metadata the consumer already holds, and since
aiokafka 0.13 a consumer that subscribes to nothing starts with the metadata of no topic at all.
The admin client asks the cluster instead. It describes every topic, rather than the ones named:
a metadata request naming a topic creates it on a broker that auto-creates topics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import for_code

log = structlog.get_logger("oneoffice.eventcore.kafka.topics")


async def existing_partitions(
    bootstrap_servers: str, topics: Sequence[str], *, client_id: str = "oneoffice-metadata"
) -> list[TopicPartition]:
    """Every partition of those of ``topics`` that exist, in topic order then partition order."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id=client_id)
    await admin.start()
    try:
        described = await admin.describe_topics()
    finally:
        await admin.close()
    partitions = {
        topic["topic"]: sorted(p["partition"] for p in topic["partitions"])
        for topic in described
        if topic["error_code"] == 0
    }
    return [TopicPartition(topic, p) for topic in topics for p in partitions.get(topic, ())]


# An event topic is the log a rebuild replays: nothing may ever be deleted from it by time or size.
INFINITE_RETENTION: Mapping[str, str] = {"retention.ms": "-1", "retention.bytes": "-1"}
DEFAULT_PARTITIONS = 3
# Configs set on the topic itself (not inherited from the broker): kept when retention is altered.
_DYNAMIC_TOPIC_CONFIG = 1
_TOPIC_ALREADY_EXISTS = 36


class TopicTruncated(RuntimeError):
    """A topic no longer holds its first events: replaying it would silently miss them."""

    def __init__(self, topic: str, first_offsets: Mapping[int, int], retention: Mapping[str, str]) -> None:
        moved = {p: o for p, o in sorted(first_offsets.items()) if o > 0}
        super().__init__(
            f"topic {topic} starts past offset 0 on partitions {moved} (retention.ms="
            f"{retention.get('retention.ms')}, retention.bytes={retention.get('retention.bytes')})"
        )
        self.topic = topic
        self.first_offsets = moved
        self.retention = dict(retention)


async def ensure_topic(
    bootstrap_servers: str,
    topic: str,
    *,
    partitions: int = DEFAULT_PARTITIONS,
    replication_factor: int | None = None,
    config: Mapping[str, str] = INFINITE_RETENTION,
    client_id: str = "oneoffice-topics",
) -> None:
    """Create ``topic`` with ``config`` unless it exists; an existing one gets ``config`` set (idempotent).

    ``replication_factor`` None: three copies, or one per broker on a smaller cluster. An existing
    topic keeps its partitions and its other topic-level settings.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id=client_id)
    await admin.start()
    try:
        if replication_factor is None:
            replication_factor = min(3, len((await admin.describe_cluster())["brokers"]))
        response = await admin.create_topics(
            [NewTopic(topic, partitions, replication_factor, topic_configs=dict(config))]
        )
        for created in response.to_object()["topic_errors"]:
            if created["error_code"] == _TOPIC_ALREADY_EXISTS:
                await _set_topic_config(admin, topic, config)
            elif created["error_code"]:
                raise for_code(created["error_code"])(f"{topic}: {created['error_message']}")
    finally:
        await admin.close()
    log.info("topic ensured", topic=topic, partitions=partitions, **config)


async def topic_config(
    bootstrap_servers: str, topic: str, *, client_id: str = "oneoffice-topics"
) -> dict[str, str]:
    """Every config value of ``topic`` as the broker applies it (its own, or the broker's default)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id=client_id)
    await admin.start()
    try:
        return {name: value for name, (value, _) in (await _describe_config(admin, topic)).items()}
    finally:
        await admin.close()


async def verify_complete(
    bootstrap_servers: str, topics: Sequence[str], *, client_id: str = "oneoffice-topics"
) -> None:
    """Raise :class:`TopicTruncated` unless every partition of ``topics`` still starts at offset 0.

    A first offset above 0 means records were deleted (retention, ``delete_records``, compaction):
    a replay would silently miss them, whatever the retention is now. A topic that starts at 0 but
    keeps records for a limited time is complete today; it is logged as a risk.
    """
    partitions = await existing_partitions(bootstrap_servers, topics, client_id=client_id)
    if not partitions:
        return
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, client_id=client_id, group_id=None, enable_auto_commit=False
    )
    await consumer.start()
    try:
        first: dict[TopicPartition, int] = await consumer.beginning_offsets(partitions)
    finally:
        await consumer.stop()
    for topic in dict.fromkeys(tp.topic for tp in partitions):
        offsets = {tp.partition: offset for tp, offset in first.items() if tp.topic == topic}
        retention = {
            name: value
            for name, value in (await topic_config(bootstrap_servers, topic, client_id=client_id)).items()
            if name in INFINITE_RETENTION
        }
        if any(offset > 0 for offset in offsets.values()):
            raise TopicTruncated(topic, offsets, retention)
        if retention != INFINITE_RETENTION:
            log.warning("topic keeps records for a limited time", topic=topic, **retention)


async def _describe_config(admin: AIOKafkaAdminClient, topic: str) -> dict[str, tuple[str, int]]:
    """``name -> (value, config source)`` of ``topic``."""
    responses = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    values: dict[str, tuple[str, int]] = {}
    for response in responses:
        for resource in response.to_object()["resources"]:
            if resource["error_code"]:
                raise for_code(resource["error_code"])(f"{topic}: {resource['error_message']}")
            for entry in resource["config_entries"]:
                values[entry["config_names"]] = (entry["config_value"], entry["config_source"])
    return values


async def _set_topic_config(admin: AIOKafkaAdminClient, topic: str, config: Mapping[str, str]) -> None:
    current = await _describe_config(admin, topic)
    if all(current.get(name, ("", 0))[0] == value for name, value in config.items()):
        return
    # AlterConfigs replaces the topic's own settings as a whole: send the ones it has, plus ours.
    own = {name: value for name, (value, source) in current.items() if source == _DYNAMIC_TOPIC_CONFIG}
    await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, {**own, **config})])
    log.warning("topic retention set to keep every record", topic=topic, **config)
