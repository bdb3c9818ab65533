"""Embedded mode: registrations in the documents store reach the incoming register, and gRPC lists them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from oneoffice.contracts.grpc.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.grpc_runtime import HealthStatus, probe_health
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry import inject_trace_context, setup_tracing
from oneoffice.reporting.adapters.store_source import StoreFollower, StoreReplay
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.entrypoints.grpc_server import build_server
from tests.caller import ActingAs, clerk, identity_metadata
from tests.unit.reporting.samples import registration

from .conftest import (
    append_registrations,
    close_store,
    open_documents_store,
    register_rows,
    wait_for_documents,
)

pytestmark = pytest.mark.integration

SERVICE = "oneoffice.reporting.v1.ReportingService"


@pytest.fixture
async def documents_store(tmp_path: Path) -> AsyncIterator[EventStore]:
    store = await open_documents_store(f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}")
    yield store
    await close_store(store)


def _settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}",
        grpc_host="127.0.0.1",
        grpc_port=0,
        kafka_bootstrap=None,
    )


@pytest.fixture
async def reporting(tmp_path: Path, documents_store: EventStore) -> AsyncIterator[ReportingContainer]:
    container = await bootstrap(_settings(tmp_path), documents_store=documents_store)
    yield container
    await container.aclose()


async def test_registrations_in_the_documents_store_become_register_lines(
    documents_store: EventStore, reporting: ReportingContainer
) -> None:
    assert isinstance(reporting.follower, StoreFollower)
    events = [registration(n) for n in range(1, 4)] + [registration(1, body="DANG_UY")]

    await append_registrations(documents_store, events)

    await wait_for_documents(reporting, {e.document_id for e in events})
    rows = await register_rows(reporting)
    assert sorted((r["body_code"], r["incoming_number"]) for r in rows) == [
        ("DANG_UY", 1),
        ("UBND", 1),
        ("UBND", 2),
        ("UBND", 3),
    ]
    positions = [r["source_position"] for r in rows]
    assert sorted(positions) == [1, 2, 3, 4], "each line names its position in the documents store"


async def test_grpc_lists_the_register_page_by_page(
    documents_store: EventStore, reporting: ReportingContainer
) -> None:
    events = [registration(n) for n in range(1, 6)]
    await append_registrations(documents_store, events)
    await wait_for_documents(reporting, {e.document_id for e in events})
    server = build_server(reporting)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(
            server.target, interceptors=[ActingAs("vanthu-16876", ["clerk"], ["16876"])]
        ) as channel:
            stub = reporting_pb2_grpc.ReportingServiceStub(channel)  # type: ignore[no-untyped-call]
            request = reporting_pb2.ListIncomingRegisterRequest(
                commune_id="16876", body_code="UBND", year=2026, page_size=3
            )
            first = await stub.ListIncomingRegister(request)
            request.page_token = first.next_page_token
            second = await stub.ListIncomingRegister(request)
    finally:
        await server.stop(grace=None)

    assert [row.incoming_number for row in first.rows] == [1, 2, 3]
    assert [row.incoming_number for row in second.rows] == [4, 5]
    assert first.next_page_token == "3" and second.next_page_token == ""
    row = first.rows[0]
    assert (row.document_id, row.received_date, row.document_date) == (
        "doc-UBND-2026-0001",
        "2026-03-02",
        "2026-03-01",
    )
    assert (row.issuer, row.number_symbol, row.document_type) == ("UBND tỉnh Nghệ An", "01/UBND-VX", "CV")
    assert row.summary == "Về việc triển khai mô hình một văn phòng, đợt 1"
    assert row.urgency == reporting_pb2.URGENCY_KHAN
    assert first.rows[1].urgency == reporting_pb2.URGENCY_NORMAL
    assert not row.HasField("recipient"), "no recipient until the document is passed on"


async def test_grpc_rejects_an_invalid_query_in_vietnamese_with_english_in_the_trailers(
    reporting: ReportingContainer,
) -> None:
    server = build_server(reporting)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(
            server.target, interceptors=[ActingAs("vanthu-16876", ["clerk"], ["16876"])]
        ) as channel:
            stub = reporting_pb2_grpc.ReportingServiceStub(channel)  # type: ignore[no-untyped-call]
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await stub.ListIncomingRegister(
                    reporting_pb2.ListIncomingRegisterRequest(commune_id="16876", body_code="UBND", year=0)
                )
    finally:
        await server.stop(grace=None)

    error = raised.value
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.details() == "Năm của sổ (year) phải từ 1900 đến 2999, nhận được 0."
    trailers = error.trailing_metadata()
    assert trailers is not None
    assert trailers.get("message-en") == "year must be between 1900 and 2999, got 0."
    assert trailers.get("field") == "year"


async def test_the_register_is_listed_only_to_callers_reading_that_commune(
    documents_store: EventStore, reporting: ReportingContainer
) -> None:
    events = [registration(n) for n in range(1, 3)]
    await append_registrations(documents_store, events)
    await wait_for_documents(reporting, {e.document_id for e in events})
    request = reporting_pb2.ListIncomingRegisterRequest(commune_id="16876", body_code="UBND", year=2026)
    server = build_server(reporting)
    await server.start()
    try:
        async with grpc.aio.insecure_channel(server.target) as channel:
            stub = reporting_pb2_grpc.ReportingServiceStub(channel)  # type: ignore[no-untyped-call]
            audited = await stub.ListIncomingRegister(
                request, metadata=identity_metadata("kiemtoan", ["auditor"])
            )
            with pytest.raises(grpc.aio.AioRpcError) as elsewhere:
                await stub.ListIncomingRegister(request, metadata=clerk("16882"))
            with pytest.raises(grpc.aio.AioRpcError) as anonymous:
                await stub.ListIncomingRegister(request)
    finally:
        await server.stop(grace=None)

    assert [row.incoming_number for row in audited.rows] == [1, 2]
    assert elsewhere.value.code() is grpc.StatusCode.PERMISSION_DENIED
    assert elsewhere.value.details() == "Tài khoản vanthu-16882 không được làm việc với đơn vị 16876."
    assert anonymous.value.code() is grpc.StatusCode.UNAUTHENTICATED


async def test_reporting_service_is_served_healthy_and_listed_by_reflection(
    reporting: ReportingContainer,
) -> None:
    server = build_server(reporting)
    await server.start()
    try:
        assert await probe_health(server.target, SERVICE) is HealthStatus.SERVING
        async with grpc.aio.insecure_channel(server.target) as channel:
            stub = reflection_pb2_grpc.ServerReflectionStub(channel)
            request = reflection_pb2.ServerReflectionRequest(list_services="")
            responses = [r async for r in stub.ServerReflectionInfo(iter([request]))]
    finally:
        await server.stop(grace=None)

    assert SERVICE in {s.name for s in responses[0].list_services_response.service}


async def test_rebuild_from_the_store_gives_the_incremental_rows_and_keeps_following(
    tmp_path: Path, documents_store: EventStore
) -> None:
    before = [registration(n) for n in range(1, 31)] + [registration(n, body="HDND") for n in range(1, 6)]
    during = [registration(n) for n in range(31, 36)]
    after = [registration(n, body="HDND") for n in range(6, 9)]
    replay_calls: list[str] = []
    container: ReportingContainer | None = None
    settings = _settings(tmp_path)
    engine = create_engine(settings.database_url.get_secret_value())
    inner = StoreReplay(documents_store, engine)

    async def replay_with_registrations_meanwhile(handler: EventHandler, subscription: str) -> None:
        # The first pass runs while the live subscription follows; registrations arrive then, and
        # the live subscription applies them to the old generation before the pass returns.
        replay_calls.append(subscription)
        await inner(handler, subscription)
        if len(replay_calls) == 1:
            assert container is not None
            await append_registrations(documents_store, during)
            await wait_for_documents(container, {e.document_id for e in during})

    container = await bootstrap(
        settings, engine=engine, documents_store=documents_store, replay=replay_with_registrations_meanwhile
    )
    try:
        await append_registrations(documents_store, before)
        await wait_for_documents(container, {e.document_id for e in before})
        incremental = await register_rows(container)

        generation = await container.rebuild_incoming_register()

        assert generation == 2
        assert replay_calls == ["reporting.incoming_register.v2#g2"] * 2
        rebuilt = await register_rows(container)
        assert [r for r in rebuilt if r["document_id"] not in {e.document_id for e in during}] == incremental
        assert {e.document_id for e in during} <= {r["document_id"] for r in rebuilt}
        await append_registrations(documents_store, after)
        await wait_for_documents(container, {e.document_id for e in before + during + after})
        await asyncio.sleep(0.2)  # nothing else arrives: no line twice, none lost
        assert len(await register_rows(container)) == len(before + during + after)
    finally:
        await container.aclose()


async def test_projecting_a_registration_continues_the_trace_of_the_request_that_made_it(
    tmp_path: Path, documents_store: EventStore
) -> None:
    exporter = InMemorySpanExporter()
    provider = setup_tracing("reporting", exporter=exporter)
    container = await bootstrap(
        _settings(tmp_path), documents_store=documents_store, tracer_provider=provider
    )
    event = registration(1)
    try:
        with provider.get_tracer("test").start_as_current_span("RegisterIncomingDocument") as request_span:
            await documents_store.append(
                "incoming-register:16876:UBND:2026",
                "16876",
                [event],
                expected_version=0,
                metadata=Metadata(
                    actor="user-vanthu-01", correlation_id="corr-1", trace_context=inject_trace_context()
                ),
            )
        await wait_for_documents(container, {event.document_id})
    finally:
        await container.aclose()
        provider.shutdown()

    [span] = [
        s for s in exporter.get_finished_spans() if s.name == "project documents.IncomingDocumentRegistered"
    ]
    assert span.context is not None and span.parent is not None
    assert span.context.trace_id == request_span.get_span_context().trace_id
    assert span.parent.span_id == request_span.get_span_context().span_id
