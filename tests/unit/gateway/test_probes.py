"""/healthz and /readyz: liveness of the gateway, readiness of the services behind it."""

from __future__ import annotations

from oneoffice.gateway.application.readiness import ServiceStatus

from .conftest import ClientFor
from .fakes import FakeServiceHealth


async def test_liveness_answers_ok_without_asking_the_services(client_for: ClientFor) -> None:
    health = FakeServiceHealth(staff=ServiceStatus.UNREACHABLE)
    async with client_for(health) as client:
        response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert health.asked == []


async def test_readiness_is_200_with_each_status_when_every_service_serves(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "services": {"documents": "SERVING", "staff": "SERVING", "reporting": "SERVING"},
        "parts": {"documents": {}, "staff": {}, "reporting": {}},
        "degraded": [],
    }


async def test_readiness_stays_200_and_names_each_part_that_waits_for_kafka_or_halted(
    client_for: ClientFor,
) -> None:
    health = FakeServiceHealth()
    health.reported_parts = {
        "reporting": {
            "reporting.dashboard": ServiceStatus.NOT_SERVING,
            "reporting.incoming_register": ServiceStatus.SERVING,
        },
        "documents": {"relay:oneoffice.documents": ServiceStatus.NOT_SERVING},
    }
    async with client_for(health) as client:
        response = await client.get("/readyz")

    assert response.status_code == 200
    report = response.json()
    assert report["parts"]["reporting"] == {
        "reporting.dashboard": "NOT_SERVING",
        "reporting.incoming_register": "SERVING",
    }
    assert report["degraded"] == ["documents/relay:oneoffice.documents", "reporting/reporting.dashboard"]


async def test_the_not_ready_problem_names_the_degraded_parts_too(client_for: ClientFor) -> None:
    health = FakeServiceHealth(staff=ServiceStatus.UNREACHABLE)
    health.reported_parts = {"reporting": {"reporting.dashboard": ServiceStatus.NOT_SERVING}}
    async with client_for(health) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["degraded"] == ["reporting/reporting.dashboard"]


async def test_readiness_is_503_problem_naming_the_service_not_answering(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth(staff=ServiceStatus.UNREACHABLE)) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 503
    assert problem["title"] == "Hệ thống chưa sẵn sàng"
    assert "staff" in problem["detail"]
    assert problem["unavailable"] == ["staff"]
    assert problem["services"] == {"documents": "SERVING", "staff": "UNREACHABLE", "reporting": "SERVING"}


async def test_readiness_counts_not_serving_as_unavailable(client_for: ClientFor) -> None:
    health = FakeServiceHealth(documents=ServiceStatus.NOT_SERVING, reporting=ServiceStatus.UNREACHABLE)
    async with client_for(health) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["unavailable"] == ["documents", "reporting"]


async def test_readiness_problem_is_in_english_when_the_client_prefers_english(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth(reporting=ServiceStatus.UNREACHABLE)) as client:
        response = await client.get("/readyz", headers={"Accept-Language": "en"})

    problem = response.json()
    assert problem["title"] == "System not ready"
    assert problem["detail"] == "These services are not responding: reporting."
    assert response.headers["content-language"] == "en"
