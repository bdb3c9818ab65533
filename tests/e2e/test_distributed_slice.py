"""The first real use case in the distributed mode: one process per service, PostgreSQL, Kafka.

The operator creates the first administrator with the staff CLI; the administrator opens the
clerks' accounts through the API. The clerk registers an incoming document; the gateway calls the
documents service over gRPC, which appends the event; its outbox relay publishes it to Kafka; the
reporting service's Kafka subscription projects it into the incoming register; the clerk reads the
register back through the gateway, and a clerk of another commune reaches none of it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.conftest import CreateDatabase

from .distributed import ADMIN, ADMIN_PASSWORD, SERVICES, start_distributed
from .processes import Processes, free_port

COMMUNE = "16876"
CLERK_PASSWORD = "van-thu-e2e"


async def token(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def deployment(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> AsyncIterator[tuple[str, Processes]]:
    databases = {name: await create_pg_database(name) for name in SERVICES}
    prefix = f"{run_id}.e2e{free_port()}."
    processes = Processes()
    try:
        started = await start_distributed(processes, databases, kafka_bootstrap, prefix)
        processes.metrics_ports = started.metrics_ports  # type: ignore[attr-defined]
        yield started.base_url, processes
    finally:
        codes = processes.stop_all()
        assert all(code == 0 or code == -15 for code in codes.values()), (
            f"unclean exit {codes}\n{processes.logs()}"
        )


async def test_registered_document_appears_in_the_incoming_register_through_kafka(
    deployment: tuple[str, Processes],
) -> None:
    base_url, processes = deployment
    document = {
        "body_code": "UBND",
        "issuer": "UBND tỉnh Nghệ An",
        "number_symbol": "123/UBND-VX",
        "document_date": "2026-11-20",
        "document_type": "CV",
        "summary": "Về việc triển khai mô hình Một văn phòng cấp xã",
        "urgency": "KHAN",
        "received_date": "2026-11-24",
    }
    async with httpx.AsyncClient(base_url=base_url, timeout=15) as client:
        admin = await token(client, ADMIN, ADMIN_PASSWORD)
        for username, commune in (("vanthu-16876", COMMUNE), ("vanthu-16882", "16882")):
            opened = await client.post(
                "/api/v1/accounts",
                json={
                    "username": username,
                    "display_name": "Văn thư",
                    "roles": ["clerk"],
                    "scope": [commune],
                    "password": CLERK_PASSWORD,
                },
                headers=admin,
            )
            assert opened.status_code == 201, opened.text
        # The administrator manages accounts but registers nothing.
        assert (
            await client.post(f"/api/v1/communes/{COMMUNE}/incoming-documents", json=document, headers=admin)
        ).status_code == 403
        client.headers.update(await token(client, "vanthu-16876", CLERK_PASSWORD))
        created = await client.post(
            f"/api/v1/communes/{COMMUNE}/incoming-documents",
            json=document,
            headers={"Idempotency-Key": "e2e-1"},
        )
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["incoming_number"] == 1 and body["year"] == 2026

        again = await client.post(
            f"/api/v1/communes/{COMMUNE}/incoming-documents",
            json=document,
            headers={"Idempotency-Key": "e2e-1"},
        )
        assert again.status_code == 201 and again.json()["document_id"] == body["document_id"]

        rows: list[dict[str, object]] = []
        deadline = asyncio.get_running_loop().time() + 60
        while not rows:
            listed = await client.get(
                f"/api/v1/communes/{COMMUNE}/incoming-register", params={"body": "UBND", "year": 2026}
            )
            assert listed.status_code == 200, listed.text
            rows = listed.json()["rows"]
            if not rows:
                assert asyncio.get_running_loop().time() < deadline, f"never projected\n{processes.logs()}"
                await asyncio.sleep(0.3)
        # A clerk of another commune reaches neither the register nor the document.
        other = await token(client, "vanthu-16882", CLERK_PASSWORD)
        register = f"/api/v1/communes/{COMMUNE}/incoming-register"
        assert (await client.get(register, params={"body": "UBND"}, headers=other)).status_code == 403
        assert (await client.get(created.headers["location"], headers=other)).status_code == 403
        smuggled = f"/api/v1/communes/16882/incoming-documents/{body['document_id']}"
        assert (await client.get(smuggled, headers=other)).status_code == 404
    [row] = rows
    assert row["document_id"] == body["document_id"]
    assert row["incoming_number"] == 1
    assert row["issuer"] == "UBND tỉnh Nghệ An"
    assert row["number_symbol"] == "123/UBND-VX"

    async with httpx.AsyncClient(timeout=5) as client:
        ports = processes.metrics_ports  # type: ignore[attr-defined]
        documents = (await client.get(f"http://127.0.0.1:{ports['documents']}/metrics")).text
        reporting = (await client.get(f"http://127.0.0.1:{ports['reporting']}/metrics")).text
        gateway = await client.get(f"{base_url}/metrics")
    assert _sample(documents, "oneoffice_events_appended_total", "documents.IncomingDocumentRegistered") == 1
    assert _sample(documents, "oneoffice_events_published_total", "documents.events.v1") >= 1
    assert _sample(reporting, "oneoffice_events_consumed_total", "reporting.incoming_register.v2") >= 1
    assert "oneoffice_consumer_lag" in reporting
    assert gateway.status_code == 200 and "# HELP oneoffice_" in gateway.text
    # RED metrics per route template at the gateway; process metrics in every process.
    template = 'handler="/api/v1/communes/{commune_id}/incoming-register"'
    assert _sample(gateway.text, "http_requests_total", template) >= 1
    for text in (documents, reporting, gateway.text):
        assert "process_resident_memory_bytes " in text and "python_gc_collections_total" in text


def _sample(text: str, metric: str, label_value: str) -> float:
    """The value of the first sample of ``metric`` whose labels mention ``label_value``."""
    for line in text.splitlines():
        if line.startswith(metric + "{") and label_value in line:
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no sample of {metric} with {label_value!r} in:\n{text}")
