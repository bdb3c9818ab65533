"""One trace follows a registration from HTTP through gRPC, the store and Kafka to the projection.

Every component runs in this process on the real PostgreSQL and Kafka, sharing one tracer provider
whose spans go to an in-memory exporter.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from oneoffice.documents import bootstrap as documents_bootstrap
from oneoffice.documents.config import Settings as DocumentsSettings
from oneoffice.documents.entrypoints import grpc_server as documents_grpc
from oneoffice.eventcore.telemetry import setup_tracing
from oneoffice.eventcore.telemetry.service import ServiceTelemetry
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.reporting import bootstrap as reporting_bootstrap
from oneoffice.reporting.config import Settings as ReportingSettings
from oneoffice.reporting.entrypoints import grpc_server as reporting_grpc
from tests.conftest import CreateDatabase
from tests.integration.signed_in import running_staff, sign_in
from tests.known_units import KnownUnits

DOCUMENT = {
    "body_code": "DANG_UY",
    "issuer": "Huyện ủy Tương Dương",
    "number_symbol": "04-ĐA/HU",
    "document_date": "2026-11-02",
    "document_type": "DE_AN",
    "summary": "Đề án thí điểm mô hình Một văn phòng",
    "urgency": "NORMAL",
    "received_date": "2026-11-03",
}


async def test_one_trace_spans_http_grpc_store_kafka_and_projection(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str, tmp_path: Path
) -> None:
    exporter = InMemorySpanExporter()
    provider = setup_tracing("slice-test", exporter=exporter)
    prefix = f"{run_id}.trace."
    documents = await documents_bootstrap.bootstrap(
        DocumentsSettings(
            database_url=await create_pg_database("tdoc"),
            grpc_port=0,
            kafka_bootstrap=kafka_bootstrap,
            kafka_topic_prefix=prefix,
        ),
        telemetry=ServiceTelemetry.create("documents", tracer_provider=provider),
        units=KnownUnits.test_communes(),
    )
    reporting = await reporting_bootstrap.bootstrap(
        ReportingSettings(
            database_url=await create_pg_database("trep"),
            grpc_port=0,
            kafka_bootstrap=kafka_bootstrap,
            kafka_topic_prefix=prefix,
            kafka_group_id=f"{prefix}reporting",
        ),
        telemetry=ServiceTelemetry.create("reporting", tracer_provider=provider),
    )
    servers = [documents_grpc.build_server(documents), reporting_grpc.build_server(reporting)]
    for server in servers:
        await server.start()
    # The gateway asks a real staff service who the token's account is.
    accounts = AsyncExitStack()
    staff_target = await accounts.enter_async_context(running_staff(tmp_path))
    app = create_app(
        GatewaySettings(
            documents_target=servers[0].target,
            reporting_target=servers[1].target,
            staff_target=staff_target,
        ),
        telemetry=ServiceTelemetry.create("gateway", tracer_provider=provider),
    )
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://gateway"
        ) as client:
            client.headers.update(await sign_in(client, "vanthu-16876"))
            created = await client.post("/api/v1/communes/16876/incoming-documents", json=DOCUMENT)
            assert created.status_code == 201, created.text
            deadline = asyncio.get_running_loop().time() + 60
            while True:
                listed = await client.get(
                    "/api/v1/communes/16876/incoming-register", params={"body": "DANG_UY", "year": 2026}
                )
                if listed.json()["rows"]:
                    break
                assert asyncio.get_running_loop().time() < deadline, "the projection never caught up"
                await asyncio.sleep(0.2)
    finally:
        await app.state.grpc_channels.aclose()
        await accounts.aclose()
        for server in servers:
            await server.stop(1)
        await reporting.aclose()
        await documents.aclose()
    provider.force_flush()

    spans = exporter.get_finished_spans()
    [http] = [s for s in spans if s.kind == SpanKind.SERVER and s.name.startswith("POST /api/v1/communes")]
    trace = [s for s in spans if s.context is not None and s.context.trace_id == http.context.trace_id]
    by_id = {s.context.span_id: s for s in trace if s.context is not None}

    def kinds(fragment: str) -> set[SpanKind]:
        return {s.kind for s in trace if fragment in s.name}

    assert {SpanKind.CLIENT, SpanKind.SERVER} <= kinds("RegisterIncomingDocument"), "gRPC both sides"
    assert kinds("eventstore.append"), "the store append"
    assert SpanKind.PRODUCER in kinds("publish"), "the relay's Kafka publish"
    [projection] = [s for s in trace if s.name == "project documents.IncomingDocumentRegistered"]

    def ancestors(span: object) -> list[str]:
        names = []
        parent = getattr(span, "parent", None)
        while parent is not None and parent.span_id in by_id:
            names.append(by_id[parent.span_id].name)
            parent = by_id[parent.span_id].parent
        return names

    chain = ancestors(projection)
    print("projection span ancestry:", " <- ".join([projection.name, *chain]))
    assert any("RegisterIncomingDocument" in name for name in chain), chain
    assert chain[-1] == http.name, "the projection's span descends from the clerk's HTTP request"
