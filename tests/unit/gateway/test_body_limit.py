"""Request bodies over the cap are refused with 413 problem+json, declared or streamed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import bearer
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

URL = "/api/v1/communes/16876/incoming-documents"
CAP = 2000
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


@pytest.fixture
async def capped(documents: FakeDocuments, staff: FakeStaff) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        # A file route's cap is the attachment limit over the usual cap: 2 * CAP here.
        Settings(max_body_size=CAP, max_attachment_size=CAP),
        health_port=FakeServiceHealth(),
        documents=documents,
        reporting=FakeReporting(),
        staff=staff,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://gateway.test", headers=bearer(app, staff)
    ) as client:
        yield client


def too_large(size: int = CAP) -> bytes:
    return json.dumps({**BODY, "summary": "x" * size}).encode()


async def in_chunks(data: bytes, size: int = 500) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:oneoffice:problem:content-too-large"
    assert problem["title"] == "Dữ liệu quá lớn"


async def test_a_declared_length_over_the_cap_is_413_before_the_route(
    capped: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await capped.post(URL, content=too_large(), headers={"Content-Type": "application/json"})

    assert_too_large(response)
    assert documents.calls == []


async def test_a_chunked_body_over_the_cap_is_413_while_it_streams(
    capped: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    request = capped.build_request(
        "POST", URL, content=in_chunks(too_large()), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in request.headers

    response = await capped.send(request)

    assert_too_large(response)
    assert documents.calls == []


async def test_a_chunked_login_over_the_cap_is_413(capped: httpx.AsyncClient) -> None:
    form = f"username=vanthu-16876&password={'x' * CAP}".encode()

    response = await capped.post(
        "/api/v1/auth/token?lang=en",
        content=in_chunks(form),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 413
    assert response.json()["title"] == "Content too large"


async def test_a_body_within_the_cap_passes_chunked_or_not(
    capped: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    data = json.dumps(BODY).encode()
    json_type = {"Content-Type": "application/json"}

    declared = await capped.post(URL, content=data, headers=json_type)
    chunked = await capped.post(URL, content=in_chunks(data, 100), headers=json_type)

    assert (declared.status_code, chunked.status_code) == (201, 201)
    assert len(documents.calls) == 2


async def test_every_operation_taking_a_body_answers_413_over_the_cap(
    capped: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    # Walked from the OpenAPI document: a route added later is covered without editing this test.
    schema = (await capped.get("/openapi.json")).json()
    walked = []
    for path, item in schema["paths"].items():
        for method in ("post", "put", "patch"):
            if method in item:
                url = path.replace("{commune_id}", "16876").replace("{username}", "vanthu-16876")
                url = url.replace("{code}", "16876").replace("{document_id}", "doc-1")
                response = await capped.request(
                    method.upper(),
                    url,
                    content=too_large(2 * CAP),
                    headers={"Content-Type": "application/json"},
                )
                assert_too_large(response)
                walked.append((method, path))

    assert len(walked) >= 7
    assert documents.calls == []
