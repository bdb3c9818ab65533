"""One set of figures, distributed: reports and an adoption over gRPC to the reporting service on
PostgreSQL; its outbox relay carries the events to the reporting topic in order (the catalogue
published at start first); a second start publishes no new catalogue version; the read model on
PostgreSQL answers the figures."""

from __future__ import annotations

import json
from decimal import Decimal

import grpc
import pytest

from oneoffice.contracts.grpc.reporting.v1 import figures_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import figures_pb2_grpc as pb_grpc
from oneoffice.contracts.topics import topic_for
from oneoffice.reporting.bootstrap import bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.entrypoints.grpc_server import build_server
from tests.caller import ActingAs
from tests.conftest import CreateDatabase, unique_name
from tests.integration.eventcore.kafka_helpers import read_topic

from .conftest import wait_until

pytestmark = pytest.mark.integration

CONFLICT = "fc-16876-DS_TONG-2025-1"


async def test_reports_and_an_adoption_reach_the_reporting_topic_in_order(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"{unique_name(run_id, 'figures')}."
    topic = topic_for("reporting", prefix)
    settings = Settings(
        database_url=await create_pg_database("reporting"),
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}reporting",
        grpc_port=0,
    )
    reporting = await bootstrap(settings)
    server = build_server(reporting)
    await server.start()
    try:
        report = pb.ReportFigureRequest(commune_id="16876", indicator="DS_TONG", period="2025", body="UBND")
        async with grpc.aio.insecure_channel(
            server.target, interceptors=[ActingAs("lanhdao-16876", ["leader"], ["16876"])]
        ) as channel:
            stub = pb_grpc.FiguresServiceStub(channel)  # type: ignore[no-untyped-call]
            await stub.ReportFigure(pb.ReportFigureRequest(**_fields(report), value="24310"))
            second = await stub.ReportFigure(
                pb.ReportFigureRequest(**_fields(report, body="MTTQ"), value="24400")
            )
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.ReportFigure(
                    pb.ReportFigureRequest(**_fields(report, period="2025-Q1"), value="1")
                )
            await stub.AdoptFigure(
                pb.AdoptFigureRequest(
                    commune_id="16876", conflict_id=CONFLICT, body="UBND", reason="Niên giám"
                )
            )

            async def listed() -> bool:
                figures = (await stub.ListFigures(pb.ListFiguresRequest(commune_id="16876"))).figures
                return [(f.status, f.value) for f in figures] == [("adopted", "24310")]

            await wait_until(listed, "the adopted figure in the read model")
        assert second.conflict_id == CONFLICT and second.status == "conflict"
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT

        expected = [
            "reporting.IndicatorCatalogueVersionPublished",
            "reporting.FigureReported",
            "reporting.FigureReported",
            "reporting.FigureConflictRaised",
            "reporting.FigureAdopted",
        ]

        async def relayed() -> bool:
            return len(await read_topic(kafka_bootstrap, topic)) >= len(expected)

        await wait_until(relayed, "the figures events on the reporting topic")
    finally:
        await server.stop(grace=None)
        await reporting.aclose()

    records = await read_topic(kafka_bootstrap, topic)
    figure = [json.loads(r.value) for r in records if r.key == b"16876"]
    assert [e["event_type"] for e in figure] == expected[1:]
    assert [e["stream_version"] for e in figure] == [1, 2, 3, 4]
    assert Decimal(figure[-1]["payload"]["value"]) == Decimal(24310)
    assert len(records) == len(expected)

    # A second start with the same table publishes no new catalogue version.
    again = await bootstrap(settings)
    try:
        assert (await again.figures.service.catalogue()).version == 1  # type: ignore[union-attr]
    finally:
        await again.aclose()


def _fields(request: pb.ReportFigureRequest, **changed: str) -> dict[str, str]:
    fields = {"commune_id": request.commune_id, "indicator": request.indicator, "period": request.period}
    return {**fields, "body": request.body, **changed}
