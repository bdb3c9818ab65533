"""The gateway's JSON API in front of the real documents service (gRPC, PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings as GatewaySettings
from tests.integration.signed_in import running_staff, sign_in

from .conftest import RunningDocuments, StartDocuments, eventually

pytestmark = pytest.mark.integration

URL = "/api/v1/communes/16876/incoming-documents"
BODY: dict[str, Any] = {
    "body_code": "DANG_UY",
    "issuer": "Ban Thường vụ Tỉnh ủy Nghệ An",
    "number_symbol": "15-NQ/TU",
    "document_date": "2026-07-02",
    "document_type": "NQ",
    "summary": "Về việc kiện toàn tổ chức bộ máy cấp xã sau sắp xếp",
    "urgency": "KHAN",
    "received_date": "2026-07-04",
}


@pytest.fixture
async def staff_target(tmp_path: Path) -> AsyncIterator[str]:
    async with running_staff(tmp_path) as target:
        yield target


@asynccontextmanager
async def signed_in_gateway(documents_target: str, staff_target: str) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway in front of the real services, signed in as the clerk of 16876."""
    # Reporting is not started: nothing listens on port 1.
    settings = GatewaySettings(
        documents_target=documents_target,
        reporting_target="127.0.0.1:1",
        staff_target=staff_target,
        grpc_timeout=2,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            client.headers.update(await sign_in(client, "vanthu-16876"))
            yield client
    finally:
        await app.state.grpc_channels.aclose()


@pytest.fixture
async def gateway(documents: RunningDocuments, staff_target: str) -> AsyncIterator[httpx.AsyncClient]:
    async with signed_in_gateway(documents.server.target, staff_target) as client:
        yield client


async def test_registering_through_the_gateway_gives_numbers_and_the_document_reads_back(
    gateway: httpx.AsyncClient, documents: RunningDocuments
) -> None:
    first = await gateway.post(
        URL,
        json=BODY,
        headers={"Idempotency-Key": "gw-1", "X-User": "nguyen.thi.b", "X-Correlation-Id": "gw-corr-1"},
    )
    again = await gateway.post(URL, json=BODY, headers={"Idempotency-Key": "gw-1"})
    second = await gateway.post(URL, json=BODY, headers={"Idempotency-Key": "gw-2"})

    assert first.status_code == 201, first.text
    assert first.json()["incoming_number"] == 1 and first.json()["year"] == 2026
    assert again.json() == first.json()
    assert second.json()["incoming_number"] == 2
    assert second.json()["duplicate_of"] == first.json()["document_id"]

    async def read_back() -> httpx.Response:
        response = await gateway.get(first.headers["location"])
        assert response.status_code == 200, response.text
        return response

    document = (await eventually(read_back)).json()
    stored = (await documents.container.store.read_stream("incoming-register:16876:DANG_UY:2026"))[0]
    # The signed-in clerk is recorded, never a name a header claims.
    assert (stored.actor, stored.correlation_id, stored.causation_id) == ("vanthu-16876", "gw-corr-1", "gw-1")
    assert document["registered_by"] == "vanthu-16876"
    assert (document["body_code"], document["urgency"], document["number_symbol"]) == (
        "DANG_UY",
        "KHAN",
        "15-NQ/TU",
    )


async def test_the_services_vietnamese_refusal_reaches_the_client_field_by_field(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.post(URL, json={**BODY, "issuer": " ", "received_date": "2026-07-01"})

    assert response.status_code == 422
    problem = response.json()
    assert problem["title"] == "Dữ liệu không hợp lệ"
    assert [(e["loc"], e["msg"]) for e in problem["errors"]] == [
        (["body", "issuer"], "Chưa nhập tác giả (cơ quan ban hành văn bản)."),
        (["body", "received_date"], "Ngày đến không được trước ngày tháng của văn bản."),
    ]

    english = await gateway.post(URL, json={**BODY, "issuer": ""}, headers={"Accept-Language": "en"})
    assert english.json()["errors"][0]["msg"] == "The issuer of the document is missing."


async def test_an_unknown_document_is_a_404_problem(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get(f"{URL}/khong-co")

    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy văn bản đến «khong-co» của xã 16876."


async def test_a_reporting_service_that_does_not_answer_is_a_503_problem(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/api/v1/communes/16876/incoming-register", params={"body": "UBND"})

    assert response.status_code == 503
    assert response.json()["detail"] == "Dịch vụ báo cáo không phản hồi; hãy thử lại sau."


async def test_an_event_too_large_for_the_topic_is_refused_as_invalid_with_a_bilingual_message(
    start_documents: StartDocuments, pg_url: str, staff_target: str
) -> None:
    # A topic taking 16 KiB + 600 bytes per message: the store keeps events up to 600 bytes.
    documents = await start_documents(database_url=pg_url, kafka_max_message_bytes=(16 << 10) + 600)
    async with signed_in_gateway(documents.server.target, staff_target) as client:
        vi = await client.post(URL, json=BODY, headers={"Idempotency-Key": "big-1"})
        en = await client.post(URL, json=BODY, headers={"Idempotency-Key": "big-2", "Accept-Language": "en"})

    assert vi.status_code == 422, vi.text
    assert vi.headers["content-type"].startswith("application/problem+json")
    assert "Dữ liệu quá lớn" in vi.json()["detail"] and "600 byte" in vi.json()["detail"]
    assert en.status_code == 422 and "Too much data" in en.json()["detail"]
    assert await documents.container.store.last_position() == 0, "nothing was recorded"
