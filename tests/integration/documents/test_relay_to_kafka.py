"""With Kafka configured, the documents service publishes its events to the documents topic."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from aiokafka import AIOKafkaConsumer

from oneoffice.contracts.topics import dead_letter_topic, topic_for
from oneoffice.eventcore.kafka.topics import existing_partitions, topic_config

from .conftest import COMMUNE, StartDocuments, eventually, register_request

pytestmark = pytest.mark.integration

CONSUME_SECONDS = 30


async def test_a_registration_is_published_to_the_documents_topic(
    start_documents: StartDocuments, pg_url: str, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"run{run_id}.{uuid.uuid4().hex[:6]}."
    documents = await start_documents(
        database_url=pg_url, kafka_bootstrap=kafka_bootstrap, kafka_topic_prefix=prefix
    )

    registered = await documents.stub.RegisterIncomingDocument(register_request("kafka-1"))

    topic = topic_for("documents", prefix)
    assert topic == f"{prefix}oneoffice.documents.events.v1"
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        group_id=f"{topic}-test",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        async with asyncio.timeout(CONSUME_SECONDS):
            message = await consumer.getone()
    finally:
        await consumer.stop()

    assert message.key == COMMUNE.encode()
    envelope = json.loads(message.value)
    assert envelope["event_type"] == "documents.IncomingDocumentRegistered"
    assert envelope["payload"]["document_id"] == registered.document_id
    assert envelope["payload"]["incoming_number"] == 1
    headers = {k: bytes(v).decode() for k, v in message.headers}
    assert headers["oneoffice-event-type"] == "documents.IncomingDocumentRegistered"
    assert headers["oneoffice-commune-id"] == COMMUNE
    assert documents.container.relay is not None
    assert await documents.container.relay.lag() == 0


async def test_the_relay_starts_on_topics_it_created_with_infinite_retention(
    start_documents: StartDocuments, pg_url: str, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"run{run_id}.{uuid.uuid4().hex[:6]}."
    settings = {"kafka_bootstrap": kafka_bootstrap, "kafka_topic_prefix": prefix, "kafka_topic_partitions": 4}
    await start_documents(database_url=pg_url, **settings)
    await start_documents(database_url=pg_url, **settings)  # a second replica: the topics exist already

    topic = topic_for("documents", prefix)
    for name in (topic, dead_letter_topic(topic)):
        # Made by the active relay's first step, right after the start.
        await eventually(lambda name=name: _has_partitions(kafka_bootstrap, name, 4), within=20)
        config = await topic_config(kafka_bootstrap, name)
        assert (config["retention.ms"], config["retention.bytes"]) == ("-1", "-1"), name
        assert len(await existing_partitions(kafka_bootstrap, [name])) == 4, name


async def _has_partitions(bootstrap: str, topic: str, count: int) -> None:
    found = len(await existing_partitions(bootstrap, [topic]))
    if found != count:
        raise AssertionError(f"{topic}: {found} partitions, expected {count}")


async def test_the_service_starts_and_registers_while_kafka_is_away_keeping_the_event_in_its_outbox(
    start_documents: StartDocuments, pg_url: str, kafka_bootstrap: str, run_id: str
) -> None:
    # Nothing listens on port 1: the broker is "away" for the whole start.
    prefix = f"run{run_id}.{uuid.uuid4().hex[:6]}."
    documents = await start_documents(
        database_url=pg_url, kafka_bootstrap="127.0.0.1:1", kafka_topic_prefix=prefix
    )

    registered = await documents.stub.RegisterIncomingDocument(register_request("kafka-away-1"))

    assert registered.incoming_number == 1
    assert documents.container.relay is not None
    assert await documents.container.relay.lag() == 1  # kept in the outbox, published later
