"""The people API and page over a fake people port: who may read and change a commune's staff,
transfers refused outside the caller's scope, the office team, model adoption; the page in both
languages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date
from typing import Any

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.people import OfficeTeam
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .people_fakes import FakePeople

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
CLERK_OF_PARTY_OFFICE: dict[str, Any] = {
    "name": "Lô Thị Hoa",
    "title": "Văn phòng Đảng ủy",
    "category": "không chuyên trách",
    "bodies": ["DANG_UY"],
    "allowance": "1.0",
    "effective": "2025-07-01",
}


@pytest.fixture
def people() -> FakePeople:
    return FakePeople()


@pytest.fixture
def open_client(people: FakePeople) -> Open:
    staff = FakeStaff()
    staff.add("totruong-16876", roles=("team_lead",), scope=("16876",))
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("vanthu-16882", roles=("clerk",), scope=("16882",))
    staff.add("huyen", roles=("district_viewer",), scope=("16876", "16882"))
    staff.add("totruong-hai-xa", roles=("team_lead",), scope=("16876", "16882"))

    @asynccontextmanager
    async def opened(as_user: str = "totruong-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            people=people,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_a_team_lead_adds_a_person_and_the_commune_staff_list_shows_bodies_and_allowance(
    open_client: Open, people: FakePeople
) -> None:
    async with open_client() as client:
        created = await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)
        listed = await client.get("/api/v1/communes/16876/staff", params={"as_of": "2026-01-01"})

    assert created.status_code == 201
    person = created.json()
    assert (person["title"], person["bodies"], person["allowance"]) == (
        "Văn phòng Đảng ủy",
        ["DANG_UY"],
        "1.0",
    )
    assert [p["person_id"] for p in listed.json()["people"]] == [person["person_id"]]
    assert people.actors == ["totruong-16876"]


async def test_the_same_idempotency_key_adds_the_person_once(open_client: Open, people: FakePeople) -> None:
    async with open_client() as client:
        first = await client.post(
            "/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE, headers={"Idempotency-Key": "k-1"}
        )
        # A different body under the same key is the middleware's business; the same body replays.
        again = await client.post(
            "/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE, headers={"Idempotency-Key": "k-1"}
        )
    assert first.status_code == 201
    assert again.json()["person_id"] == first.json()["person_id"]
    assert len(people.people) == 1


async def test_a_clerk_reads_the_staff_but_may_not_add_anyone(open_client: Open, people: FakePeople) -> None:
    async with open_client("vanthu-16876") as client:
        listed = await client.get("/api/v1/communes/16876/staff")
        refused = await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)
    assert listed.status_code == 200
    assert refused.status_code == 403
    assert people.people == {}


async def test_the_staff_of_a_commune_outside_the_scope_are_not_shown(open_client: Open) -> None:
    async with open_client("vanthu-16882") as client:
        response = await client.get("/api/v1/communes/16876/staff")
    assert response.status_code == 403


async def test_an_unknown_title_is_refused_in_vietnamese_and_english(open_client: Open) -> None:
    async with open_client() as client:
        vi = await client.post(
            "/api/v1/communes/16876/staff", json={**CLERK_OF_PARTY_OFFICE, "title": "Thủ quỹ"}
        )
        en = await client.post(
            "/api/v1/communes/16876/staff",
            json={**CLERK_OF_PARTY_OFFICE, "title": "Thủ quỹ"},
            headers={"Accept-Language": "en"},
        )
    assert vi.status_code == 422
    assert "Chức danh" in vi.text
    assert "Unknown title" in en.text


async def test_a_transfer_to_a_commune_outside_the_callers_scope_is_refused(
    open_client: Open, people: FakePeople
) -> None:
    async with open_client() as client:
        person = (await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)).json()
        refused = await client.post(
            f"/api/v1/communes/16876/staff/{person['person_id']}/transfer",
            json={"to_commune": "16882", "effective": "2026-01-01"},
        )
    assert refused.status_code == 403
    assert "16882" in refused.text
    assert people.people[person["person_id"]].commune_id == "16876"


async def test_leaving_twice_is_refused(open_client: Open) -> None:
    async with open_client() as client:
        person = (await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)).json()
        url = f"/api/v1/communes/16876/staff/{person['person_id']}/leave"
        first = await client.post(url, json={"effective": "2026-01-01"})
        second = await client.post(url, json={"effective": "2026-02-01"})
    assert first.status_code == 200
    assert first.json()["left_on"] == "2026-01-01"
    assert second.status_code == 422


async def test_the_office_team_is_set_up_changed_and_read(open_client: Open) -> None:
    async with open_client() as client:
        lead = (await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)).json()
        set_up = await client.put(
            "/api/v1/communes/16876/office-team",
            json={
                "decision_number": "15/QĐ-UBND",
                "decision_date": "2025-07-05",
                "effective": "2025-07-10",
                "lead": lead["person_id"],
            },
        )
        joined = await client.post(
            "/api/v1/communes/16876/office-team/changes",
            json={"kind": "join", "effective": "2025-09-01", "person_id": "p-other"},
        )
        read = await client.get("/api/v1/communes/16876/office-team", params={"as_of": "2025-09-01"})
    assert set_up.status_code == 200
    assert joined.json()["members"] == [lead["person_id"], "p-other"]
    body = read.json()
    assert (body["exists"], body["decision_number"], body["lead"]) == (True, "15/QĐ-UBND", lead["person_id"])


async def test_a_team_lead_who_is_not_staff_is_refused(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.put(
            "/api/v1/communes/16876/office-team",
            json={
                "decision_number": "1",
                "decision_date": "2025-07-05",
                "effective": "2025-07-10",
                "lead": "nobody",
            },
        )
    assert response.status_code == 422


async def test_model_adoptions_are_recorded_once_and_listed_as_of_a_day(open_client: Open) -> None:
    async with open_client() as client:
        first = await client.post(
            "/api/v1/communes/16876/model-adoption", json={"adopted_on": "2017-06-01", "wave": "2017 pilot"}
        )
        again = await client.post(
            "/api/v1/communes/16876/model-adoption", json={"adopted_on": "2017-06-01", "wave": "2017 pilot"}
        )
    async with open_client("vanthu-16882") as client:
        listed = await client.get("/api/v1/model-adoptions", params={"as_of": "2018-01-01"})
        before = await client.get("/api/v1/model-adoptions", params={"as_of": "2017-01-01"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert [a["commune_id"] for a in listed.json()["adoptions"]] == ["16876"]
    assert before.json()["adoptions"] == []


async def test_the_people_page_shows_staff_and_office_team_in_vietnamese_and_english(
    open_client: Open,
) -> None:
    async with open_client() as client:
        lead = (await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)).json()
        await client.put(
            "/api/v1/communes/16876/office-team",
            json={"decision_number": "15/QĐ-UBND", "decision_date": "2025-07-05", "effective": "2025-07-10",
                  "lead": lead["person_id"]},
        )  # fmt: skip
        vi = await client.get("/communes/16876/nhan-su")
        en = await client.get("/communes/16876/nhan-su", params={"lang": "en"})
    assert vi.status_code == 200
    assert "Văn phòng Đảng ủy" in vi.text and "không chuyên trách" in vi.text and "DANG_UY" in vi.text
    assert "Quyết định số 15/QĐ-UBND ngày 05/07/2025" in vi.text
    assert "Lô Thị Hoa" in vi.text
    assert "<style" not in vi.text and "<script" not in vi.text
    assert "Allowance coefficient" in en.text and "Office team" in en.text


async def test_a_team_carried_from_a_merged_unit_is_named_in_the_api_and_on_the_page(
    open_client: Open, people: FakePeople
) -> None:
    carried = OfficeTeam("16876", "12/QĐ-UBND", date(2017, 6, 10), "hoa", ("hoa", "lan"), "TD-HOA-BINH")
    people.teams["16876"] = carried
    async with open_client() as client:
        read = await client.get("/api/v1/communes/16876/office-team", params={"as_of": "2025-07-01"})
        vi = await client.get("/communes/16876/nhan-su")
        en = await client.get("/communes/16876/nhan-su", params={"lang": "en"})
    assert read.json()["carried_from"] == "TD-HOA-BINH" and read.json()["lead"] == "hoa"
    assert "Tổ văn phòng của đơn vị TD-HOA-BINH đã sáp nhập vào đơn vị này" in vi.text
    assert "The office team of unit TD-HOA-BINH, merged into this one" in en.text


async def test_the_people_page_is_refused_outside_the_scope(open_client: Open) -> None:
    async with open_client("vanthu-16882") as client:
        response = await client.get("/communes/16876/nhan-su")
    assert response.status_code == 403


async def test_a_person_is_read_back_by_id_and_an_unknown_or_malformed_id_is_refused(
    open_client: Open,
) -> None:
    async with open_client() as client:
        person = (await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)).json()
        read = await client.get(f"/api/v1/communes/16876/staff/{person['person_id']}")
        unknown = await client.get("/api/v1/communes/16876/staff/p-nobody")
        malformed = await client.get("/api/v1/communes/16876/staff/p 1")

    assert read.status_code == 200 and read.json()["name"] == "Lô Thị Hoa"
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["loc"] == ["path", "person_id"]


async def test_a_malformed_day_is_a_422_problem_on_every_reading(open_client: Open) -> None:
    async with open_client() as client:
        answers = [
            await client.get(url, params={"as_of": "2026-13-01"})
            for url in (
                "/api/v1/communes/16876/staff",
                "/api/v1/communes/16876/office-team",
                "/api/v1/model-adoptions",
            )
        ]

    assert [a.status_code for a in answers] == [422, 422, 422]
    assert all(a.json()["errors"][0]["loc"] == ["query", "as_of"] for a in answers)


async def test_a_team_lead_of_both_communes_transfers_a_person_but_not_an_unknown_one(
    open_client: Open, people: FakePeople
) -> None:
    async with open_client("totruong-hai-xa") as client:
        person = (await client.post("/api/v1/communes/16876/staff", json=CLERK_OF_PARTY_OFFICE)).json()
        url = f"/api/v1/communes/16876/staff/{person['person_id']}/transfer"
        moved = await client.post(url, json={"to_commune": "16882", "effective": "2026-01-01"})
        unknown = await client.post(
            "/api/v1/communes/16876/staff/p-nobody/transfer",
            json={"to_commune": "16882", "effective": "2026-01-01"},
        )
        malformed = await client.post(url, json={"to_commune": "Tương Dương", "effective": "2026-01-01"})

    assert moved.status_code == 200 and moved.json()["commune_id"] == "16882"
    assert unknown.status_code == 404
    assert malformed.status_code == 422
    assert people.people[person["person_id"]].commune_id == "16882"


async def test_an_unknown_person_cannot_leave(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.post(
            "/api/v1/communes/16876/staff/p-nobody/leave", json={"effective": "2026-01-01"}
        )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_change_to_an_office_team_never_set_up_is_refused(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.post(
            "/api/v1/communes/16876/office-team/changes",
            json={"kind": "join", "effective": "2025-09-01", "person_id": "p-other"},
            headers={"Accept-Language": "en"},
        )
    assert response.status_code == 422
    assert "no office team" in response.json()["detail"]


async def test_a_second_model_adoption_on_another_day_is_refused(open_client: Open) -> None:
    async with open_client() as client:
        first = await client.post("/api/v1/communes/16876/model-adoption", json={"adopted_on": "2017-06-01"})
        other_day = await client.post(
            "/api/v1/communes/16876/model-adoption", json={"adopted_on": "2018-06-01"}
        )
    assert (first.status_code, other_day.status_code) == (201, 422)
    assert "16876" in other_day.json()["detail"]
