"""The figures API and page over a fake figures port: the office's clerks and leaders report, only
leaders adopt, every reader of the commune sees figures and conflicts; refusals are problem+json in
Vietnamese naming the field, and the page's forms keep what was typed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client, with_csrf
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .figures_fakes import FakeFigures

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
BASE = "/api/v1/communes/16876"
CONFLICT = "fc-16876-TL_HO_NGHEO-2026-Q1-1"
UBND = {"indicator": "TL_HO_NGHEO", "period": "2026-Q1", "body": "UBND", "value": "12.4", "note": ""}
MTTQ = {**UBND, "body": "MTTQ", "value": "13.1"}


@pytest.fixture
def figures() -> FakeFigures:
    return FakeFigures()


@pytest.fixture
def open_client(figures: FakeFigures) -> Open:
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("lanhdao-16876", roles=("leader",), scope=("16876",))
    staff.add("huyen", roles=("district_viewer",), scope=("16876",))

    @asynccontextmanager
    async def opened(as_user: str | None = "vanthu-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            figures=figures,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_two_bodies_disagree_and_a_leader_adopts_one_value_which_the_figures_then_show(
    open_client: Open,
) -> None:
    async with open_client() as clerk:
        first = await clerk.post(f"{BASE}/figures", json=UBND)
        second = await clerk.post(f"{BASE}/figures", json=MTTQ)
        listed = await clerk.get(f"{BASE}/figure-conflicts", params={"status": "open"})
        refused = await clerk.post(
            f"{BASE}/figure-conflicts/{CONFLICT}/adopt", json={"body": "UBND", "reason": "x"}
        )
    async with open_client("lanhdao-16876") as leader:
        adopted = await leader.post(
            f"{BASE}/figure-conflicts/{CONFLICT}/adopt", json={"body": "UBND", "reason": "Số liệu chính thức"}
        )
        again = await leader.post(
            f"{BASE}/figure-conflicts/{CONFLICT}/adopt", json={"body": "MTTQ", "reason": "y"}
        )
        unknown = await leader.post(
            f"{BASE}/figure-conflicts/fc-16876-X-2026-1/adopt", json={"body": "UBND", "reason": "y"}
        )
    async with open_client("huyen") as viewer:
        shown = await viewer.get(f"{BASE}/figures", params={"indicator": "TL_HO_NGHEO", "period": "2026-Q1"})

    assert first.status_code == 201 and first.json()["status"] == "agreed"
    assert second.status_code == 201 and second.json()["conflict_id"] == CONFLICT
    assert listed.status_code == 200
    assert [c["values"] for c in listed.json()["conflicts"]] == [{"UBND": "12.4", "MTTQ": "13.1"}]
    assert refused.status_code == 403
    assert adopted.status_code == 200 and adopted.json()["value"] == "12.4"
    assert again.status_code == 409
    assert unknown.status_code == 404
    assert shown.status_code == 200
    [figure] = shown.json()["figures"]
    assert (figure["status"], figure["value"]) == ("adopted", "12.4")
    assert [(e["kind"], e["body"]) for e in figure["history"]] == [
        ("report", "UBND"),
        ("report", "MTTQ"),
        ("adoption", "UBND"),
    ]


async def test_a_report_the_service_refuses_is_a_422_naming_the_field_in_vietnamese(
    open_client: Open,
) -> None:
    async with open_client() as client:
        refused = await client.post(f"{BASE}/figures", json={**UBND, "indicator": "KHONG_CO"})
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["detail"] == "Chỉ tiêu không có."
    assert [e["loc"][-1] for e in problem["errors"]] == ["indicator"]


async def test_a_malformed_report_or_query_is_refused_before_the_service(
    open_client: Open, figures: FakeFigures
) -> None:
    async with open_client() as client:
        bad_period = await client.post(f"{BASE}/figures", json={**UBND, "period": "Q1/2026"})
        number_value = await client.post(f"{BASE}/figures", json={**UBND, "value": 12.4})
        bad_status = await client.get(f"{BASE}/figure-conflicts", params={"status": "closed"})
    async with open_client("lanhdao-16876") as client:
        bad_adopt = await client.post(
            f"{BASE}/figure-conflicts/{CONFLICT}/adopt", json={"body": "UBND", "reason": ""}
        )
    assert [r.status_code for r in (bad_period, number_value, bad_status, bad_adopt)] == [422, 422, 422, 422]
    assert figures.calls == []


async def test_the_indicator_catalogue_is_read_by_anyone_signed_in_and_409_before_one_is_published(
    open_client: Open, figures: FakeFigures
) -> None:
    async with open_client("huyen") as client:
        read = await client.get("/api/v1/indicators")
        figures.published = False
        missing = await client.get("/api/v1/indicators")
    assert read.status_code == 200 and read.json()["version"] == 1
    assert read.json()["indicators"][0]["code"] == "TL_HO_NGHEO"
    assert missing.status_code == 409


async def test_the_page_reports_from_its_form_and_keeps_what_was_typed_when_refused(
    open_client: Open, figures: FakeFigures
) -> None:
    async with open_client("lanhdao-16876") as client:
        sent = await client.post("/communes/16876/so-lieu/bao-cao", data=with_csrf(client, UBND))
        await client.post("/communes/16876/so-lieu/bao-cao", data=with_csrf(client, MTTQ))
        page = await client.get("/communes/16876/so-lieu")
        refused = await client.post(
            "/communes/16876/so-lieu/bao-cao",
            data=with_csrf(client, {**UBND, "indicator": "KHONG_CO", "value": "77"}),
        )
        forged = await client.post("/communes/16876/so-lieu/bao-cao", data={**UBND, "csrf_token": "forged"})
        adopted = await client.post(
            f"/communes/16876/so-lieu/xung-dot/{CONFLICT}/chon",
            data=with_csrf(client, {"body": "MTTQ", "reason": "Theo rà soát"}),
        )
    assert sent.status_code == 303 and sent.headers["location"] == "/communes/16876/so-lieu"
    assert (
        page.status_code == 200
        and CONFLICT in page.text
        and 'action="/communes/16876/so-lieu/xung-dot/' in page.text
    )
    assert (
        refused.status_code == 422 and "Chỉ tiêu không có." in refused.text and 'value="77"' in refused.text
    )
    assert forged.status_code == 403
    assert adopted.status_code == 303
    assert figures.conflicts_by_id[CONFLICT].adopted_body == "MTTQ"
    assert [c for c in figures.calls if c[0] == "report"] == [("report", "16876")] * 3
