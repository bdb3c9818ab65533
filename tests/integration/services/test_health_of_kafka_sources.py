"""What waits for Kafka reports NOT_SERVING under its own name; the service itself keeps serving."""

from __future__ import annotations

import asyncio

from oneoffice.eventcore.connections import SourceConnections
from oneoffice.eventcore.grpc_runtime import (
    HealthStatus,
    build_grpc_server,
    list_health,
    probe_health,
    report_connections,
)
from oneoffice.gateway.adapters.grpc_health import GrpcServiceHealth
from oneoffice.gateway.application.readiness import ServiceStatus, check_readiness

SERVICE = "oneoffice.reporting.v1"
SUBSCRIPTION = "reporting.incoming_register"


async def _until(target: str, name: str, expected: HealthStatus) -> None:
    async with asyncio.timeout(5):
        while await probe_health(target, name) is not expected:  # noqa: ASYNC110 (polling a server)
            await asyncio.sleep(0.02)


async def test_a_subscription_waiting_for_kafka_is_not_serving_until_it_connects() -> None:
    connections = SourceConnections()
    connections.waiting(SUBSCRIPTION)  # before the server starts, as a bootstrap does
    server = report_connections(build_grpc_server("127.0.0.1", 0, health_names=[SERVICE]), connections)
    await server.start()
    try:
        assert await probe_health(server.target, SUBSCRIPTION) is HealthStatus.NOT_SERVING
        assert await probe_health(server.target, SERVICE) is HealthStatus.SERVING
        assert await probe_health(server.target) is HealthStatus.SERVING

        connections.connected(SUBSCRIPTION)
        await _until(server.target, SUBSCRIPTION, HealthStatus.SERVING)

        connections.waiting(SUBSCRIPTION)  # e.g. the relay failing to publish again
        await _until(server.target, SUBSCRIPTION, HealthStatus.NOT_SERVING)
        assert await probe_health(server.target, SERVICE) is HealthStatus.SERVING
    finally:
        await server.stop(grace=None)


async def test_a_halted_subscription_stays_not_serving_when_kafka_connects() -> None:
    connections = SourceConnections()
    server = report_connections(build_grpc_server("127.0.0.1", 0, health_names=[SERVICE]), connections)
    await server.start()
    try:
        server.subscription_halted(SUBSCRIPTION, "breaker")
        await _until(server.target, SUBSCRIPTION, HealthStatus.NOT_SERVING)

        connections.connected(SUBSCRIPTION)
        await asyncio.sleep(0.05)

        assert await probe_health(server.target, SUBSCRIPTION) is HealthStatus.NOT_SERVING
    finally:
        await server.stop(grace=None)


async def test_the_health_list_names_every_part_and_the_gateway_reports_them_beside_the_service() -> None:
    connections = SourceConnections()
    connections.waiting(SUBSCRIPTION)
    connections.connected("relay:oneoffice.reporting")
    server = report_connections(build_grpc_server("127.0.0.1", 0, health_names=[SERVICE]), connections)
    await server.start()
    try:
        listed = await list_health(server.target)
        readiness = await check_readiness(GrpcServiceHealth({"reporting": server.target}), ["reporting"])
    finally:
        await server.stop(grace=None)

    assert listed == {
        "": HealthStatus.SERVING,
        SERVICE: HealthStatus.SERVING,
        SUBSCRIPTION: HealthStatus.NOT_SERVING,
        "relay:oneoffice.reporting": HealthStatus.SERVING,
    }
    assert readiness.ready
    assert readiness.parts == {
        "reporting": {
            "relay:oneoffice.reporting": ServiceStatus.SERVING,
            SUBSCRIPTION: ServiceStatus.NOT_SERVING,
        }
    }
    assert readiness.degraded == [f"reporting/{SUBSCRIPTION}"]


async def test_the_health_list_of_a_server_that_does_not_answer_is_empty() -> None:
    assert await list_health("127.0.0.1:9", deadline=0.5) == {}


async def test_the_gateway_reports_a_service_that_does_not_answer_as_unreachable() -> None:
    health = GrpcServiceHealth({"reporting": "127.0.0.1:9"}, deadline=0.5)

    report = await health.report("reporting")

    assert (report.status, dict(report.parts)) == (ServiceStatus.UNREACHABLE, {})
