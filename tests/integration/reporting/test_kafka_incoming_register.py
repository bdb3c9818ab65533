"""Distributed mode: documents store on PostgreSQL, outbox relay, Kafka, reporting on its own PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.adapters.kafka_replay import KafkaTopicReplay
from oneoffice.reporting.adapters.kafka_source import KafkaFollower
from oneoffice.reporting.application.incoming_register import ListIncomingRegister
from oneoffice.reporting.application.rebuild import rebuild_projection
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
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

# Communes of Tương Dương after the 2025 merger: their keys spread over the topic's partitions.
COMMUNES = ("16876", "16882", "16909", "16912", "16933", "16936")


def registrations(numbers: range, *, body: str = "UBND") -> list[IncomingDocumentRegistered]:
    return [
        registration(n, body=body, commune_id=commune, document_id=f"doc-{commune}-{body}-{n:04d}")
        for n in numbers
        for commune in COMMUNES
    ]


def ids(events: list[IncomingDocumentRegistered]) -> set[str]:
    return {e.document_id for e in events}


@dataclass
class Pipeline:
    documents: EventStore
    reporting: ReportingContainer
    replay_calls: list[str] = field(default_factory=list)
    # Registered during the next rebuild, after its first pass, and applied by the live subscription.
    during_next_rebuild: list[IncomingDocumentRegistered] = field(default_factory=list)
    # The plain Kafka replay under the recording one above (reports progress; #13).
    kafka_replay: KafkaTopicReplay | None = None


@pytest.fixture
async def pipeline(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> AsyncIterator[Pipeline]:
    prefix = f"{unique_name(run_id, 'reporting')}."
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
    engine = create_engine(settings.database_url.get_secret_value())
    kafka_replay = KafkaTopicReplay(kafka_bootstrap, [topic], engine)
    pipeline: Pipeline | None = None

    async def replay(handler: EventHandler, subscription: str) -> None:
        assert pipeline is not None
        pipeline.replay_calls.append(subscription)
        await kafka_replay(handler, subscription)
        during, pipeline.during_next_rebuild = pipeline.during_next_rebuild, []
        if during:
            await append_registrations(documents, during)
            await wait_for_documents(pipeline.reporting, ids(during))  # still the old generation

    reporting = await bootstrap(settings, engine=engine, replay=replay)
    pipeline = Pipeline(documents, reporting, kafka_replay=kafka_replay)
    try:
        yield pipeline
    finally:
        await reporting.aclose()
        await relay.stop()
        await producer.stop()
        await close_store(documents)


async def test_registrations_published_through_kafka_become_register_lines(pipeline: Pipeline) -> None:
    assert isinstance(pipeline.reporting.follower, KafkaFollower)
    events = registrations(range(1, 4)) + registrations(range(1, 3), body="DANG_UY")

    await append_registrations(pipeline.documents, events)

    await wait_for_documents(pipeline.reporting, ids(events))
    rows = await register_rows(pipeline.reporting)
    assert len(rows) == len(events)
    assert {(r["commune_id"], r["body_code"], r["incoming_number"]) for r in rows} == {
        (e.commune_id, e.body_code, e.incoming_number) for e in events
    }
    assert all(r["source_position"] > 0 for r in rows), "positions come from the relay's headers"
    page = await pipeline.reporting.list_incoming_register(ListIncomingRegister("16909", "UBND", 2026))
    assert [line.incoming_number for line in page.lines] == [1, 2, 3]


async def test_rebuild_from_kafka_gives_the_incremental_rows_and_keeps_following(pipeline: Pipeline) -> None:
    reporting = pipeline.reporting
    before = registrations(range(1, 11)) + registrations(range(1, 4), body="HDND")
    await append_registrations(pipeline.documents, before)
    await wait_for_documents(reporting, ids(before))
    incremental = await register_rows(reporting)

    assert await reporting.rebuild_incoming_register() == 2
    assert await register_rows(reporting) == incremental

    # Registrations arrive while the next rebuild replays, and after it switched.
    during = registrations(range(11, 14))
    after = registrations(range(4, 6), body="HDND")
    pipeline.during_next_rebuild = during
    assert await reporting.rebuild_incoming_register() == 3
    rebuilt = await register_rows(reporting)
    assert [r for r in rebuilt if r["document_id"] not in ids(during)] == incremental
    assert ids(during) <= {r["document_id"] for r in rebuilt}
    await append_registrations(pipeline.documents, after)
    await wait_for_documents(reporting, ids(before + during + after))

    followed = await register_rows(reporting)
    assert len(followed) == len(before + during + after)
    assert await reporting.rebuild_incoming_register() == 4
    assert await register_rows(reporting) == followed
    assert pipeline.replay_calls == [f"reporting.incoming_register.v2#g{g}" for g in (2, 2, 3, 3, 4, 4)]


class RecordedProgress:
    def __init__(self) -> None:
        self.totals: list[int | None] = []
        self.count = 0

    def started(self, total: int | None) -> None:
        self.totals.append(total)

    def advanced(self, count: int) -> None:
        self.count += count


async def test_a_rebuild_from_kafka_reports_the_progress_of_every_event(pipeline: Pipeline) -> None:
    reporting = pipeline.reporting
    events = registrations(range(1, 8))
    await append_registrations(pipeline.documents, events)
    await wait_for_documents(reporting, ids(events))
    progress = RecordedProgress()
    assert pipeline.kafka_replay is not None
    subscription = reporting.applier.subscription

    generation = await rebuild_projection(
        reporting.incoming_register, subscription, pipeline.kafka_replay, reporting.follower, progress
    )

    assert generation == 2
    assert progress.totals[0] == len(events) and sum(t or 0 for t in progress.totals) == len(events)
    assert progress.count == len(events)
