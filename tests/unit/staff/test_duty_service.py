"""Duty use cases and the coverage scheduler over the in-memory event store: commands recorded or
refused with nothing appended, coverage emitted once when its day comes, whoever ticks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.staff.adapters.duty_data import tuong_duong_duties
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.coverage_scheduler import CoverageScheduler
from oneoffice.staff.application.duties import DutyService
from oneoffice.staff.application.duty_seed import seed_duty_catalogue
from oneoffice.staff.domain.duty_errors import InvalidDutyCommand
from oneoffice.staff.domain.duty_events import AbsenceKind, Duty
from oneoffice.staff.domain.duty_roster import roster_stream
from oneoffice.staff.domain.unit_errors import UnitNotFound

from .duty_fakes import FakeDirectory, FakeUnits

ADMIN = Caller(actor="quantri")
LEAD = Caller(actor="totruong-16876")
DUTIES = (
    Duty("INCOMING", "Tiếp nhận văn bản đến", "Receive incoming documents", "", ("UBND",)),
    Duty("STATS", "Tổng hợp số liệu", "Compile statistics", "", ("UBND",)),
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 1, 8, 0, tzinfo=UTC))


@pytest.fixture
def store(clock: FixedClock) -> InMemoryEventStore:
    return InMemoryEventStore(clock)


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory({"16876": {"lan", "minh", "hoa"}, "16882": {"tuan"}}, {"16876": "hoa"})


def service(store: InMemoryEventStore, clock: FixedClock, directory: FakeDirectory) -> DutyService:
    units = FakeUnits({"16876": date(2025, 7, 1), "16882": date(2025, 7, 1)})
    return DutyService(store, build_registry(), clock, directory, units.exists_on)


@pytest.fixture
async def duties(store: InMemoryEventStore, clock: FixedClock, directory: FakeDirectory) -> DutyService:
    duties = service(store, clock, directory)
    await duties.publish_catalogue(ADMIN, DUTIES, "v1")
    await duties.adopt(LEAD, "16876", 1)
    return duties


async def test_a_commune_adopts_the_latest_catalogue_and_lists_its_unassigned_duties_as_gaps(
    duties: DutyService,
) -> None:
    roster = await duties.roster("16876")
    assert roster.adopted is not None and roster.adopted.version == 1
    assert [g[0] for g in roster.gaps()] == ["INCOMING", "STATS"]


async def test_a_handler_of_another_commune_is_refused_and_nothing_is_appended(
    duties: DutyService, store: InMemoryEventStore
) -> None:
    before = await store.stream_version(roster_stream("16876"))
    with pytest.raises(InvalidDutyCommand) as refused:
        await duties.assign(LEAD, "16876", "INCOMING", "lan", "tuan")
    assert refused.value.code == "not_staff_of_commune"
    assert await store.stream_version(roster_stream("16876")) == before


async def test_a_command_for_a_commune_that_does_not_exist_is_refused(duties: DutyService) -> None:
    with pytest.raises(UnitNotFound):
        await duties.adopt(LEAD, "99999", 1)


async def test_the_scheduler_emits_coverage_when_the_day_comes_and_never_twice(
    duties: DutyService, store: InMemoryEventStore, clock: FixedClock, directory: FakeDirectory
) -> None:
    await duties.assign(LEAD, "16876", "INCOMING", "lan", "minh")
    await duties.record_absence(LEAD, "16876", "lan", AbsenceKind.LEAVE, date(2026, 3, 2), date(2026, 3, 3))
    scheduler = CoverageScheduler(duties, directory, store.communes)
    assert await scheduler.tick() == []
    clock.advance(timedelta(days=1))
    [started] = await scheduler.tick()
    restarted = CoverageScheduler(service(store, clock, directory), directory, store.communes)
    assert await restarted.tick() == []
    clock.advance(timedelta(days=2))
    [ended] = await restarted.tick()
    assert (started.on, ended.on) == (date(2026, 3, 2), date(2026, 3, 4))
    types = [e.event_type for e in await store.read_stream(roster_stream("16876"))]
    assert types.count("staff.CoverageStarted") == 1 and types.count("staff.CoverageEnded") == 1


async def test_coverage_shows_the_backup_on_a_day_of_absence_and_the_primary_after(
    duties: DutyService,
) -> None:
    await duties.assign(LEAD, "16876", "INCOMING", "lan", "minh")
    await duties.record_absence(LEAD, "16876", "lan", AbsenceKind.SICK, date(2026, 3, 2), date(2026, 3, 3))
    during = await duties.coverage("16876", date(2026, 3, 2))
    after = await duties.coverage("16876", date(2026, 3, 4))
    assert [(c.duty, c.covered_by) for c in during.covers] == [("INCOMING", "minh"), ("STATS", None)]
    assert after.covers[0].covered_by == "lan" and during.team_lead == "hoa"


async def test_the_demo_catalogue_is_published_once_and_adopted_once_per_commune(
    store: InMemoryEventStore, clock: FixedClock, directory: FakeDirectory
) -> None:
    duties = service(store, clock, directory)
    first = await seed_duty_catalogue(duties, ADMIN, tuong_duong_duties(), ["16876", "16882"])
    again = await seed_duty_catalogue(duties, ADMIN, tuong_duong_duties(), ["16876", "16882"])
    catalogue = await duties.catalogue()
    assert (first, again, catalogue.version) == (3, 0, 1)
    assert {"INCOMING_REGISTER", "OUTGOING_ISSUE", "RECORD_FILES", "STATISTICS", "CONFERENCES"} <= {
        d.code for d in catalogue.duties
    }
    assert all(set(d.bodies) <= {"DANG_UY", "HDND", "UBND", "MTTQ", "DOAN_TN", "HOI_PN", "HOI_ND", "HOI_CCB"}
               for d in catalogue.duties)  # fmt: skip
