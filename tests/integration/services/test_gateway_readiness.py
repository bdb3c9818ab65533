"""The gateway, with its real gRPC health adapter, in front of the real services."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings as GatewaySettings

from .conftest import RunningService

pytestmark = pytest.mark.integration


@pytest.fixture
async def gateway(running_services: dict[str, RunningService]) -> AsyncIterator[httpx.AsyncClient]:
    settings = GatewaySettings(
        documents_target=running_services["documents"].server.target,
        staff_target=running_services["staff"].server.target,
        reporting_target=running_services["reporting"].server.target,
        health_deadline=1.0,
    )
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        yield client


async def test_gateway_is_ready_when_every_service_serves(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/readyz")

    assert response.status_code == 200
    assert response.json()["services"] == {"documents": "SERVING", "staff": "SERVING", "reporting": "SERVING"}


async def test_gateway_is_not_ready_once_a_service_stops(
    gateway: httpx.AsyncClient, running_services: dict[str, RunningService]
) -> None:
    await running_services["staff"].server.stop(grace=None)

    response = await gateway.get("/readyz")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["unavailable"] == ["staff"]
    assert response.json()["services"]["staff"] == "UNREACHABLE"


async def test_home_page_shows_a_stopped_service_as_not_responding(
    gateway: httpx.AsyncClient, running_services: dict[str, RunningService]
) -> None:
    await running_services["documents"].server.stop(grace=None)

    page = (await gateway.get("/")).text

    assert page.count("Không phản hồi") == 1
    assert page.count("Đang hoạt động") == 2
