"""The dashboard's set-based fill (#13) gives the rows that applying every event in order gives: over
a synthetic province, over hand-made corners (unit mergers and splits, reopened tasks, extensions and
overdue notices of old deadlines, conflicts adopted before they are raised…), whatever the order of
the topics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import reporting as figures
from oneoffice.contracts.events import staff
from oneoffice.contracts.events.documents import (
    TaskDeadlineExtended,
    TaskOverdue,
    TaskReassigned,
    TaskReopened,
)
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.events import DomainEvent
from oneoffice.reporting.adapters.dashboard_projection import DashboardProjection

from ...conftest import CreateDatabase
from ...unit.reporting import dashboard_samples as s
from .bulk_support import TOPICS, Records, filled_rows, incremental_rows, province_records, records_of

AT = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DAY = date(2026, 3, 2)


@pytest.fixture
async def another_engine(create_pg_database: CreateDatabase) -> AsyncIterator[AsyncEngine]:
    """A second fresh database: the harness's incremental tables are created once per database."""
    engine = create_engine(await create_pg_database("t"))
    yield engine
    await engine.dispose()


def _unit(code: str, name: str, parent: str | None, kind: staff.UnitKind = "commune") -> staff.NewUnit:
    return staff.NewUnit(code=code, name=name, kind=kind, parent=parent, synthetic=False, bodies=[])


def _reorganisations() -> list[DomainEvent]:
    """Units: a merger into an existing unit moving children, a split, renames, reparenting, ceasing,
    an end before the unit exists (ignored), a unit established twice (the first stays)."""
    merged, split = date(2025, 7, 1), date(2026, 1, 1)
    return [
        staff.UnitCeased(reorganisation_id="early", effective=date(2016, 1, 1), code="X9", note=""),
        staff.UnitEstablished(
            reorganisation_id="x", effective=date(2017, 1, 1), unit=_unit("X9", "Xa", "TD"), note=""
        ),
        staff.UnitEstablished(
            reorganisation_id="x2", effective=date(2018, 1, 1), unit=_unit("X9", "Xb", "40"), note=""
        ),
        staff.UnitEstablished(
            reorganisation_id="h", effective=date(2017, 1, 1), unit=_unit("H1", "Hạ", "A01", "ward"), note=""
        ),
        staff.UnitsMerged(
            reorganisation_id="into-C",
            effective=merged,
            merged=["X9", "B02"],
            successor="C03",
            new_successor=None,
            bodies_carried=[],
            children_moved=["H1"],
            note="",
        ),
        staff.UnitsMerged(
            reorganisation_id="self",
            effective=split,
            merged=["Z1"],
            successor="Z1",
            new_successor=_unit("Z1", "Zê", "40"),
            bodies_carried=[],
            children_moved=["Z1"],
            note="",
        ),
        staff.UnitSplit(
            reorganisation_id="split-C",
            effective=split,
            unit="C03",
            into=[_unit("C31", "Chi Một", "40"), _unit("C32", "Chi Hai", "40"), _unit("C03", "Chi", "40")],
            note="",
        ),
        staff.UnitRenamed(
            reorganisation_id="r1", effective=split, code="C31", name="Chi Mới", kind="ward", note=""
        ),
        staff.UnitRenamed(
            reorganisation_id="r2", effective=split, code="C31", name="Chi Mới Hơn", kind="commune", note=""
        ),
        staff.UnitReparented(reorganisation_id="p1", effective=split, code="C32", parent=None, note=""),
        staff.UnitCeased(reorganisation_id="c1", effective=date(2026, 2, 1), code="C32", note=""),
        staff.UnitCeased(reorganisation_id="c2", effective=date(2026, 3, 1), code="C32", note=""),
    ]


