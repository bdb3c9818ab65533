"""Each service answers the standard gRPC health and reflection services over a real channel."""

from __future__ import annotations

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from oneoffice.eventcore.grpc_runtime import HEALTH_SERVICE, HealthStatus, build_grpc_server, probe_health

from .conftest import RunningService

pytestmark = pytest.mark.integration


async def test_each_service_reports_serving_for_the_server_and_its_own_name(
    running_services: dict[str, RunningService],
) -> None:
    for name, service in running_services.items():
        assert service.server.port > 0
        assert await probe_health(service.server.target) is HealthStatus.SERVING
        assert await probe_health(service.server.target, f"oneoffice.{name}.v1") is HealthStatus.SERVING


async def test_health_of_a_name_the_service_does_not_serve_is_service_unknown(
    running_services: dict[str, RunningService],
) -> None:
    target = running_services["documents"].server.target
    assert await probe_health(target, "oneoffice.staff.v1") is HealthStatus.SERVICE_UNKNOWN


async def test_stopped_service_is_unreachable(running_services: dict[str, RunningService]) -> None:
    server = running_services["reporting"].server
    await server.stop(grace=None)

    status = await probe_health(server.target, "oneoffice.reporting.v1", deadline=1.0)
    assert status is HealthStatus.UNREACHABLE


async def test_reflection_lists_the_health_service(running_services: dict[str, RunningService]) -> None:
    for service in running_services.values():
        async with grpc.aio.insecure_channel(service.server.target) as channel:
            stub = reflection_pb2_grpc.ServerReflectionStub(channel)
            request = reflection_pb2.ServerReflectionRequest(list_services="")
            responses = [r async for r in stub.ServerReflectionInfo(iter([request]))]

        listed = {s.name for s in responses[0].list_services_response.service}
        assert HEALTH_SERVICE in listed


async def test_second_server_on_a_port_in_use_fails_instead_of_sharing_it(
    running_services: dict[str, RunningService],
) -> None:
    port = running_services["staff"].server.port

    with pytest.raises(RuntimeError, match="Failed to bind"):
        build_grpc_server("127.0.0.1", port, health_names=["oneoffice.staff.v1"])
