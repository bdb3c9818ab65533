"""The first real use case in the distributed mode: one process per service, PostgreSQL, Kafka.

The operator creates the first administrator with the staff CLI; the administrator opens the
clerk's account through the API. The clerk registers an incoming document; the gateway calls the
documents service over gRPC, which appends the event; its outbox relay publishes it to Kafka; the
reporting service's Kafka subscription projects it into the incoming register; the clerk reads the
register back through the gateway.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.conftest import CreateDatabase

from .processes import Processes, free_port, wait_until_ready

COMMUNE = "16876"
ADMIN_PASSWORD = "quan-tri-e2e"
CLERK_PASSWORD = "van-thu-e2e"


def create_admin(staff_database_url: str) -> None:
    """What an operator runs once: the first administrator, password on stdin."""
    subprocess.run(
        [sys.executable, "-m", "oneoffice.staff", "create-admin", "--username", "quantri"],
        input=f"{ADMIN_PASSWORD}\n".encode(),
        env={**os.environ, "ONEOFFICE_STAFF_DATABASE_URL": staff_database_url},
        check=True,
        capture_output=True,
        timeout=60,
    )


async def token(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def deployment(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> AsyncIterator[tuple[str, Processes]]:
    ports = {name: free_port() for name in ("documents", "staff", "reporting", "gateway")}
    metrics_ports = {name: free_port() for name in ("documents", "staff", "reporting")}
    prefix = f"{run_id}.e2e{ports['gateway']}."
    databases = {name: await create_pg_database(name) for name in ("documents", "staff", "reporting")}
    create_admin(databases["staff"])
    # One secret of this deployment: the gateway signs callers' identities with it, the services check.
    internal_secret = secrets.token_urlsafe(32)
    processes = Processes()
    for name in ("documents", "staff", "reporting"):
        upper = name.upper()
        processes.start(
            name,
            ["-m", f"oneoffice.{name}", "serve"],
            {
                f"ONEOFFICE_{upper}_DATABASE_URL": databases[name],
                f"ONEOFFICE_{upper}_GRPC_PORT": str(ports[name]),
                f"ONEOFFICE_{upper}_KAFKA_BOOTSTRAP": kafka_bootstrap,
                f"ONEOFFICE_{upper}_KAFKA_TOPIC_PREFIX": prefix,
                f"ONEOFFICE_{upper}_KAFKA_GROUP_ID": f"{prefix}reporting",
                f"ONEOFFICE_{upper}_METRICS_PORT": str(metrics_ports[name]),
                f"ONEOFFICE_{upper}_INTERNAL_SECRET": internal_secret,
            },
        )
    processes.start(
        "gateway",
        ["-m", "oneoffice.gateway", "serve"],
        {
            "ONEOFFICE_GATEWAY_PORT": str(ports["gateway"]),
            "ONEOFFICE_GATEWAY_DEPLOYMENT": "distributed",
            "ONEOFFICE_GATEWAY_JWT_SECRET": secrets.token_urlsafe(32),
            "ONEOFFICE_GATEWAY_INTERNAL_SECRET": internal_secret,
            **{
                f"ONEOFFICE_GATEWAY_{n.upper()}_TARGET": f"127.0.0.1:{ports[n]}"
                for n in ("documents", "staff", "reporting")
            },
        },
    )
    base_url = f"http://127.0.0.1:{ports['gateway']}"
    try:
        await wait_until_ready(base_url, processes)
        processes.metrics_ports = metrics_ports  # type: ignore[attr-defined]
        yield base_url, processes
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
        admin = await token(client, "quantri", ADMIN_PASSWORD)
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
        gateway = await client.get(f"{base_url}/metrics/")
    assert _sample(documents, "oneoffice_events_appended_total", "documents.IncomingDocumentRegistered") == 1
    assert _sample(documents, "oneoffice_events_published_total", "documents.events.v1") >= 1
    assert _sample(reporting, "oneoffice_events_consumed_total", "reporting.incoming_register") >= 1
    assert "oneoffice_consumer_lag" in reporting
    assert gateway.status_code == 200 and "# HELP oneoffice_" in gateway.text


def _sample(text: str, metric: str, label_value: str) -> float:
    """The value of the first sample of ``metric`` whose labels mention ``label_value``."""
    for line in text.splitlines():
        if line.startswith(metric + "{") and label_value in line:
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no sample of {metric} with {label_value!r} in:\n{text}")
