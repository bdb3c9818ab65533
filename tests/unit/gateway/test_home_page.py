"""The home page: server-rendered, Vietnamese by default, English on request."""

from __future__ import annotations

from oneoffice.gateway.application.readiness import ServiceStatus

from .conftest import ClientFor
from .fakes import FakeServiceHealth


async def test_home_page_is_vietnamese_by_default_with_each_service_status(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth(reporting=ServiceStatus.UNREACHABLE)) as client:
        response = await client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="vi">' in page
    assert "OneOffice — Một văn phòng" in page
    for label in ("Văn bản", "Cán bộ", "Báo cáo"):
        assert label in page
    assert page.count("Đang hoạt động") == 2
    assert page.count("Không phản hồi") == 1


async def test_home_page_is_english_with_lang_en(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth(staff=ServiceStatus.UNREACHABLE)) as client:
        response = await client.get("/", params={"lang": "en"})

    page = response.text
    assert '<html lang="en">' in page
    for label in ("Documents", "Staff", "Reporting"):
        assert label in page
    assert page.count("Running") == 2
    assert page.count("Not responding") == 1
    assert "Văn bản" not in page


async def test_home_page_stays_vietnamese_for_an_english_browser(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})

    assert "OneOffice — Một văn phòng" in response.text


async def test_home_page_falls_back_to_vietnamese_for_an_unsupported_lang(client_for: ClientFor) -> None:
    async with client_for(FakeServiceHealth()) as client:
        response = await client.get("/", params={"lang": "fr"})

    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
