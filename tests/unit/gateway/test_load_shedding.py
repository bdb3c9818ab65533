"""Beyond ``max_in_flight`` requests at once the gateway answers 503 at once, with Retry-After."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from oneoffice.gateway.application.errors import InvalidRequest
from oneoffice.gateway.application.ports import IncomingDocumentDraft, Registration, RequestContext
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import bearer
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

URL = "/api/v1/communes/16876/incoming-documents"
LIMIT = 3
KEYS = (f"key-{n}" for n in itertools.count())
BODY: dict[str, Any] = {
    "body_code": "UBND",
    "issuer": "UBND tỉnh Nghệ An",
    "number_symbol": "125/QĐ-UBND",
    "document_date": "2026-03-02",
    "document_type": "QD",
    "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
    "urgency": "KHAN",
    "received_date": "2026-03-05",
}


class GatedDocuments(FakeDocuments):
    """Registrations wait until the gate opens; the test sees how many are waiting."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.waiting = 0
        self.fail_unexpectedly = 0

    async def register_incoming(
        self, commune_id: str, draft: IncomingDocumentDraft, idempotency_key: str, context: RequestContext
    ) -> Registration:
        self.waiting += 1
        try:
            await self.gate.wait()
        finally:
            self.waiting -= 1
        if self.fail_unexpectedly:
            self.fail_unexpectedly -= 1
            raise RuntimeError("the service broke")
        return await super().register_incoming(commune_id, draft, idempotency_key, context)


@pytest.fixture
def documents() -> GatedDocuments:
    return GatedDocuments()


@pytest.fixture
def app(documents: GatedDocuments, staff: FakeStaff) -> FastAPI:
    return create_app(
        Settings(max_in_flight=LIMIT),
        health_port=FakeServiceHealth(),
        documents=documents,
        reporting=FakeReporting(),
        staff=staff,
    )


@pytest.fixture
async def client(app: FastAPI, staff: FakeStaff) -> AsyncIterator[httpx.AsyncClient]:
    # An unexpected error is a 500 answer, as a server gives it, not an exception in the test.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="https://gateway.test", headers=bearer(app, staff)
    ) as client:
        yield client


def register(client: httpx.AsyncClient, n: int) -> list[asyncio.Task[httpx.Response]]:
    """``n`` registrations sent at once, each under a fresh Idempotency-Key."""
    return [
        asyncio.create_task(client.post(URL, json=BODY, headers={"Idempotency-Key": next(KEYS)}))
        for _ in range(n)
    ]


async def until(condition: Any) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError("condition not reached")


def in_flight(app: FastAPI) -> float | None:
    value: float | None = app.state.telemetry.registry.get_sample_value(
        "oneoffice_gateway_requests_in_flight"
    )
    return value


async def test_the_request_beyond_the_limit_is_503_at_once_with_retry_after(
    client: httpx.AsyncClient, documents: GatedDocuments, app: FastAPI
) -> None:
    accepted = register(client, LIMIT)
    await until(lambda: documents.waiting == LIMIT)

    # At once: it does not wait for a slot.
    refused = await asyncio.wait_for(client.post(URL, json=BODY), timeout=5)

    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "1"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["x-content-type-options"] == "nosniff"
    problem = refused.json()
    assert problem["type"] == "urn:oneoffice:problem:overloaded"
    assert problem["title"] == "Hệ thống đang quá tải"
    assert len(documents.calls) == 0  # the gated ones have not reached the fake's record yet
    assert documents.waiting == LIMIT  # and the refused one never reached the port
    shed = app.state.telemetry.registry.get_sample_value("oneoffice_gateway_requests_shed_total")
    assert shed == 1

    documents.gate.set()
    assert [r.status_code for r in await asyncio.gather(*accepted)] == [201] * LIMIT
    assert in_flight(app) == 0


async def test_the_refusal_is_in_english_when_asked(
    client: httpx.AsyncClient, documents: GatedDocuments
) -> None:
    accepted = register(client, LIMIT)
    await until(lambda: documents.waiting == LIMIT)

    refused = await client.post(f"{URL}?lang=en", json=BODY)

    assert refused.status_code == 503
    assert refused.json()["title"] == "Service overloaded"
    documents.gate.set()
    await asyncio.gather(*accepted)


async def test_probes_and_metrics_answer_while_the_gateway_is_full(
    client: httpx.AsyncClient, documents: GatedDocuments
) -> None:
    accepted = register(client, LIMIT)
    await until(lambda: documents.waiting == LIMIT)

    health = await client.get("/healthz")
    ready = await client.get("/readyz")
    metrics = await client.get("/metrics", follow_redirects=True)

    assert (health.status_code, ready.status_code, metrics.status_code) == (200, 200, 200)
    assert "oneoffice_gateway_requests_in_flight 3.0" in metrics.text
    documents.gate.set()
    await asyncio.gather(*accepted)


async def test_requests_that_fail_give_their_slot_back(
    client: httpx.AsyncClient, documents: GatedDocuments, app: FastAPI
) -> None:
    documents.gate.set()
    documents.fail_with = [InvalidRequest("documents", "Bị từ chối", "Refused")] * LIMIT
    answered = await asyncio.gather(*register(client, LIMIT))
    documents.fail_unexpectedly = LIMIT
    broke = await asyncio.gather(*register(client, LIMIT))

    assert all(400 <= r.status_code < 500 for r in answered)
    assert {r.status_code for r in broke} == {500}
    assert in_flight(app) == 0
    after = await asyncio.gather(*register(client, LIMIT))
    assert [r.status_code for r in after] == [201] * LIMIT


async def test_a_request_whose_client_goes_away_gives_its_slot_back(
    client: httpx.AsyncClient, documents: GatedDocuments, app: FastAPI
) -> None:
    # The server cancels the request's task when its client disconnects.
    gone = register(client, LIMIT)
    await until(lambda: documents.waiting == LIMIT)
    for task in gone:
        task.cancel()
    await asyncio.gather(*gone, return_exceptions=True)

    assert in_flight(app) == 0
    documents.gate.set()
    after = await asyncio.gather(*register(client, LIMIT))
    assert [r.status_code for r in after] == [201] * LIMIT


async def test_a_disconnect_while_the_body_is_read_gives_the_slot_back(
    app: FastAPI, staff: FakeStaff
) -> None:
    # The client goes away before sending its body: the app reads ``http.disconnect``.
    headers = [(k.lower().encode(), v.encode()) for k, v in bearer(app, staff).items()]
    headers += [(b"content-type", b"application/json"), (b"content-length", b"500")]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": URL,
        "raw_path": URL.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"gateway.test"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("gateway.test", 443),
        "state": {},
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        pass

    for _ in range(LIMIT + 1):
        await app(scope, receive, send)
        assert in_flight(app) == 0
