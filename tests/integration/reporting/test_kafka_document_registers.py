"""The outgoing register, the resolution book and the incoming register's passing-on columns in the
distributed mode (#12, #13): documents store on PostgreSQL, outbox relay, Kafka, reporting on its own
PostgreSQL; a rebuild from Kafka gives the same registers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from oneoffice.contracts.events.documents import (
    OutgoingDocumentDispatched,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
)
from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.application.registers import GetRegister
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.domain.registers import RegisterTable
from tests.conftest import CreateDatabase, unique_name
from tests.unit.contracts.samples import SAMPLES
from tests.unit.reporting.samples import registration
from tests.unit.reporting.work_samples import completed, created, passed_on

from .conftest import append_registrations, close_store, open_documents_store, wait_until

pytestmark = pytest.mark.integration


@dataclass
class Pipeline:
    documents: EventStore
    reporting: ReportingContainer


@pytest.fixture
async def pipeline(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> AsyncIterator[Pipeline]:
    prefix = f"{unique_name(run_id, 'registers')}."
    documents = await open_documents_store(await create_pg_database("documents"))
    producer = AiokafkaEventProducer(kafka_bootstrap)
    relay = OutboxRelay(documents, producer, topic_for("documents", prefix), poll_interval=0.02)
    relay.start()
    settings = Settings(
        database_url=await create_pg_database("reporting"),
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}reporting",
    )
    reporting = await bootstrap(settings)
    try:
        yield Pipeline(documents, reporting)
    finally:
        await reporting.aclose()
        await relay.stop()
        await producer.stop()
        await close_store(documents)


async def _append(store: EventStore, stream: str, events: list[DomainEvent]) -> None:
    await store.append(
        stream,
        "16876",
        events,
        expected_version=await store.stream_version(stream),
        metadata=Metadata(actor="vanthu-16876", correlation_id=str(uuid.uuid4())),
    )


async def _register(reporting: ReportingContainer, kind: str, lines: int) -> RegisterTable:
    found: list[RegisterTable] = []

    async def filled() -> bool:
        found[:] = [await reporting.get_register(GetRegister("16876", kind, "UBND", 2026))]
        return len(found[0].rows) >= lines

    await wait_until(filled, f"{lines} lines in the {kind} register")
    return found[0]


async def test_the_registers_follow_the_documents_topic_and_a_rebuild_gives_the_same(
    pipeline: Pipeline,
) -> None:
    document = registration(1)
    await append_registrations(pipeline.documents, [document, registration(2)])
    outgoing_events = [
        SAMPLES[e] for e in (OutgoingDocumentDrafted, OutgoingDocumentNumbered, OutgoingDocumentDispatched)
    ]
    await _append(pipeline.documents, "outgoing:16876:out-0001", outgoing_events)
    await _append(pipeline.documents, f"incoming-document:16876:{document.document_id}", [
        passed_on(document.document_id, kind="body", recipient="VP")
    ])  # fmt: skip
    await _append(pipeline.documents, "task:16876:t-1", [
        created("t-1", document_id=document.document_id),
        completed("t-1").model_copy(update={"reply_document_id": "out-0001"}),
    ])  # fmt: skip

    outgoing = await _register(pipeline.reporting, "outgoing", 1)
    book = await _register(pipeline.reporting, "resolutions", 1)
    incoming = await _register(pipeline.reporting, "incoming", 2)

    assert outgoing.rows[0][:2] == ("05/QĐ-UBND", "05/03/2026") and outgoing.rows[0][7] == "06/03/2026"
    assert book.rows[0][0] == "1" and book.rows[0][5] == "05/QĐ-UBND"
    assert incoming.rows[0][6:9] == ("VP", "02/03/2026", "vanthu-16876")
    registers = pipeline.reporting.registers
    assert registers is not None
    assert await registers.rebuild() == 2
    for table in (outgoing, book, incoming):
        again = await pipeline.reporting.get_register(GetRegister("16876", table.kind, "UBND", 2026))
        assert again.rows == table.rows
