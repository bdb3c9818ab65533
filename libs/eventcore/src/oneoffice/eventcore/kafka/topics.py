"""The partitions of topics as the cluster knows them now, asked without creating any topic.

A consumer's ``partitions_for_topic`` only reads the metadata the consumer already holds, and since
aiokafka 0.13 a consumer that subscribes to nothing starts with the metadata of no topic at all.
The admin client asks the cluster instead. It describes every topic, rather than the ones named:
a metadata request naming a topic creates it on a broker that auto-creates topics.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


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
