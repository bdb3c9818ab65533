"""Every error is application/problem+json, in Vietnamese unless the client prefers English."""

from __future__ import annotations

import httpx

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import ClientFor
from .fakes import FakeServiceHealth


async def test_unknown_route_is_a_vietnamese_404_problem(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.get("/khong-co-trang-nay")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["content-language"] == "vi"
    assert response.json() == {
        "type": "about:blank",
        "title": "Không tìm thấy",
        "status": 404,
        "detail": "Không có trang hoặc tài nguyên nào tại địa chỉ /khong-co-trang-nay.",
        "instance": "/khong-co-trang-nay",
    }


async def test_unknown_route_is_an_english_404_problem_for_accept_language_en(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.get("/missing", headers={"Accept-Language": "en-GB,en;q=0.9,vi;q=0.5"})

    assert response.status_code == 404
    assert response.json()["title"] == "Not found"
    assert response.headers["content-language"] == "en"


async def test_vietnamese_preferred_over_english_when_ranked_higher(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.get("/missing", headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"})

    assert response.json()["title"] == "Không tìm thấy"


async def test_wrong_method_is_a_405_problem_keeping_the_allow_header(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.post("/readyz")

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["allow"] == "GET"
    assert response.json()["title"] == "Phương thức không được hỗ trợ"


async def test_invalid_parameter_is_a_422_problem_listing_the_errors() -> None:
    app = create_app(Settings(), health_port=FakeServiceHealth())

    @app.get("/test-only/{number}")
    async def echo(number: int) -> int:
        """A test-only route with a typed parameter."""
        return number

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        response = await client.get("/test-only/mot")

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Dữ liệu không hợp lệ"
    assert problem["type"] == "urn:oneoffice:problem:validation"
    assert [error["loc"] for error in problem["errors"]] == [["path", "number"]]
    assert "input" not in problem["errors"][0]
