"""The 2025 merger carries a commune's office team, duty assignments and open absences to its
successor, through the use cases over the in-memory store and the seeded Tương Dương history:
Thạch Giám (2020–2025) merged into Tương Dương 16876 on 1 July 2025."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.staff.adapters.title_data import staff_titles
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.coverage_scheduler import CoverageScheduler
from oneoffice.staff.application.duties import DutyService
from oneoffice.staff.application.people import PeopleService, TeamChange
from oneoffice.staff.application.staff_directory import RegisterStaffDirectory
from oneoffice.staff.domain.coverage import CoverStatus
from oneoffice.staff.domain.duty_errors import InvalidDutyCommand
from oneoffice.staff.domain.duty_events import (
    AbsenceKind,
    CoverageEnded,
    CoverageEscalated,
    CoverageStarted,
    Duty,
)
from oneoffice.staff.domain.duty_roster import roster_stream
from oneoffice.staff.domain.people import JoinStaff

from .units_support import seeded, service

ADMIN = Caller(actor="quantri")
THACH_GIAM = next(row.code for row in tuong_duong_rows() if row.name == "Thạch Giám")
MERGE = date(2025, 7, 1)
DUTIES = (
    Duty("INCOMING", "Tiếp nhận văn bản đến", "Receive incoming documents", "", ("UBND",)),
    Duty("STATS", "Tổng hợp số liệu", "Compile statistics", "", ("UBND",)),
)


@dataclass
class Office:
    clock: FixedClock
    store: InMemoryEventStore
    people: PeopleService
    duties: DutyService
    scheduler: CoverageScheduler

    def on(self, day: date) -> None:
        self.clock.advance(datetime(day.year, day.month, day.day, 8, tzinfo=UTC) - self.clock.now())


@pytest.fixture
async def office() -> Office:
    """Thạch Giám's office in May 2024: three staff, a team led by Hoa, INCOMING held by Lan (backup
    Minh), Lan away from 28 June to 3 July 2025 (across the merger)."""
    clock = FixedClock(datetime(2024, 5, 2, 8, tzinfo=UTC))
    store = InMemoryEventStore(clock)
    units = await seeded(service(store))
    people = PeopleService(store, build_registry(), clock, units, staff_titles(), body_codes())
    directory = RegisterStaffDirectory(people)
    duties = DutyService(
        store,
        build_registry(),
        clock,
        directory,
        units.exists_on,
        merged_into=units.merged_into,
        successors=units.successors,
    )
    for pid in ("lan", "minh", "hoa"):
        await people.join(ADMIN, JoinStaff(pid, pid.title(), "Văn phòng - thống kê", "công chức", ("UBND",),
                                           Decimal("2.34"), THACH_GIAM, date(2020, 1, 1)))  # fmt: skip
    await people.change_team(
        ADMIN,
        THACH_GIAM,
        TeamChange("set_up", date(2021, 3, 1), "07/QĐ-UBND", date(2021, 3, 1), "hoa", ("lan",)),
    )
    await duties.publish_catalogue(ADMIN, DUTIES)
    await duties.adopt(ADMIN, THACH_GIAM, 1)
    await duties.assign(ADMIN, THACH_GIAM, "INCOMING", "lan", "minh")
    await duties.record_absence(
        ADMIN, THACH_GIAM, "lan", AbsenceKind.LEAVE, date(2025, 6, 28), date(2025, 7, 3)
    )
    scheduler = CoverageScheduler(duties, directory, store.communes)
    return Office(clock, store, people, duties, scheduler)


async def test_the_successor_reads_the_merged_units_team_until_it_sets_up_its_own(office: Office) -> None:
    assert await office.people.office_team("16876", MERGE - timedelta(days=1)) is None
    carried = await office.people.office_team("16876", MERGE)
    assert carried is not None and (carried.commune_id, carried.lead, carried.members) == (
        THACH_GIAM,
        "hoa",
        ("hoa", "lan"),
    )
    office.on(date(2025, 7, 10))
    own = TeamChange("set_up", date(2025, 7, 10), "01/QĐ-UBND", date(2025, 7, 8), "minh", ("lan",))
    await office.people.change_team(ADMIN, "16876", own)
    team = await office.people.office_team("16876", date(2025, 7, 10))
    assert team is not None and (team.commune_id, team.lead) == ("16876", "minh")
    before = await office.people.office_team("16876", date(2025, 7, 9))
    assert before is not None and before.commune_id == THACH_GIAM
    old = await office.people.office_team(THACH_GIAM, date(2025, 6, 30))
    assert old is not None and old.lead == "hoa"


async def test_coverage_of_the_successor_includes_the_carried_assignment_and_the_open_absence(
    office: Office,
) -> None:
    before = await office.duties.coverage("16876", date(2025, 6, 30))
    assert before.covers == [] and before.team_lead is None
    after = await office.duties.coverage("16876", date(2025, 7, 2))
    [incoming] = [c for c in after.covers if c.duty == "INCOMING"]
    assert (incoming.covered_by, incoming.status, incoming.carried_from) == (
        "minh",
        CoverStatus.BACKUP,
        THACH_GIAM,
    )
    assert after.team_lead == "hoa"
    old = await office.duties.coverage(THACH_GIAM, date(2025, 6, 30))
    assert [(c.duty, c.covered_by, c.carried_from) for c in old.covers] == [
        ("INCOMING", "minh", None),
        ("STATS", None, None),
    ]
    merged = await office.duties.merged_roster("16876")
    assert merged.gaps(date(2025, 7, 2)) == [("STATS", False, False)]


async def test_once_the_successor_reassigns_a_duty_the_carried_holder_stops(office: Office) -> None:
    office.on(date(2025, 7, 5))
    await office.duties.assign(ADMIN, "16876", "INCOMING", "minh", "hoa")
    on_4 = await office.duties.coverage("16876", date(2025, 7, 4))
    on_5 = await office.duties.coverage("16876", date(2025, 7, 5))
    assert [(c.covered_by, c.carried_from) for c in on_4.covers if c.duty == "INCOMING"] == [
        ("lan", THACH_GIAM)
    ]
    assert [(c.covered_by, c.carried_from) for c in on_5.covers if c.duty == "INCOMING"] == [("minh", None)]


async def test_an_absence_overlapping_one_carried_from_the_merged_unit_is_refused(office: Office) -> None:
    office.on(date(2025, 7, 2))
    version = await office.store.stream_version(roster_stream("16876"))
    with pytest.raises(InvalidDutyCommand) as refused:
        await office.duties.record_absence(
            ADMIN, "16876", "lan", AbsenceKind.SICK, date(2025, 7, 3), date(2025, 7, 4)
        )
    assert refused.value.code == "overlapping_absence"
    assert await office.store.stream_version(roster_stream("16876")) == version


async def test_the_scheduler_covers_a_carried_duty_for_an_absence_the_successor_records(
    office: Office,
) -> None:
    office.on(date(2025, 7, 5))
    emitted = await office.scheduler.tick()
    assert [(type(e).__name__, e.commune_id, e.on) for e in emitted] == [
        ("CoverageStarted", THACH_GIAM, date(2025, 6, 28)),
        ("CoverageEnded", THACH_GIAM, date(2025, 7, 4)),
    ]
    await office.duties.record_absence(
        ADMIN, "16876", "lan", AbsenceKind.TRAINING, date(2025, 7, 7), date(2025, 7, 8)
    )
    office.on(date(2025, 7, 7))
    [started] = await office.scheduler.tick()
    assert isinstance(started, CoverageStarted)
    assert (started.commune_id, started.duty, started.covered_by) == ("16876", "INCOMING", "minh")
    office.on(date(2025, 7, 9))
    [ended] = await office.scheduler.tick()
    assert isinstance(ended, CoverageEnded) and await office.scheduler.tick() == []


async def test_a_backup_away_by_the_successors_record_escalates_the_merged_units_coverage_that_day(
    office: Office,
) -> None:
    office.on(date(2025, 7, 1))
    await office.duties.record_absence(
        ADMIN, "16876", "minh", AbsenceKind.SICK, date(2025, 7, 2), date(2025, 7, 3)
    )
    office.on(date(2025, 7, 2))
    emitted = await office.scheduler.tick()
    assert [(type(e).__name__, e.commune_id, e.on) for e in emitted] == [
        ("CoverageStarted", THACH_GIAM, date(2025, 6, 28)),
        ("CoverageEscalated", THACH_GIAM, date(2025, 7, 2)),
    ]
    assert isinstance(emitted[1], CoverageEscalated) and emitted[1].team_lead == "hoa"
    assert await office.scheduler.tick() == []
