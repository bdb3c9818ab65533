"""The boards of tracked work (#12), distributed: the contract events appended to the documents store
on PostgreSQL, relayed to Kafka, projected by reporting on its own PostgreSQL, read over gRPC with
their "as of" positions; a rebuild from the topic gives the same boards."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest

from oneoffice.contracts.grpc.reporting.v1 import boards_pb2, boards_pb2_grpc
from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.domain.work_board import Counts
from oneoffice.reporting.entrypoints.grpc_server import build_server
from tests.caller import ActingAs
from tests.conftest import CreateDatabase, unique_name
from tests.unit.reporting.work_samples import (
    completed,
    created,
    due_soon,
    extended,
    overdue,
    passed_on,
    reassigned,
    stream_of,
    untracked,
)

from .conftest import close_store, open_documents_store, wait_until

pytestmark = pytest.mark.integration


@dataclass
class Pipeline:
    documents: EventStore
    reporting: ReportingContainer
    topic: str


@pytest.fixture
async def pipeline(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> AsyncIterator[Pipeline]:
    prefix = f"{unique_name(run_id, 'boards')}."
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
        yield Pipeline(documents, reporting, topic)
    finally:
        await reporting.aclose()
        await relay.stop()
        await producer.stop()
        await close_store(documents)


async def append(store: EventStore, *events: DomainEvent) -> None:
    """Each event appended to its own stream (a task's, a document's), as the documents service does."""
    for event in events:
        stream = stream_of(event)
        await store.append(
            stream,
            event.commune_id,  # type: ignore[attr-defined]
            [event],
            expected_version=await store.stream_version(stream),
            metadata=Metadata(actor="lanhdao-16876", correlation_id=str(uuid.uuid4())),
        )


async def wait_for_board(reporting: ReportingContainer, commune: str, totals: Counts) -> None:
    async def shown() -> bool:
        return (await reporting.get_work_board(commune)).totals == totals

    await wait_until(shown, f"the board of {commune} to show {totals}")


WORK: tuple[DomainEvent, ...] = (
    created("t1", "p-an", coordinators=("p-binh",), body_code="UBND", document_id="d1"),
    created("t2", "p-binh", body_code="HDND"),
    created("t3", "p-an"),
    created("t4", "p-chi", commune_id="16882"),
    passed_on("d1", recipient="p-leader"),
    passed_on("d2", recipient="p-leader"),
    passed_on("d3", kind="person", recipient="p-binh", body="HDND"),
    due_soon("t1", 1, "p-an"),
    overdue("t2", 1, "p-binh"),
    completed("t3"),
    untracked("d3", body="HDND"),
    overdue("t4", 1, "p-chi", commune="16882"),
)


async def test_contract_events_published_through_kafka_make_the_boards_with_their_positions(
    pipeline: Pipeline,
) -> None:
    await append(pipeline.documents, *WORK)
    await wait_for_board(pipeline.reporting, "16876", Counts(open=2, due_soon=1, overdue=1, untracked=1))
    await wait_for_board(pipeline.reporting, "16882", Counts(open=1, overdue=1))

    server = build_server(pipeline.reporting)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(
            server.target, interceptors=[ActingAs("lanhdao-16876", ["leader"], ["16876"])]
        ) as channel:
            stub = boards_pb2_grpc.BoardsServiceStub(channel)  # type: ignore[no-untyped-call]
            board = await stub.GetWorkBoard(boards_pb2.GetWorkBoardRequest(commune_id="16876"))
            leader = await stub.GetMyDay(boards_pb2.GetMyDayRequest(person_id="p-leader"))
            binh = await stub.GetMyDay(boards_pb2.GetMyDayRequest(person_id="p-binh"))
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.GetWorkBoard(boards_pb2.GetWorkBoardRequest(commune_id="16882"))
    finally:
        await server.stop(grace=None)

    assert {k.key: (k.counts.open, k.counts.overdue, k.counts.untracked) for k in board.by_handler} == {
        "p-an": (1, 0, 0),
        "p-binh": (1, 1, 1),
    }
    assert {k.key: k.counts.untracked for k in board.by_body} == {"HDND": 1, "UBND": 0}
    assert [(t.task_id, t.state) for t in board.tasks] == [("t2", "overdue"), ("t1", "due_soon")]
    assert [d.document_id for d in board.untracked] == ["d3"]
    # "As of": the topic's partitions the projection read, in the same snapshot as the figures.
    positions = {(p.source, p.partition): p.next_offset for p in board.as_of.positions}
    assert positions and {source for source, _ in positions} == {pipeline.topic}
    assert sum(positions.values()) >= len(WORK) - 1  # the other commune's events may share no partition
    assert [d.document_id for d in leader.waiting_for_direction] == ["d2"]
    assert [t.task_id for t in binh.tasks] == ["t2", "t1"] and [t.task_id for t in binh.overdue] == ["t2"]
    assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED


async def test_a_rebuild_from_the_topic_gives_the_incremental_boards_and_keeps_following(
    pipeline: Pipeline,
) -> None:
    reporting = pipeline.reporting
    await append(pipeline.documents, *WORK)
    await wait_for_board(reporting, "16876", Counts(open=2, due_soon=1, overdue=1, untracked=1))
    incremental = await reporting.get_work_board("16876")

    assert await reporting.rebuild_work_board() == 2
    rebuilt = await reporting.get_work_board("16876")
    assert (rebuilt.totals, rebuilt.by_handler, rebuilt.by_body) == (
        incremental.totals,
        incremental.by_handler,
        incremental.by_body,
    )
    assert (rebuilt.tasks, rebuilt.untracked) == (incremental.tasks, incremental.untracked)
    assert rebuilt.as_of.positions == incremental.as_of.positions

    # Followed after the switch: an extension clears the overdue of the first deadline; a reassignment.
    await append(pipeline.documents, extended("t2", 2), reassigned("t1", "p-chi"))

    async def handlers_moved() -> bool:
        # The reassignment is the last event: the extension alone already gives the totals below.
        return {k for k, _ in (await reporting.get_work_board("16876")).by_handler} == {"p-binh", "p-chi"}

    await wait_until(handlers_moved, "the reassignment of t1 to reach the board")
    await wait_for_board(reporting, "16876", Counts(open=2, due_soon=1, untracked=1))