def _people() -> list[DomainEvent]:
    """Joining again, transfers on an open stint's own first day, leaving twice, a new adoption wave,
    coverage escalated and started again."""
    return [
        s.joined("p-x", "A01", "công chức", date(2020, 1, 1)),
        s.joined("p-x", "A01", "cán bộ", date(2020, 1, 1), "1.25"),
        staff.PersonTransferred(
            person_id="p-x", from_commune="A01", to_commune="B02", effective=date(2021, 1, 1)
        ),
        staff.PersonTransferred(
            person_id="p-x", from_commune="B02", to_commune="C03", effective=date(2021, 1, 1)
        ),
        staff.PersonLeftStaff(person_id="p-x", commune_id="C03", effective=date(2019, 1, 1)),
        staff.PersonLeftStaff(person_id="p-x", commune_id="C03", effective=date(2022, 1, 1)),
        staff.PersonLeftStaff(person_id="p-x", commune_id="C03", effective=date(2023, 1, 1)),
        s.joined("p-x", "N10", "hợp đồng", date(2024, 1, 1)),
        staff.PersonLeftStaff(person_id="p-nobody", commune_id="C03", effective=date(2023, 1, 1)),
        staff.PersonTransferred(
            person_id="p-y", from_commune="A01", to_commune="B02", effective=date(2021, 1, 1)
        ),
        staff.OneOfficeModelAdopted(
            commune_id="A01", adopted_on=date(2019, 1, 1), wave="again", decision="QĐ 2"
        ),
        staff.CoverageEscalated(
            commune_id="C03",
            coverage_id="abs-1/INCOMING",
            absence_id="abs-1",
            duty="INCOMING",
            absent="p-c1",
            backup="p-c2",
            team_lead=None,
            on=date(2026, 2, 12),
        ),
        staff.CoverageStarted(
            commune_id="C03",
            coverage_id="abs-1/INCOMING",
            absence_id="abs-1",
            duty="INCOMING",
            absent="p-c1",
            covered_by="p-c3",
            on=date(2026, 2, 11),
        ),
    ]


def _extended(task: str, number: int, deadline: date) -> TaskDeadlineExtended:
    return TaskDeadlineExtended(
        task_id=task,
        commune_id="N10",
        deadline=deadline,
        deadline_number=number,
        reason="r",
        extended_by="ld",
    )


def _overdue(task: str, number: int, day: date) -> TaskOverdue:
    return TaskOverdue(
        task_id=task, commune_id="N10", deadline=day, deadline_number=number, lead="p", raised_on=day
    )


def _reopened(task: str) -> TaskReopened:
    return TaskReopened(task_id=task, commune_id="N10", reason="r", reopened_by="x")


def _reassigned(task: str, lead: str) -> TaskReassigned:
    return TaskReassigned(task_id=task, commune_id="N10", lead=lead, reason="r", reassigned_by="x")


def _tasks() -> list[DomainEvent]:
    """Tasks: events before the creation (ignored), a second creation (ignored), reopening after
    completion and completing again, extensions out of order and repeated, overdue notices of an
    old deadline, of the current one, and cleared by a later extension; documents registered twice,
    with tasks all done or not."""
    return [
        _reassigned("t-1", "p-early"),
        s.done("t-1", "N10", DAY),
        _extended("t-1", 5, DAY + timedelta(days=50)),
        s.incoming("d-1", "N10", DAY),
        s.task("t-1", "N10", "p-1", DAY, "d-1"),
        s.task("t-1", "N10", "p-other", DAY + timedelta(days=1), "d-other"),
        s.task("t-2", "N10", "p-2", DAY + timedelta(days=2), "d-1"),
        _overdue("t-1", 1, DAY + timedelta(days=11)),
        _extended("t-1", 3, DAY + timedelta(days=30)),
        _overdue("t-1", 1, DAY + timedelta(days=12)),
        _extended("t-1", 2, DAY + timedelta(days=20)),
        _extended("t-1", 3, DAY + timedelta(days=33)),
        _overdue("t-1", 3, DAY + timedelta(days=31)),
        _overdue("t-1", 2, DAY + timedelta(days=32)),
        # extensions that do not raise the number do not clear the notice either
        _extended("t-1", 3, DAY + timedelta(days=60)),
        _extended("t-1", 2, DAY + timedelta(days=61)),
        _reassigned("t-1", "p-3"),
        _reassigned("t-1", "p-4"),
        s.done("t-1", "N10", DAY + timedelta(days=5)),
        _reopened("t-1"),
        s.done("t-2", "N10", DAY + timedelta(days=3)),
        s.incoming("d-1", "N10", DAY + timedelta(days=1)),
        # t-3: overdue, then extended (the notice is cleared), reopened and left open
        s.incoming("d-3", "N10", DAY),
        s.task("t-3", "N10", "p-1", DAY, "d-3"),
        _overdue("t-3", 1, DAY + timedelta(days=11)),
        _extended("t-3", 2, DAY + timedelta(days=40)),
        s.done("t-3", "N10", DAY + timedelta(days=6)),
        _reopened("t-3"),
        # t-4: all of d-4's tasks done, the last completion counts; an overdue of number 1 after an
        # extension to 2 does nothing
        s.incoming("d-4", "N10", DAY),
        s.task("t-4", "N10", "p-1", DAY + timedelta(days=3), "d-4"),
        s.task("t-5", "N10", "p-1", DAY + timedelta(days=1), "d-4"),
        _extended("t-4", 2, DAY + timedelta(days=40)),
        _overdue("t-4", 1, DAY + timedelta(days=41)),
        _overdue("t-4", 2, DAY + timedelta(days=42)),
        s.done("t-4", "N10", DAY + timedelta(days=9)),
        s.done("t-5", "N10", DAY + timedelta(days=4)),
        _reopened("t-5"),
        s.done("t-5", "N10", DAY + timedelta(days=7)),
        # a document with no task, an outgoing one numbered twice, a task of no document
        s.incoming("d-5", "N10", DAY),
        s.outgoing("o-1", "N10", DAY),
        s.outgoing("o-1", "N10", DAY + timedelta(days=1)),
        s.task("t-6", "N10", "p-1", DAY),
        _reopened("t-nobody"),
        _overdue("t-nobody", 1, DAY),
    ]


