"""FastAPI, gRPC aio and SQLAlchemy spans land on the provider the helpers were given."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import httpx
import pytest
from fastapi import FastAPI
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from oneoffice.eventcore.telemetry import (
    grpc_client_interceptors,
    grpc_server_interceptor,
    inject_trace_context,
    instrument_fastapi,
    instrument_sqlalchemy,
    setup_tracing,
)


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/communes/{commune_id}")
    async def commune(commune_id: str) -> dict[str, str]:
        return {"id": commune_id}

    return app


async def test_instrumented_fastapi_app_emits_a_server_span_per_request(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    app = _app()
    instrument_fastapi(app, provider)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as client:
        response = await client.get("/communes/16876")

    assert response.status_code == 200
    [server_span] = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.SERVER]
    assert server_span.name == "GET /communes/{commune_id}"
    assert server_span.attributes is not None
    assert server_span.attributes["http.status_code"] == 200
    assert server_span.resource.attributes["service.name"] == "oneoffice-documents"


async def test_fastapi_server_span_continues_the_callers_trace_from_traceparent(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    app = _app()
    instrument_fastapi(app, provider)
    caller = setup_tracing("browser-test")
    with caller.get_tracer("test").start_as_current_span("click") as click:
        headers = inject_trace_context()
    caller.shutdown()

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as client:
        await client.get("/communes/16876", headers=headers)

    [server_span] = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.SERVER]
    assert server_span.parent is not None and server_span.context is not None
    assert server_span.context.trace_id == click.get_span_context().trace_id
    assert server_span.parent.span_id == click.get_span_context().span_id


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
    yield engine
    await engine.dispose()


STATEMENTS = (
    "CREATE TABLE documents (id INTEGER PRIMARY KEY, symbol TEXT)",
    "INSERT INTO documents (symbol) VALUES ('12/UBND')",
    "SELECT symbol FROM documents",
)


async def _run_statements(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        for statement in STATEMENTS:
            await conn.execute(text(statement))


async def test_async_engine_emits_one_span_per_query_as_children_of_the_enclosing_span(
    provider: TracerProvider, exporter: InMemorySpanExporter, engine: AsyncEngine
) -> None:
    instrument_sqlalchemy(engine, provider)

    with provider.get_tracer("test").start_as_current_span("RegisterIncomingDocument") as handler:
        await _run_statements(engine)

    db_spans = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    statements = [s.attributes["db.statement"] for s in db_spans if s.attributes is not None]
    assert [st for st in statements if st in STATEMENTS] == list(STATEMENTS)
    operations = [
        s.name.split()[0] for s in db_spans if s.attributes and s.attributes["db.statement"] in STATEMENTS
    ]
    assert operations == ["CREATE", "INSERT", "SELECT"]
    for span in db_spans:
        assert span.parent is not None
        assert span.parent.span_id == handler.get_span_context().span_id


async def test_instrumenting_an_engine_twice_does_not_duplicate_spans(
    provider: TracerProvider, exporter: InMemorySpanExporter, engine: AsyncEngine
) -> None:
    instrument_sqlalchemy(engine, provider)
    instrument_sqlalchemy(engine.sync_engine, provider)

    await _run_statements(engine)

    select_spans = [
        s
        for s in exporter.get_finished_spans()
        if s.attributes and s.attributes["db.statement"] == STATEMENTS[2]
    ]
    assert len(select_spans) == 1


async def test_engines_instrumented_with_different_providers_report_to_their_own(
    tmp_path: Path, provider: TracerProvider, exporter: InMemorySpanExporter, engine: AsyncEngine
) -> None:
    other_exporter = InMemorySpanExporter()
    other_provider = setup_tracing("staff", exporter=other_exporter)
    other_engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}")
    try:
        instrument_sqlalchemy(engine, provider)
        instrument_sqlalchemy(other_engine, other_provider)
        await _run_statements(engine)
        await _run_statements(other_engine)
    finally:
        await other_engine.dispose()
        other_provider.shutdown()

    services = {
        s.resource.attributes["service.name"]
        for s in exporter.get_finished_spans()
        if s.kind is SpanKind.CLIENT
    }
    other_services = {
        s.resource.attributes["service.name"]
        for s in other_exporter.get_finished_spans()
        if s.kind is SpanKind.CLIENT
    }
    assert services == {"oneoffice-documents"}
    assert other_services == {"oneoffice-staff"}


async def test_grpc_call_gives_one_trace_from_client_span_to_server_span(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    # Two providers, as two processes would have: only the gRPC metadata can carry the context across.
    gateway_exporter = InMemorySpanExporter()
    gateway = setup_tracing("gateway", exporter=gateway_exporter)
    server = grpc.aio.server(interceptors=[grpc_server_interceptor(provider)])
    health_pb2_grpc.add_HealthServicer_to_server(health.aio.HealthServicer(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(
            f"127.0.0.1:{port}", interceptors=grpc_client_interceptors(gateway)
        ) as channel:
            response = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=5
            )
    finally:
        await server.stop(None)
        gateway.shutdown()

    assert response.status == health_pb2.HealthCheckResponse.SERVING
    [client_span] = gateway_exporter.get_finished_spans()
    [server_span] = exporter.get_finished_spans()
    assert client_span.kind is SpanKind.CLIENT and server_span.kind is SpanKind.SERVER
    assert client_span.name == server_span.name == "/grpc.health.v1.Health/Check"
    assert client_span.context is not None and server_span.context is not None
    assert server_span.context.trace_id == client_span.context.trace_id
    assert server_span.parent is not None
    assert server_span.parent.span_id == client_span.context.span_id
