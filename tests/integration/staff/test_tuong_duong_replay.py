"""The Tương Dương history replayed through the staff service's gRPC on a real PostgreSQL store, the
clock walking from the 2017 pilot through the 2020 mergers to the 1 July 2025 merger: Hòa Bình
(pilot) → Thạch Giám (2020) → Tương Dương 16876 (2025). Lineage, staff moved, the office team and
the duty assignment carried to each successor, an absence open on the merge date still covering,
bodies carried, old units shown as they were, and the scheduler escalating a coverage mid-way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import grpc
import pytest

from oneoffice.contracts.grpc.staff.v1 import duties_pb2 as dpb
from oneoffice.contracts.grpc.staff.v1 import duties_pb2_grpc as dpb_grpc
from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc
from oneoffice.eventcore.clock import FixedClock
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.unit_seed import seed_tuong_duong
from oneoffice.staff.bootstrap import StaffContainer, bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.domain.duty_events import CoverageEscalated
from oneoffice.staff.domain.duty_roster import roster_stream
from oneoffice.staff.entrypoints.grpc_server import build_server
from tests.caller import ActingAs

pytestmark = pytest.mark.integration

OLD = {row.name: row.code for row in tuong_duong_rows() if row.valid_to}
HOA_BINH, THACH_GIAM = OLD["Hòa Bình"], OLD["Thạch Giám"]
TUONG_DUONG = "16876"
PEOPLE = {"lan": "Lô Thị Lan", "minh": "Vi Văn Minh", "hoa": "Lương Văn Hoa"}


@dataclass
class Office:
    container: StaffContainer
    staff: pb_grpc.StaffServiceStub
    duties: dpb_grpc.DutyServiceStub
    clock: FixedClock

    def on(self, day: str) -> None:
        when = date.fromisoformat(day)
        self.clock.advance(datetime(when.year, when.month, when.day, 1, tzinfo=UTC) - self.clock.now())

    async def coverage(self, commune: str, day: str) -> list[tuple[str, str, str, str]]:
        found = await self.duties.GetCoverage(dpb.GetCoverageRequest(commune_id=commune, on=day))
        return [(c.duty, c.covered_by, c.status, c.carried_from) for c in found.covers]


@pytest.fixture
async def office(pg_url: str) -> AsyncIterator[Office]:
    clock = FixedClock(datetime(2017, 5, 2, 1, tzinfo=UTC))
    settings = Settings(database_url=pg_url, grpc_host="127.0.0.1", grpc_port=0)
    container = await bootstrap(settings, clock=clock, follow_events=False)
    await seed_tuong_duong(container.units, Caller(actor="test"), tuong_duong_rows(), body_codes())
    server = build_server(container)
    await server.start()
    acting = ActingAs("quantri", ["admin", "team_lead"], [HOA_BINH, THACH_GIAM, TUONG_DUONG])
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}", interceptors=[acting]) as channel:
            yield Office(
                container,
                pb_grpc.StaffServiceStub(channel),  # type: ignore[no-untyped-call]
                dpb_grpc.DutyServiceStub(channel),  # type: ignore[no-untyped-call]
                clock,
            )
    finally:
        await server.stop(None)
        await container.aclose()


async def pilot_2017(office: Office) -> None:
    """Hòa Bình adopts the model, its staff join, its office team is set up, INCOMING is assigned."""
    office.on("2017-06-01")
    await office.staff.AdoptModel(
        pb.AdoptModelRequest(commune_id=HOA_BINH, adopted_on="2017-06-01", wave="2017 pilot", decision="01")
    )
    for person_id, name in PEOPLE.items():
        await office.staff.JoinStaff(
            pb.JoinStaffRequest(
                commune_id=HOA_BINH,
                person_id=person_id,
                name=name,
                title="Văn phòng - thống kê",
                category="công chức",
                bodies=["UBND"],
                allowance="2.34",
                effective="2017-06-01",
            )
        )
    await office.staff.ChangeOfficeTeam(
        pb.ChangeOfficeTeamRequest(
            commune_id=HOA_BINH,
            kind="set_up",
            effective="2017-06-15",
            decision_number="12/QĐ-UBND",
            decision_date="2017-06-10",
            lead="hoa",
            members=["lan", "minh"],
        )
    )
    office.on("2017-06-20")
    duties = [
        dpb.CatalogueDuty(code="INCOMING", name_vi="Tiếp nhận văn bản đến", name_en="Receive incoming"),
        dpb.CatalogueDuty(code="STATS", name_vi="Tổng hợp số liệu thống kê", name_en="Compile statistics"),
    ]
    await office.duties.PublishDutyCatalogue(dpb.PublishDutyCatalogueRequest(duties=duties, note="v1"))
    await office.duties.AdoptDutyCatalogue(dpb.AdoptDutyCatalogueRequest(commune_id=HOA_BINH))
    await office.duties.AssignDuty(
        dpb.AssignDutyRequest(commune_id=HOA_BINH, duty="INCOMING", primary="lan", backup="minh")
    )


async def staff_ids(office: Office, commune: str, day: str) -> list[str]:
    listed = await office.staff.ListStaff(pb.ListStaffRequest(commune_id=commune, as_of=day))
    return sorted(p.person_id for p in listed.people)


async def test_the_history_from_the_2017_pilot_to_the_2025_merger_carries_staff_team_duties_and_bodies(
    office: Office,
) -> None:
    await pilot_2017(office)

    # 2020: Hòa Bình merged into Thạch Giám; its staff, team and assignment continue there.
    office.on("2020-03-02")
    assert await staff_ids(office, THACH_GIAM, "2020-01-01") == ["hoa", "lan", "minh"]
    assert await staff_ids(office, HOA_BINH, "2019-12-31") == ["hoa", "lan", "minh"]
    team = await office.staff.GetOfficeTeam(
        pb.GetOfficeTeamRequest(commune_id=THACH_GIAM, as_of="2020-03-02")
    )
    assert (team.exists, team.lead, team.carried_from) == (True, "hoa", HOA_BINH)
    assert await office.coverage(THACH_GIAM, "2020-03-02") == [
        ("INCOMING", "lan", "primary", HOA_BINH),
        ("STATS", "", "unassigned", ""),
    ]

    # June 2025: Lan is away across the merger (recorded by Thạch Giám).
    office.on("2025-06-20")
    await office.duties.RecordAbsence(
        dpb.RecordAbsenceRequest(
            commune_id=THACH_GIAM, person="lan", kind="leave", start="2025-06-25", end="2025-07-04"
        )
    )

    # 1 July 2025: Thạch Giám, Lưu Kiền and Xá Lượng merged into the new commune 16876.
    office.on("2025-07-02")
    lineage = await office.staff.GetLineage(pb.GetLineageRequest(code=TUONG_DUONG))
    came_from = {(s.predecessor.code, s.effective) for s in lineage.came_from}
    assert {(THACH_GIAM, "2025-07-01"), (HOA_BINH, "2020-01-01")} <= came_from
    assert {(OLD["Lưu Kiền"], "2025-07-01"), (OLD["Xá Lượng"], "2025-07-01")} <= came_from
    assert await staff_ids(office, TUONG_DUONG, "2025-06-30") == []
    assert await staff_ids(office, TUONG_DUONG, "2025-07-01") == ["hoa", "lan", "minh"]

    team = await office.staff.GetOfficeTeam(
        pb.GetOfficeTeamRequest(commune_id=TUONG_DUONG, as_of="2025-07-01")
    )
    assert (team.lead, list(team.members), team.carried_from) == ("hoa", ["hoa", "lan", "minh"], HOA_BINH)
    before = await office.staff.GetOfficeTeam(
        pb.GetOfficeTeamRequest(commune_id=TUONG_DUONG, as_of="2025-06-30")
    )
    assert not before.exists

    assert await office.coverage(TUONG_DUONG, "2025-07-02") == [
        ("INCOMING", "minh", "backup", HOA_BINH),
        ("STATS", "", "unassigned", ""),
    ]
    assert await office.coverage(TUONG_DUONG, "2025-06-30") == []
    assert await office.coverage(THACH_GIAM, "2025-06-30") == [
        ("INCOMING", "minh", "backup", HOA_BINH),
        ("STATS", "", "unassigned", ""),
    ]
    roster = await office.duties.GetDutyRoster(dpb.GetDutyRosterRequest(commune_id=TUONG_DUONG))
    assert [(a.duty, a.primary, a.carried_from) for a in roster.assignments] == [
        ("INCOMING", "lan", HOA_BINH)
    ]
    assert [g.duty for g in roster.gaps] == ["STATS"]
    assert [(a.person, a.end) for a in roster.absences] == [("lan", "2025-07-04")]

    bodies = await office.staff.GetUnitBodies(pb.GetUnitBodiesRequest(code=TUONG_DUONG, as_of="2025-07-01"))
    assert [b.code for b in bodies.bodies] == list(body_codes())
    merged_2025 = {THACH_GIAM, OLD["Lưu Kiền"], OLD["Xá Lượng"]}
    assert all(set(b.carried_from) == merged_2025 and b.since == "2025-07-01" for b in bodies.bodies)
    old_bodies = await office.staff.GetUnitBodies(
        pb.GetUnitBodiesRequest(code=THACH_GIAM, as_of="2020-01-01")
    )
    assert {tuple(b.carried_from) for b in old_bodies.bodies} == {(HOA_BINH,)}

    # The scheduler: the old unit's coverage starts and ends on its own stream; then an absence the
    # successor records for the carried duty, whose backup goes away mid-way: escalated that day, once.
    office.on("2025-07-05")
    emitted = [
        (type(e).__name__, e.commune_id, e.on.isoformat()) for e in await office.container.coverage.tick()
    ]
    assert emitted == [
        ("CoverageStarted", THACH_GIAM, "2025-06-25"),
        ("CoverageEnded", THACH_GIAM, "2025-07-05"),
    ]
    for person, start, end in (("lan", "2025-07-10", "2025-07-20"), ("minh", "2025-07-15", "2025-07-16")):
        await office.duties.RecordAbsence(
            dpb.RecordAbsenceRequest(
                commune_id=TUONG_DUONG, person=person, kind="training", start=start, end=end
            )
        )
    office.on("2025-07-10")
    [started] = await office.container.coverage.tick()
    office.on("2025-07-14")
    assert await office.container.coverage.tick() == []
    office.on("2025-07-15")
    [escalated] = await office.container.coverage.tick()
    assert await office.container.coverage.tick() == []
    assert (type(started).__name__, started.commune_id, started.duty) == (
        "CoverageStarted",
        TUONG_DUONG,
        "INCOMING",
    )
    assert (type(escalated).__name__, escalated.coverage_id, escalated.on) == (
        "CoverageEscalated",
        started.coverage_id,
        date(2025, 7, 15),
    )
    # The lead of the team carried from Hòa Bình.
    assert isinstance(escalated, CoverageEscalated) and escalated.team_lead == "hoa"
    recorded = [e.event_type for e in await office.container.store.read_stream(roster_stream(TUONG_DUONG))]
    assert recorded.count("staff.CoverageEscalated") == 1
    assert await office.coverage(TUONG_DUONG, "2025-07-15") == [
        ("INCOMING", "hoa", "escalated", HOA_BINH),
        ("STATS", "", "unassigned", ""),
    ]
