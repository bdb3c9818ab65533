"""The administrative-units API and page over a fake units port: units on a day, one unit, its
lineage; reorganisations for administrators only; the page's tree and lineage in both languages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .units_fakes import FakeUnits

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
MERGE = {
    "kind": "merge",
    "units": ["TD-THACH-GIAM", "TD-LUU-KIEN", "TD-XA-LUONG"],
    "effective": "2025-07-01",
    "new_units": [{"name": "Tương Dương", "kind": "commune", "parent": "40", "code": "16876"}],
    "note": "Nghị quyết 1678/NQ-UBTVQH15",
}


@pytest.fixture
def units() -> FakeUnits:
    return FakeUnits()


@pytest.fixture
def open_client(units: FakeUnits) -> Open:
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("quantri", roles=("admin",), scope=())

    @asynccontextmanager
    async def opened(as_user: str | None = "vanthu-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            units=units,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_units_under_a_parent_are_listed_as_of_the_day_asked(
    open_client: Open, units: FakeUnits
) -> None:
    async with open_client() as client:
        response = await client.get(
            "/api/v1/units", params={"parent": "NA-TUONG-DUONG", "as_of": "2019-06-01"}
        )

    assert response.status_code == 200
    body = response.json()
    assert (body["parent"], body["as_of"]) == ("NA-TUONG-DUONG", "2019-06-01")
    assert [(u["code"], u["kind_vi"], u["synthetic"]) for u in body["units"]] == [
        ("TD-HOA-BINH", "thị trấn", True)
    ]
    assert units.listed == [("NA-TUONG-DUONG", date(2019, 6, 1))]


async def test_without_as_of_the_office_day_in_vietnam_is_used(open_client: Open, units: FakeUnits) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/units", params={"parent": "40"})

    assert [u["code"] for u in response.json()["units"]] == ["16876"]
    assert units.listed == [("40", date(2026, 3, 10))]


async def test_reading_units_needs_a_signed_in_account(open_client: Open) -> None:
    async with open_client(as_user=None) as client:
        response = await client.get("/api/v1/units", params={"as_of": "2019-06-01"})
    assert response.status_code == 401


async def test_a_unit_that_did_not_exist_on_the_day_is_a_404_problem_in_vietnamese_or_english(
    open_client: Open,
) -> None:
    async with open_client() as client:
        vi = await client.get("/api/v1/units/TD-HOA-BINH", params={"as_of": "2024-01-01"})
        en = await client.get("/api/v1/units/TD-HOA-BINH", params={"as_of": "2024-01-01", "lang": "en"})
        found = await client.get("/api/v1/units/TD-HOA-BINH")

    assert vi.status_code == en.status_code == 404
    assert vi.headers["content-type"] == "application/problem+json"
    assert "Không có đơn vị" in vi.json()["detail"] and "There is no unit" in en.json()["detail"]
    assert (found.json()["valid_to"], found.json()["synthetic"]) == ("2019-12-31", True)


async def test_a_malformed_as_of_is_refused_before_any_call(open_client: Open, units: FakeUnits) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/units", params={"as_of": "01/06/2019"})
    assert response.status_code == 422 and units.listed == []


async def test_the_lineage_says_what_a_unit_came_from_and_became_with_dates(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/units/16876/lineage")

    came_from = response.json()["came_from"]
    assert [(s["predecessor"]["name"], s["effective"], s["kind"]) for s in came_from] == [
        ("Thạch Giám", "2025-07-01", "merge"),
        ("Hòa Bình", "2020-01-01", "merge"),
    ]
    assert response.json()["became"] == []


async def test_an_administrator_records_a_reorganisation_once_per_idempotency_key(
    open_client: Open, units: FakeUnits
) -> None:
    async with open_client(as_user="quantri") as client:
        first = await client.post(
            "/api/v1/units/reorganisations", json=MERGE, headers={"Idempotency-Key": "k-1"}
        )
        again = await client.post(
            "/api/v1/units/reorganisations", json=MERGE, headers={"Idempotency-Key": "k-1"}
        )

    # The gateway replays the retry; the key also reaches the service, which records once per id.
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert first.json()["recorded_now"] is True
    [(draft, actor)] = units.drafts
    assert (draft.kind, draft.units, draft.reorganisation_id, actor) == (
        "merge",
        tuple(MERGE["units"]),
        "k-1",
        "quantri",
    )
    assert draft.new_units[0].code == "16876" and draft.effective == date(2025, 7, 1)


async def test_a_clerk_may_not_reorganise_units(open_client: Open, units: FakeUnits) -> None:
    async with open_client() as client:
        response = await client.post("/api/v1/units/reorganisations", json=MERGE)
    assert response.status_code == 403 and units.drafts == []


async def test_a_refused_reorganisation_is_a_problem_naming_the_rule(open_client: Open) -> None:
    body = {**MERGE, "units": ["TD-HOA-BINH"], "effective": "2021-01-01"}
    async with open_client(as_user="quantri") as client:
        response = await client.post("/api/v1/units/reorganisations", json=body)
        unknown_kind = await client.post("/api/v1/units/reorganisations", json={**MERGE, "kind": "annex"})

    assert response.status_code == 422
    assert "đã chấm dứt" in response.json()["detail"]
    assert unknown_kind.status_code == 422


async def test_the_page_shows_the_tree_on_the_day_with_synthetic_codes_marked(open_client: Open) -> None:
    async with open_client(as_user=None) as client:
        response = await client.get("/don-vi-hanh-chinh", params={"as_of": "2019-06-01"})

    html = response.text
    assert response.status_code == 200 and response.headers["content-language"] == "vi"
    assert "Hòa Bình" in html and "Tương Dương" in html and "mã tạm" in html and "01/06/2019" in html
    assert "Thạch Giám" not in html
    assert "<script" not in html and "<style" not in html and "style=" not in html


async def test_the_page_in_english_shows_a_units_lineage(open_client: Open) -> None:
    async with open_client(as_user=None) as client:
        response = await client.get(
            "/don-vi-hanh-chinh", params={"as_of": "2026-01-01", "unit": "16876", "lang": "en"}
        )
        css = await client.get("/static/units.css")

    html = response.text
    assert "Came from" in html and "Thạch Giám" in html and "Hòa Bình" in html and "01/01/2020" in html
    assert "Bodies of the unit on 01/01/2026" in html
    assert "Party committee (DANG_UY), since 01/07/2025 — carried from TD-THACH-GIAM" in html
    assert response.headers["content-language"] == "en"
    assert css.headers["content-type"].startswith("text/css")


async def test_the_page_says_so_when_a_unit_is_unknown(open_client: Open) -> None:
    async with open_client(as_user=None) as client:
        response = await client.get("/don-vi-hanh-chinh", params={"unit": "99999"})
    assert response.status_code == 200 and "99999" in response.text


async def test_a_malformed_code_or_day_of_one_unit_is_refused_before_any_call(open_client: Open) -> None:
    async with open_client() as client:
        bad_day = await client.get("/api/v1/units/16876", params={"as_of": "2025-13-01"})
        bad_code = await client.get("/api/v1/units/16876 x/lineage")

    assert (bad_day.status_code, bad_code.status_code) == (422, 422)
    assert bad_code.headers["content-type"] == "application/problem+json"


async def test_the_lineage_of_an_unknown_unit_is_a_404_problem(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/units/99999/lineage")

    assert response.status_code == 404
    assert "99999" in response.json()["detail"]


async def test_a_reorganisation_naming_an_unknown_unit_is_a_404_problem(
    open_client: Open, units: FakeUnits
) -> None:
    async with open_client(as_user="quantri") as client:
        response = await client.post("/api/v1/units/reorganisations", json={**MERGE, "units": ["99999"]})

    assert response.status_code == 404 and units.drafts == []


async def test_a_reorganisation_the_service_recorded_before_a_gateway_restart_answers_200(
    open_client: Open, units: FakeUnits
) -> None:
    key = {"Idempotency-Key": "k-restart"}
    async with open_client(as_user="quantri") as client:
        first = await client.post("/api/v1/units/reorganisations", json=MERGE, headers=key)
    # A new gateway process: its idempotency store is empty, the staff service remembers the id.
    async with open_client(as_user="quantri") as client:
        again = await client.post("/api/v1/units/reorganisations", json=MERGE, headers=key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["recorded_now"] is False


async def test_the_bodies_of_a_unit_on_a_day_say_since_when_and_which_merged_units_carried_them(
    open_client: Open,
) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/units/16876/bodies", params={"as_of": "2026-01-01"})
        before = await client.get("/api/v1/units/16876/bodies", params={"as_of": "2025-06-30"})
        malformed = await client.get("/api/v1/units/16876/bodies", params={"as_of": "2025-13-01"})

    assert response.status_code == 200
    assert response.json() == {
        "code": "16876",
        "as_of": "2026-01-01",
        "bodies": [
            {
                "code": "UBND",
                "name_vi": "Ủy ban nhân dân",
                "name_en": "People's Committee",
                "since": "2025-07-01",
                "carried_from": ["TD-THACH-GIAM"],
            },
            {
                "code": "DANG_UY",
                "name_vi": "Đảng ủy",
                "name_en": "Party committee",
                "since": "2025-07-01",
                "carried_from": ["TD-THACH-GIAM"],
            },
        ],
    }
    assert before.status_code == 404 and before.headers["content-type"] == "application/problem+json"
    assert malformed.status_code == 422