def _conflicts() -> list[DomainEvent]:
    """Adopted before raised, raised twice, adopted only."""

    def raised(conflict: str, period: str) -> figures.FigureConflictRaised:
        return figures.FigureConflictRaised(
            commune_id="N10", conflict_id=conflict, indicator_code="DS", period=period, values={}
        )

    def adopted(conflict: str, period: str) -> figures.FigureAdopted:
        return figures.FigureAdopted(
            commune_id="N10",
            conflict_id=conflict,
            indicator_code="DS",
            period=period,
            value=Decimal(1),
            body_code="UBND",
            reason="r",
        )

    return [
        adopted("k-a", "2026"),
        raised("k-a", "2026-Q1"),
        raised("k-b", "2025"),
        raised("k-b", "2025-Q4"),
        adopted("k-c", "2024"),
        adopted("k-c", "2024-12"),
    ]


def _corners() -> Records:
    events: list[tuple[str, str, DomainEvent, datetime]] = []
    moment = iter(AT + timedelta(minutes=m) for m in range(10_000))
    for event in [*s.staff_topic(), *_reorganisations()]:
        # The unit register is one stream under one key (one order), as the staff service keeps it.
        key = "40" if event.event_type.startswith("staff.Unit") else str(getattr(event, "commune_id", "40"))
        events.append((key, "s", event, next(moment)))
    for event in [*_people(), *s.documents_topic(), *_tasks(), *s.reporting_topic(), *_conflicts()]:
        commune = getattr(event, "commune_id", None) or getattr(event, "from_commune", None) or "40"
        events.append((commune, "s", event, next(moment)))
    return records_of(events)


async def test_a_synthetic_province_fills_the_rows_that_applying_its_events_gives(
    engine: AsyncEngine,
) -> None:
    records = province_records(4, 1500)
    projection = DashboardProjection()
    expected = await incremental_rows(engine, projection, records)
    filled = await filled_rows(engine, projection, records)
    for table in expected:
        assert filled[table] == expected[table], table
    for table in (
        "units",
        "unit_parents",
        "unit_names",
        "adoptions",
        "people",
        "stints",
        "documents",
        "tasks",
        "coverage",
        "conflicts",
    ):
        assert len(filled[table]) > 0, table
    documents = filled["documents"]
    assert any(row[4] is not None for row in documents) and any(row[5] is not None for row in documents)
    tasks = filled["tasks"]
    assert any(row[7] > 1 for row in tasks) and any(row[10] is not None for row in tasks)


async def test_the_corners_of_every_event_type_fill_as_applied_one_by_one_in_either_topic_order(
    engine: AsyncEngine, another_engine: AsyncEngine
) -> None:
    records = _corners()
    projection = DashboardProjection()
    filled = await filled_rows(engine, projection, records)
    one_by_one = await incremental_rows(engine, projection, records, batch=1)
    for table in one_by_one:
        assert filled[table] == one_by_one[table], table
    reversed_topics = await incremental_rows(
        another_engine, projection, records, order=tuple(reversed(TOPICS))
    )
    for table in reversed_topics:
        assert filled[table] == reversed_topics[table], table
    # The corners are there (not an empty agreement).
    tasks = {row[0]: row for row in filled["tasks"]}
    assert tasks["t-1"][2] == "p-4" and tasks["t-1"][7] == 3 and tasks["t-1"][8] is False
    assert tasks["t-1"][6] == DAY + timedelta(days=30) and tasks["t-1"][10] == DAY + timedelta(days=31)
    assert tasks["t-3"][10] is None and tasks["t-4"][10] == DAY + timedelta(days=42)
    assert "t-nobody" not in tasks
    assert {row[0] for row in filled["units"]} >= {"X9", "C31", "C32", "Z1"}
    conflicts = {row[0]: row for row in filled["conflicts"]}
    assert conflicts["k-a"][2] == "2026-Q1" and None not in conflicts["k-a"] and conflicts["k-c"][3] is None
