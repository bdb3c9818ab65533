"""A rebuild from Kafka refuses a topic that lost its first events, and changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, RecordsToDelete

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.topics import existing_partitions
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.schema import subscription_checkpoints
from oneoffice.reporting.application.errors import EventLogTruncated
from oneoffice.reporting.bootstrap import INCOMING_REGISTER_SUBSCRIPTION, bootstrap
from oneoffice.reporting.config import Settings
from tests.conftest import CreateDatabase, unique_name
from tests.unit.reporting.samples import registration

from .conftest import (
    append_registrations,
    close_store,
    open_documents_store,
    register_rows,
    wait_for_documents,
)

pytestmark = pytest.mark.integration


async def test_a_rebuild_from_a_topic_whose_first_offset_moved_is_refused_and_changes_nothing(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"{unique_name(run_id, 'retention')}."
    topic = topic_for("documents", prefix)
    documents = await open_documents_store(await create_pg_database("documents"))
    producer = AiokafkaEventProducer(kafka_bootstrap)
    relay = OutboxRelay(documents, producer, topic, poll_interval=0.02)
    relay.start()
    settings = Settings(
        database_url=await create_pg_database("reporting"),
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}reporting",
    )
    reporting = await bootstrap(settings)
    try:
        events = [
            registration(n, commune_id=c, document_id=f"doc-{c}-{n}") for n in range(1, 5) for c in "123"
        ]
        await append_registrations(documents, events)
        await wait_for_documents(reporting, {e.document_id for e in events})
        before = await register_rows(reporting)
        checkpoints_before = await _checkpoints(reporting.engine)
        tables_before = await _tables(reporting.engine)
        # Retention (or an operator) deleted the oldest records of one partition.
        partitions = await existing_partitions(kafka_bootstrap, [topic])
        admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
        await admin.start()
        try:
            ends = await _end_offsets(kafka_bootstrap, partitions)
            moved = next(tp for tp in partitions if ends[tp] > 1)
            await admin.delete_records({moved: RecordsToDelete(before_offset=1)})
        finally:
            await admin.close()

        with pytest.raises(EventLogTruncated) as refused:
            await reporting.rebuild_incoming_register()

        assert f"{moved.partition}: 1" in refused.value.message_en and topic in refused.value.message_vi
        assert await reporting.incoming_register.active_generation() == 1
        assert await register_rows(reporting) == before
        assert await _checkpoints(reporting.engine) == checkpoints_before
        assert await _tables(reporting.engine) == tables_before
    finally:
        await reporting.aclose()
        await relay.stop()
        await producer.stop()
        await close_store(documents)


async def _end_offsets(bootstrap: str, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    await consumer.start()
    try:
        return await consumer.end_offsets(partitions)  # type: ignore[no-any-return]
    finally:
        await consumer.stop()


async def _checkpoints(engine: sa.ext.asyncio.AsyncEngine) -> list[tuple[object, ...]]:
    """The incoming register's checkpoints (the work-board follows the same topic on its own)."""
    async with engine.connect() as conn:
        query = (
            sa.select(subscription_checkpoints)
            .where(subscription_checkpoints.c.subscription == INCOMING_REGISTER_SUBSCRIPTION)
            .order_by(*subscription_checkpoints.primary_key.columns)
        )
        return [tuple(row) for row in await conn.execute(query)]


async def _tables(engine: sa.ext.asyncio.AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: sa.inspect(c).get_table_names()))
