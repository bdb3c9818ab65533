"""``python -m oneoffice.reporting rebuild`` from Kafka into PostgreSQL: every projection in one pass."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import Deliveries
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.schema import subscription_checkpoints
from oneoffice.reporting.adapters import kafka_replay
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.entrypoints.cli import app
from tests.conftest import CreateDatabase, unique_name
from tests.unit.reporting.samples import registration

from .conftest import (
    append_registrations,
    close_store,
    every_row,
    open_documents_store,
    projections,
    wait_until,
)

pytestmark = pytest.mark.integration


async def applied(container: ReportingContainer, subscriptions: Sequence[str], topic: str) -> dict[str, int]:
    """The messages of ``topic`` each subscription applied (from its checkpoints)."""
    async with container.engine.connect() as conn:
        result = await conn.execute(
            sa.select(
                subscription_checkpoints.c.subscription, sa.func.sum(subscription_checkpoints.c.next_offset)
            )
            .where(subscription_checkpoints.c.subscription.in_(subscriptions))
            .where(subscription_checkpoints.c.source == topic)
            .group_by(subscription_checkpoints.c.subscription)
        )
        return {name: int(total) for name, total in result}


async def test_the_command_line_rebuilds_every_projection_from_kafka_reading_the_topic_once(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix = f"{unique_name(run_id, 'cli_rebuild')}."
    topic = topic_for("documents", prefix)
    documents = await open_documents_store(await create_pg_database("documents"))
    producer = AiokafkaEventProducer(kafka_bootstrap)
    relay = OutboxRelay(documents, producer, topic, poll_interval=0.02)
    relay.start()
    database_url = await create_pg_database("reporting")
    settings = Settings(
        database_url=database_url,
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}reporting",
    )
    events = [registration(n, commune_id=c, document_id=f"doc-{c}-{n}") for n in range(1, 5) for c in "123"]
    try:
        # The service follows the topic: its projections are the incremental ones.
        reporting = await bootstrap(settings)
        try:
            live = [runner.name for runner in projections(reporting)]  # their subscriptions' names
            await append_registrations(documents, events)

            async def caught_up() -> bool:
                return await applied(reporting, live, topic) == dict.fromkeys(live, len(events))

            await wait_until(caught_up, "every projection following the documents topic")
            incremental = await every_row(reporting)
        finally:
            await reporting.aclose()
        # Every record the replay unpacks, by topic.
        unpacked: Counter[str] = Counter()
        unpack = kafka_replay.deliveries_from_records

        def counting(records: Sequence[Any]) -> Deliveries:
            unpacked.update(record.topic for record in records)
            return unpack(records)

        monkeypatch.setattr(kafka_replay, "deliveries_from_records", counting)
        monkeypatch.setenv("ONEOFFICE_REPORTING_DATABASE_URL", database_url)
        monkeypatch.setenv("ONEOFFICE_REPORTING_KAFKA_BOOTSTRAP", kafka_bootstrap)
        monkeypatch.setenv("ONEOFFICE_REPORTING_KAFKA_TOPIC_PREFIX", prefix)
        # The pass event by event (the set-based rebuild has tests of its own: test_kafka_set_based_rebuild).
        monkeypatch.setenv("ONEOFFICE_REPORTING_SET_BASED_REBUILD", "false")

        # The command runs its own event loop: in a thread of its own.
        result = await asyncio.to_thread(CliRunner().invoke, app, ["rebuild"])

        assert result.exit_code == 0, result.output
        for name in ("incoming_register", "work_board", "document_registers", "dashboard"):
            assert f"reporting.{name}: rebuilt, now serving generation 2" in result.stdout.splitlines()
        assert unpacked[topic] == len(events)  # one pass for the four projections
        reporting = await bootstrap(settings, follow_events=False)
        try:
            assert [await runner.active_generation() for runner in projections(reporting)] == [2] * 4
            assert await every_row(reporting) == incremental
        finally:
            await reporting.aclose()
    finally:
        await relay.stop()
        await producer.stop()
        await close_store(documents)
