"""The dashboard (#13), distributed: events on the three topics (documents, staff, reporting), each
appended to its own store on PostgreSQL and relayed to Kafka, projected by reporting on its own
PostgreSQL and read over gRPC — every commune with its KPIs, the totals their sums, and the positions
per topic partition the answer reflects; a rebuild from the three topics gives the same answer."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest

from oneoffice.contracts.grpc.reporting.v1 import dashboard_pb2, dashboard_pb2_grpc
from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.composition import ensure_service_topics
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.application.dashboard import DashboardQuery
from oneoffice.reporting.application.dashboard_errors import UnknownUnit
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.entrypoints.grpc_server import build_server
from tests.caller import ActingAs
from tests.conftest import CreateDatabase, unique_name
from tests.unit.reporting.dashboard_samples import PROVINCE, TOPICS, C, N

from .conftest import close_store, open_documents_store, wait_until

pytestmark = pytest.mark.integration
SERVICES = ("documents", "staff", "reporting")


@dataclass
class Pipeline:
    stores: dict[str, EventStore]
    reporting: ReportingContainer
    topics: dict[str, str]


@pytest.fixture
async def pipeline(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> AsyncIterator[Pipeline]:
    prefix = f"{unique_name(run_id, 'dash')}."
    settings = Settings(
        database_url=await create_pg_database("reporting"),
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}reporting",
    )
    stores, relays = {}, []
    producer = AiokafkaEventProducer(kafka_bootstrap)
    for service in SERVICES:
        await ensure_service_topics(service, settings)
    # The reporting topic is the reporting service's own: its store, published by its own relay (one
    # store per topic: a second would change the topic's epoch and halt the dashboard).
    for service in ("documents", "staff"):
        stores[service] = await open_documents_store(await create_pg_database(f"dash-{service}"))
        relays.append(OutboxRelay(stores[service], producer, topic_for(service, prefix), poll_interval=0.02))
        relays[-1].start()
    reporting = await bootstrap(settings)
    stores["reporting"] = reporting.store
    try:
        yield Pipeline(stores, reporting, {s: topic_for(s, prefix) for s in SERVICES})
    finally:
        await reporting.aclose()
        for relay in relays:
            await relay.stop()
        await producer.stop()
        for service in ("documents", "staff"):
            await close_store(stores[service])


async def append(store: EventStore, topic: str, events: list[DomainEvent]) -> None:
    for n, event in enumerate(events):
        commune = getattr(event, "commune_id", None) or getattr(event, "from_commune", None) or PROVINCE
        stream = f"{topic}-{commune}-{n}"
        await store.append(stream, commune, [event], expected_version=0,
                           metadata=Metadata(actor="test", correlation_id=str(uuid.uuid4())))  # fmt: skip


async def _dashboards(
    reporting: ReportingContainer, *pages: dict[str, int | str]
) -> list[dashboard_pb2.UnitDashboard]:
    """The province's dashboard over gRPC, once per page asked (no page: the default one)."""
    server = build_server(reporting)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(
            server.target, interceptors=[ActingAs("kiemtoan", ["auditor"], [])]
        ) as channel:
            stub = dashboard_pb2_grpc.DashboardServiceStub(channel)  # type: ignore[no-untyped-call]
            return [
                await stub.GetUnitDashboard(
                    dashboard_pb2.GetUnitDashboardRequest(unit_code=PROVINCE, period="2026-Q1", **page)
                )
                for page in pages or ({},)
            ]
    finally:
        await server.stop(grace=None)


async def test_events_on_three_topics_make_the_dashboard_with_its_positions_and_a_rebuild_equals_it(
    pipeline: Pipeline,
) -> None:
    expected = {topic: events() for topic, events in TOPICS.items()}
    # The documents first: their communes' units arrive later, on another topic.
    for service in ("documents", "reporting", "staff"):
        await append(pipeline.stores[service], service, expected[service])
    wiring = pipeline.reporting.dashboard
    assert wiring is not None
    # Everything each store holds (reporting's also holds the catalogue it published at its start).
    heads = {s: await pipeline.stores[s].last_position() for s in SERVICES}

    async def all_read() -> bool:
        try:
            board = (await wiring.dashboard(DashboardQuery(PROVINCE, "2026-Q1"))).board
        except UnknownUnit:  # the staff topic, with the units, not read yet
            return False
        offsets = {p.source: 0 for p in board.positions.positions}
        for p in board.positions.positions:
            offsets[p.source] += p.next_offset
        return all(offsets.get(pipeline.topics[s], 0) == heads[s] for s in SERVICES)

    await wait_until(all_read, "the dashboard to read every event of the three topics")
    answer, first, second, past = await _dashboards(
        pipeline.reporting, {}, {"limit": 1, "sort": "-documents_in"},
        {"limit": 1, "offset": 1, "sort": "-documents_in"}, {"limit": 1, "offset": 2},
    )  # fmt: skip

    assert [row.commune_id for row in answer.communes] == [C, N]
    assert answer.totals.documents_in == sum(row.kpis.documents_in for row in answer.communes) == 4
    assert answer.totals.figures_in_conflict == 1 and answer.totals.coverage_events == 1
    assert answer.pilot.documents_in == 2 and answer.others.documents_in == 2
    sources = {p.source for p in answer.as_of_positions.positions}
    assert sources == set(pipeline.topics.values())
    # One commune per page, the most documents first: the pages add up to the totals they carry.
    assert [len(p.communes) for p in (first, second, past)] == [1, 1, 0]
    assert all(p.commune_count == 2 and p.totals == answer.totals for p in (first, second, past))
    assert first.communes[0].kpis.documents_in >= second.communes[0].kpis.documents_in
    assert {first.communes[0].commune_id, second.communes[0].commune_id} == {C, N}
    pages = (first, second)
    assert first.as_of_positions.positions == second.as_of_positions.positions
    assert answer.totals.documents_in == sum(p.communes[0].kpis.documents_in for p in pages)
    assert answer.totals.overdue == sum(p.communes[0].kpis.overdue for p in pages)
    assert sum(w.communes for w in answer.adoption_waves) == len(answer.adoptions)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await _dashboards(pipeline.reporting, {"sort": "size"})
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    incremental = (await wiring.dashboard(DashboardQuery(PROVINCE, "2026-Q1"))).board
    assert await wiring.rebuild() == 2
    rebuilt = (await wiring.dashboard(DashboardQuery(PROVINCE, "2026-Q1"))).board
    assert rebuilt.communes == incremental.communes and rebuilt.totals == incremental.totals
    assert rebuilt.positions.positions == incremental.positions.positions
