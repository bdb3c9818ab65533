"""The duties API and page over a fake duties port: the catalogue for anyone signed in, versions for
administrators, assignments and absences for the commune's team lead only, gaps and coverage for the
commune's readers; the page shows duties, gaps and who covers on a day."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.duties import Assignment
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client
from .duties_fakes import FakeDuties
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
BASE = "/api/v1/communes/16876"


@pytest.fixture
def duties() -> FakeDuties:
    return FakeDuties()


@pytest.fixture
def open_client(duties: FakeDuties) -> Open:
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("totruong-16876", roles=("team_lead",), scope=("16876",))
    staff.add("totruong-16882", roles=("team_lead",), scope=("16882",))
    staff.add("quantri", roles=("admin",), scope=())
    # An account still scoped to a commune merged away (the fake's COMMUNES do not hold it).
    staff.add("totruong-16879", roles=("team_lead",), scope=("16879",))

    @asynccontextmanager
    async def opened(as_user: str | None = "totruong-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            duties=duties,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_anyone_signed_in_reads_the_catalogue_but_only_an_administrator_publishes_a_version(
    open_client: Open, duties: FakeDuties
) -> None:
    version = {
        "duties": [{"code": "CONFERENCES", "name_vi": "Chuẩn bị hội nghị, tiếp xúc cử tri"}],
        "note": "v2",
    }
    async with open_client("vanthu-16876") as client:
        read = await client.get("/api/v1/duty-catalogue", params={"version": 1})
        refused = await client.post("/api/v1/duty-catalogue/versions", json=version)
    async with open_client("quantri") as client:
        published = await client.post("/api/v1/duty-catalogue/versions", json=version)

    assert read.status_code == 200 and [d["code"] for d in read.json()["duties"]] == ["INCOMING", "STATS"]
    assert refused.status_code == 403
    assert published.status_code == 201 and published.json()["version"] == 2
    assert ("catalogue", 1) in duties.calls


async def test_the_team_lead_assigns_a_duty_and_the_gaps_list_what_is_left(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client() as client:
        assigned = await client.put(
            f"{BASE}/duties/INCOMING/assignment", json={"primary": "lan", "backup": "minh"}
        )
        gaps = await client.get(f"{BASE}/duty-gaps")

    assert assigned.status_code == 200
    assert assigned.json()["assignments"] == [
        {
            "duty": "INCOMING",
            "primary": "lan",
            "backup": "minh",
            "effective": "2026-03-01",
            "carried_from": None,
        }
    ]
    assert [g["duty"] for g in gaps.json()["gaps"]] == ["STATS"]
    assert ("assign", ("16876", "INCOMING", "lan", "minh", "totruong-16876")) in duties.calls


async def test_a_backup_equal_to_the_primary_is_a_422_in_vietnamese(open_client: Open) -> None:
    async with open_client() as client:
        refused = await client.put(
            f"{BASE}/duties/INCOMING/assignment", json={"primary": "lan", "backup": "lan"}
        )
    assert refused.status_code == 422
    assert "dự phòng" in refused.json()["detail"]


async def test_a_team_lead_of_another_commune_and_a_clerk_may_not_assign(
    open_client: Open, duties: FakeDuties
) -> None:
    body = {"primary": "lan", "backup": "minh"}
    async with open_client("totruong-16882") as client:
        other = await client.put(f"{BASE}/duties/INCOMING/assignment", json=body)
    async with open_client("vanthu-16876") as client:
        clerk = await client.put(f"{BASE}/duties/INCOMING/assignment", json=body)
        clerk_reads = await client.get(f"{BASE}/duty-gaps")
    assert (other.status_code, clerk.status_code, clerk_reads.status_code) == (403, 403, 200)
    assert not [c for c in duties.calls if c[0] == "assign"]


async def test_an_absence_is_recorded_and_the_coverage_of_its_day_shows_the_backup(open_client: Open) -> None:
    async with open_client() as client:
        await client.put(f"{BASE}/duties/INCOMING/assignment", json={"primary": "lan", "backup": "minh"})
        recorded = await client.post(
            f"{BASE}/absences",
            json={"person": "lan", "kind": "business_trip", "start": "2026-03-02", "end": "2026-03-04"},
        )
        coverage = await client.get(f"{BASE}/coverage", params={"on": "2026-03-02"})

    assert recorded.status_code == 201 and recorded.json()["kind"] == "business_trip"
    covers = {c["duty"]: (c["covered_by"], c["status"]) for c in coverage.json()["covers"]}
    assert covers == {"INCOMING": ("minh", "backup"), "STATS": (None, "unassigned")}


async def test_an_absence_of_an_unknown_kind_is_refused_before_the_service(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client() as client:
        refused = await client.post(
            f"{BASE}/absences",
            json={"person": "lan", "kind": "holiday", "start": "2026-03-02", "end": "2026-03-04"},
        )
    assert refused.status_code == 422 and duties.absences == []


async def test_the_duties_page_shows_assignments_gaps_and_the_coverage_of_the_day_asked(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client() as client:
        await client.put(f"{BASE}/duties/INCOMING/assignment", json={"primary": "lan", "backup": "minh"})
        await client.post(
            f"{BASE}/absences",
            json={"person": "lan", "kind": "sick", "start": "2026-03-02", "end": "2026-03-03"},
        )
        page = await client.get("/communes/16876/phan-cong", params={"on": "2026-03-02"})
        english = await client.get("/communes/16876/phan-cong", params={"on": "2026-03-02", "lang": "en"})

    assert page.status_code == 200
    html = page.text
    assert "Phân công nhiệm vụ" in html and "Tiếp nhận, đăng ký văn bản đến" in html
    assert 'data-status="backup"' in html and "02/03/2026" in html and "<script" not in html
    assert "Tổng hợp số liệu thống kê" in html.split('id="gaps"')[1]
    assert "Duties and backups" in english.text
    assert ("coverage", date(2026, 3, 2)) in duties.calls


async def test_an_assignment_carried_from_a_merged_unit_is_named_in_the_api_and_on_the_page(
    open_client: Open, duties: FakeDuties
) -> None:
    duties.assignments["STATS"] = Assignment("STATS", "tuan", "hoa", date(2024, 1, 2), "TD-THACH-GIAM")
    async with open_client() as client:
        roster = await client.get(f"{BASE}/duties")
        coverage = await client.get(f"{BASE}/coverage", params={"on": "2026-03-02"})
        page = await client.get("/communes/16876/phan-cong", params={"on": "2026-03-02"})
        english = await client.get("/communes/16876/phan-cong", params={"on": "2026-03-02", "lang": "en"})

    [carried] = roster.json()["assignments"]
    assert (carried["duty"], carried["carried_from"]) == ("STATS", "TD-THACH-GIAM")
    covers = {c["duty"]: c["carried_from"] for c in coverage.json()["covers"]}
    assert covers["STATS"] == "TD-THACH-GIAM"
    assert page.text.count('data-carried-from="TD-THACH-GIAM"') == 2
    assert "chuyển từ đơn vị TD-THACH-GIAM" in page.text
    assert "carried from unit TD-THACH-GIAM" in english.text


async def test_an_unknown_catalogue_version_is_a_404_and_a_version_below_one_a_422(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client("vanthu-16876") as client:
        unknown = await client.get("/api/v1/duty-catalogue", params={"version": 9})
        below_one = await client.get("/api/v1/duty-catalogue", params={"version": 0})

    assert unknown.status_code == 404 and "9" in unknown.json()["detail"]
    assert below_one.status_code == 422
    assert ("catalogue", 0) not in duties.calls


async def test_a_catalogue_version_with_a_malformed_code_is_refused_before_the_service(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client("quantri") as client:
        refused = await client.post(
            "/api/v1/duty-catalogue/versions", json={"duties": [{"code": "hội nghị", "name_vi": "Hội nghị"}]}
        )
    assert refused.status_code == 422
    assert not [c for c in duties.calls if c[0] == "publish"]


async def test_the_team_lead_adopts_a_catalogue_version_and_reads_the_roster(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client() as client:
        adopted = await client.put(f"{BASE}/duty-catalogue", json={"version": 1})
        roster = await client.get(f"{BASE}/duties")
        unknown = await client.put(f"{BASE}/duty-catalogue", json={"version": 7})
        malformed = await client.put(f"{BASE}/duty-catalogue", json={"version": 0})

    assert adopted.status_code == 200 and adopted.json()["duties"] == ["INCOMING", "STATS"]
    assert roster.status_code == 200 and roster.json()["commune_id"] == "16876"
    assert unknown.status_code == 404
    assert malformed.status_code == 422
    assert [c for c in duties.calls if c[0] == "adopt"] == [("adopt", ("16876", 1))]


async def test_changes_to_a_commune_that_no_longer_exists_are_404_problems(
    open_client: Open, duties: FakeDuties
) -> None:
    url = "/api/v1/communes/16879"
    async with open_client("totruong-16879") as client:
        adopt = await client.put(f"{url}/duty-catalogue", json={})
        assign = await client.put(
            f"{url}/duties/INCOMING/assignment", json={"primary": "lan", "backup": "minh"}
        )
        absence = await client.post(
            f"{url}/absences",
            json={"person": "lan", "kind": "sick", "start": "2026-03-02", "end": "2026-03-03"},
        )

    assert (adopt.status_code, assign.status_code, absence.status_code) == (404, 404, 404)
    assert "16879" in absence.json()["detail"]
    assert duties.assignments == {} and duties.absences == []


async def test_a_malformed_coverage_day_is_a_422_before_the_service(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client() as client:
        response = await client.get(f"{BASE}/coverage", params={"on": "02/03/2026"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "on"]
    assert not [c for c in duties.calls if c[0] == "coverage"]


async def test_a_malformed_commune_code_is_a_422_before_the_roster_or_gaps_are_read(
    open_client: Open, duties: FakeDuties
) -> None:
    async with open_client() as client:
        roster = await client.get("/api/v1/communes/16876!/duties")
        gaps = await client.get("/api/v1/communes/16876!/duty-gaps")

    assert (roster.status_code, gaps.status_code) == (422, 422)
    assert roster.json()["errors"][0]["loc"] == ["path", "commune_id"]
    assert duties.calls == []


async def test_a_catalogue_version_beyond_what_the_service_takes_is_a_422_not_a_server_error(
    open_client: Open, duties: FakeDuties
) -> None:
    too_large = 2**31  # versions travel as a protobuf int32
    async with open_client() as client:
        read = await client.get("/api/v1/duty-catalogue", params={"version": too_large})
        adopt = await client.put(f"{BASE}/duty-catalogue", json={"version": too_large})

    assert (read.status_code, adopt.status_code) == (422, 422)
    assert duties.calls == []


async def test_a_version_beyond_what_the_wire_carries_is_a_422_not_a_server_error(open_client: Open) -> None:
    # Found by schemathesis: 1518671303505226235904 reached protobuf's int32 and answered 500.
    async with open_client() as client:
        read = await client.get("/api/v1/duty-catalogue", params={"version": 2**31})
        adopted = await client.put(f"{BASE}/duty-catalogue", json={"version": 2**40})

    assert (read.status_code, adopted.status_code) == (422, 422)
    assert read.headers["content-type"] == "application/problem+json"
