"""The district and province view through the gateway, over a fake (#13): a unit's dashboard, a
commune's KPIs and workload with their "as of" positions; refusals as problems; the page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.dashboard import RowsAsked
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client
from .dashboard_fakes import FakeDashboard
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
DASHBOARD = "/api/v1/units/TD-TUONG-DUONG/dashboard"
KPIS = "/api/v1/communes/16876/kpis"
WORKLOAD = "/api/v1/communes/16876/workload"


@pytest.fixture
def dashboard() -> FakeDashboard:
    return FakeDashboard()


@pytest.fixture
def open_client(dashboard: FakeDashboard) -> Open:
    staff = FakeStaff()
    staff.add("lanhdao-16876", roles=("leader",), scope=("16876",))
    staff.add("canbo-16876", roles=("handler",), scope=("16876",))
    staff.add("huyen-tuongduong", roles=("district_viewer",), scope=("16876", "16882"))
    staff.add("kiemtoan", roles=("auditor",), scope=())

    @asynccontextmanager
    async def opened(as_user: str | None = "huyen-tuongduong") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            dashboard=dashboard,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_a_units_dashboard_answers_its_communes_side_by_side_with_the_positions(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client() as client:
        answer = await client.get(DASHBOARD, params={"period": "2026-Q1", "as_of": "2026-04-01T00:00:00Z"})

    assert answer.status_code == 200
    body = answer.json()
    assert [c["commune_id"] for c in body["communes"]] == ["16876", "16882"]
    assert body["communes"][1]["pilot"] is True and body["communes"][1]["headcount_before"] == {
        "công chức": 1
    }
    assert body["totals"]["documents_in"] == 5 and body["pilot"]["documents_in"] == 3
    assert body["adoptions"] == [
        {"commune_id": "TD-MAI-SON", "adopted_on": "2017-06-01", "wave": "2017 pilot", "pilot": True}
    ]
    assert body["as_of_positions"]["positions"][1] == {
        "source": "oneoffice.staff.events.v1",
        "partition": 0,
        "next_offset": 7,
    }
    assert dashboard.calls == [("unit_dashboard", "TD-TUONG-DUONG", "2026-Q1", "2026-04-01T00:00:00+00:00")]


async def test_an_as_of_without_an_offset_is_taken_as_utc(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client() as client:
        answer = await client.get(DASHBOARD, params={"period": "2026-Q1", "as_of": "2026-04-01T07:00:00"})

    assert answer.status_code == 200
    assert dashboard.calls[0][3] == "2026-04-01T07:00:00+00:00"


@pytest.mark.parametrize(
    ("refusal", "status"), [("scope", 403), ("unknown", 404), ("period", 422), ("down", 503)]
)
async def test_the_services_refusals_are_problems(
    open_client: Open, dashboard: FakeDashboard, refusal: str, status: int
) -> None:
    dashboard.refuse = refusal
    async with open_client() as client:
        answer = await client.get(DASHBOARD, params={"period": "2026-Q1"})

    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_the_dashboard_needs_a_reader_a_period_and_well_formed_arguments(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client(None) as client:
        assert (await client.get(DASHBOARD, params={"period": "2026-Q1"})).status_code == 401
    async with open_client("canbo-16876") as client:
        assert (await client.get(DASHBOARD, params={"period": "2026-Q1"})).status_code == 403
    async with open_client() as client:
        assert (await client.get(DASHBOARD)).status_code == 422
        assert (
            await client.get(DASHBOARD, params={"period": "2026-Q1", "as_of": "yesterday"})
        ).status_code == 422
        assert (await client.get("/api/v1/units/T D/dashboard", params={"period": "2026"})).status_code == 422
        assert (
            await client.get("/api/v1/communes/16 876/kpis", params={"period": "2026"})
        ).status_code == 422
        assert (await client.get("/api/v1/communes/16 876/workload")).status_code == 422
    assert dashboard.calls == []


async def test_a_communes_kpis_and_workload_are_read_in_its_scope_only(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client("lanhdao-16876") as client:
        kpis = await client.get(KPIS, params={"period": "2026-Q1"})
        workload = await client.get(WORKLOAD)
        elsewhere = await client.get("/api/v1/communes/16882/workload")

    assert kpis.status_code == 200 and kpis.json()["totals"]["documents_in"] == 5
    assert workload.status_code == 200
    person = workload.json()["staff"][0]
    assert (person["category"], person["allowance"], person["open"], person["done"], person["overdue"]) == (
        "công chức",
        "2.67",
        1,
        2,
        1,
    )
    assert person["by_body"] == [{"body_code": "UBND", "open": 1, "done": 2, "overdue": 1}]
    assert workload.json()["as_of_positions"]["positions"][0]["next_offset"] == 42
    assert elsewhere.status_code == 403


@pytest.mark.parametrize(("refusal", "status"), [("unknown", 404), ("down", 503)])
async def test_a_communes_workload_refusals_are_problems(
    open_client: Open, dashboard: FakeDashboard, refusal: str, status: int
) -> None:
    dashboard.refuse = refusal
    async with open_client("lanhdao-16876") as client:
        assert (await client.get(WORKLOAD)).status_code == status
        assert (await client.get(KPIS, params={"period": "2026-Q1"})).status_code == status


async def test_the_dashboard_page_shows_the_communes_pilot_against_others_and_the_as_of(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client() as client:
        page = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan", params={"as_of": "2025-06-30"})
        english = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan", params={"lang": "en"})
        bad_day = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan", params={"as_of": "hôm qua"})

    assert page.status_code == 200
    html = page.text
    assert (
        "Tổng quan" in html
        and 'id="signed-in-user"' in html
        and "<script" not in html
        and "style=" not in html
    )
    assert 'data-commune="16882" data-pilot="true"' in html and 'data-group="pilot"' in html
    assert 'data-group="before"' in html and "2017 pilot" in html
    assert 'id="as-of"' in html and "oneoffice.staff.events.v1[0]@7" in html
    assert dashboard.calls[0][2] == "2026-Q1"  # the current quarter by default (today: NOW)
    assert "Overview" in english.text
    assert "YYYY-MM-DD" in bad_day.text


async def test_the_dashboard_page_refuses_a_handler_and_says_when_reporting_is_down(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client("canbo-16876") as client:
        refused = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan")
    dashboard.refuse = "down"
    async with open_client() as client:
        down = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan")

    assert refused.status_code == 403
    assert down.status_code == 200 and "Dịch vụ báo cáo không trả lời." in down.text


async def test_a_units_dashboard_answers_the_page_asked_for_with_the_count_and_waves_of_all(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client() as client:
        answer = await client.get(
            DASHBOARD, params={"period": "2026", "limit": 1, "offset": 1, "sort": "-overdue"}
        )
        default = await client.get(DASHBOARD, params={"period": "2026"})

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [c["commune_id"] for c in body["communes"]] == ["16882"]
    assert (body["commune_count"], body["offset"], body["limit"], body["sort"]) == (2, 1, 1, "-overdue")
    assert body["totals"]["documents_in"] == 5  # every commune's, whatever the page
    assert body["adoption_waves"] == [
        {"adopted_on": "2017-06-01", "wave": "2017 pilot", "pilot": True, "communes": 1}
    ]
    assert dashboard.rows_asked == [RowsAsked(1, 1, "-overdue"), RowsAsked(100, 0, "commune_id")]
    assert default.json()["limit"] == 100


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "size"},
        {"sort": "--overdue"},
        {"limit": 0},
        {"limit": 1001},
        {"offset": -1},
        {"offset": 2**31},
    ],
)
async def test_an_unknown_order_or_a_page_out_of_bounds_is_a_422_problem(
    open_client: Open, dashboard: FakeDashboard, params: dict[str, object]
) -> None:
    async with open_client() as client:
        answer = await client.get(DASHBOARD, params={"period": "2026", **params})

    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert dashboard.calls == []


async def test_an_unknown_order_says_which_there_are_in_vietnamese_or_english(open_client: Open) -> None:
    async with open_client() as client:
        vietnamese = await client.get(DASHBOARD, params={"period": "2026", "sort": "size"})
        english = await client.get(
            DASHBOARD, params={"period": "2026", "sort": "size"}, headers={"Accept-Language": "en"}
        )

    assert "Không sắp xếp được" in vietnamese.json()["errors"][0]["msg"]
    assert "on_time_rate" in vietnamese.json()["errors"][0]["msg"]
    assert english.json()["errors"][0]["msg"].startswith("Cannot sort by this value")


async def test_the_dashboard_page_pages_through_the_communes_and_sorts_by_a_kpi_column(
    open_client: Open, dashboard: FakeDashboard
) -> None:
    async with open_client() as client:
        first = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan", params={"period": "2026"})
        sorted_page = await client.get(
            "/don-vi/TD-TUONG-DUONG/tong-quan", params={"period": "2026", "sort": "-overdue", "offset": "1"}
        )
        english = await client.get("/don-vi/TD-TUONG-DUONG/tong-quan", params={"lang": "en", "offset": "1"})

    html = first.text
    assert "Xã 1–2 / 2" in html and 'rel="next"' not in html and 'rel="prev"' not in html
    assert (
        'href="/don-vi/TD-TUONG-DUONG/tong-quan?period=2026&amp;sort=-overdue" data-sort-column="overdue"'
        in html
    )
    assert 'aria-sort="ascending"' in html  # by commune code
    page = sorted_page.text
    assert "Xã 2–2 / 2" in page and 'data-commune="16882"' in page and 'data-commune="16876"' not in page
    assert 'href="/don-vi/TD-TUONG-DUONG/tong-quan?period=2026&amp;sort=-overdue" rel="prev"' in page
    assert 'aria-sort="descending"' in page
    assert (
        'href="/don-vi/TD-TUONG-DUONG/tong-quan?period=2026&amp;sort=overdue" data-sort-column="overdue"'
        in page
    )
    assert 'name="sort" value="-overdue"' in page and 'data-communes="1"' in page
    assert "Communes 2–2 of 2" in english.text and "lang=en" in english.text
    assert dashboard.rows_asked[1] == RowsAsked(100, 1, "-overdue")
