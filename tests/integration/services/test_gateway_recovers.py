"""The gateway follows a service that comes back: readiness and calls recover within 2 s of it.

gRPC's default reconnect back-off grows towards two minutes: after an outage a long-lived channel
kept answering 503 for seconds to minutes after the service answered SERVING again.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.reporting.entrypoints.grpc_server import build_server
from tests.unit.gateway.conftest import bearer
from tests.unit.gateway.fakes import FakeStaff

from .conftest import RunningService

pytestmark = pytest.mark.integration

REGISTER = "/api/v1/communes/16876/incoming-register"
OUTAGE_S = 8.0
RECOVERY_BOUND_S = 2.0


@pytest.fixture
async def gateway(running_services: dict[str, RunningService]) -> AsyncIterator[httpx.AsyncClient]:
    settings = GatewaySettings(
        documents_target=running_services["documents"].server.target,
        staff_target=running_services["staff"].server.target,
        reporting_target=running_services["reporting"].server.target,
        health_deadline=1.0,
    )
    staff = FakeStaff()
    staff.add("vanthu-16876", scope=("16876",))
    app = create_app(settings, staff=staff)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=transport, base_url="http://gateway.test", headers=bearer(app, staff)
        ) as client,
    ):
        yield client


@pytest.mark.serial  # measures a 2-second bound: alone on the machine
async def test_readiness_and_calls_recover_within_two_seconds_of_a_service_that_comes_back(
    gateway: httpx.AsyncClient, running_services: dict[str, RunningService]
) -> None:
    reporting = running_services["reporting"]
    assert (await gateway.get(REGISTER, params={"body": "UBND"})).status_code == 200
    port = reporting.server.port
    await reporting.server.stop(grace=None)
    # While the service is away its port accepts and drops connections: each is one of the gateway's
    # reconnection attempts, seen here, so the service comes back right after one of them (the worst
    # moment: the whole back-off lies ahead).
    attempts: list[float] = []
    loop = asyncio.get_running_loop()

    async def drop(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        attempts.append(loop.time())
        writer.close()

    away = await asyncio.start_server(drop, "127.0.0.1", port)
    outage_ends = loop.time() + OUTAGE_S
    while loop.time() < outage_ends or not attempts or attempts[-1] < outage_ends:
        # Users keep calling: the channel keeps trying to reconnect.
        assert (await gateway.get(REGISTER, params={"body": "UBND"})).status_code == 503
        assert loop.time() < outage_ends + 30, "the gateway stopped trying to reconnect"
        await asyncio.sleep(0.2)
    away.close()
    await away.wait_closed()
    container = reporting.container
    container.settings = container.settings.model_copy(update={"grpc_port": port})
    reporting.server = build_server(container)  # the same service again, on the same port
    await reporting.server.start()
    back = loop.time()

    async def recovered(path: str, **params: str) -> float:
        # Polling: the gateway signals nothing when it recovers.
        while (await gateway.get(path, params=params)).status_code != 200 and loop.time() - back < 30:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        return loop.time() - back

    ready_after, called_after = await asyncio.gather(recovered("/readyz"), recovered(REGISTER, body="UBND"))
    assert ready_after < RECOVERY_BOUND_S, f"/readyz ready {ready_after:.1f} s after the service"
    assert called_after < RECOVERY_BOUND_S, f"calls answered {called_after:.1f} s after the service"
