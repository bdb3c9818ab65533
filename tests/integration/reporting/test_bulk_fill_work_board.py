"""The work-board's set-based fill gives the rows its incremental projection gives, event by event.

Every event of tracked work is on the documents topic: the projection reads no other topic, so the
order of topics cannot change its rows (no reordered-topics case here).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.events import DomainEvent
from oneoffice.reporting.adapters.work_board_fill import PositionOutOfRange
from oneoffice.reporting.adapters.work_board_projection import (
    DOCUMENTS,
    TASK_PEOPLE,
    TASKS,
    WorkBoardProjection,
)
from tests.unit.reporting.work_samples import (
    COMMUNE,
    completed,
    created,
    due_soon,
    extended,
    overdue,
    passed_on,
    progress,
    reassigned,
    reopened,
    stream_of,
    untracked,
)

from .bulk_support import filled_rows, incremental_rows, province_records, records_of

pytestmark = pytest.mark.integration

OTHER = "16882"
AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


async def test_a_provinces_board_filled_at_once_is_the_board_applied_event_by_event(
    engine: AsyncEngine,
) -> None:
    records = province_records(4, 1500)
    projection = WorkBoardProjection()

    incremental = await incremental_rows(engine, projection, records)
    filled = await filled_rows(engine, projection, records)

    for table in (TASKS, TASK_PEOPLE, DOCUMENTS):
        assert len(incremental[table]) > 0, table
        assert filled[table] == incremental[table], table


def _edge_events() -> list[DomainEvent]:
    return [
        # Reassigned, progress with and without a share, completed then reopened, raised for deadline 1.
        created("t-1", "p-1", coordinators=("p-2", "p-3")),
        progress("t-1", 40),
        progress("t-1", None),
        reassigned("t-1", "p-4", ("p-1", "p-4")),
        completed("t-1"),
        reopened("t-1"),
        due_soon("t-1", 1),
        overdue("t-1", 1),
        # Extended to 3; an older and a repeated extension change nothing; raised for old numbers: ignored.
        created("t-2"),
        due_soon("t-2", 1),
        extended("t-2", 3),
        extended("t-2", 2),
        due_soon("t-2", 2),
        overdue("t-2", 3),
        extended("t-2", 3).model_copy(update={"deadline": date(2027, 1, 1)}),
        completed("t-2"),
        completed("t-2"),
        # Events before the creation change nothing but the people; a creation again changes nothing.
        completed("t-3"),
        reassigned("t-3", "p-9", ("p-8",)),
        progress("t-3", 70),
        extended("t-3", 2),
        created("t-3", "p-5", coordinators=("p-6",)),
        created("t-3", "p-7", title="Một việc khác"),
        progress("t-3", 10),
        # Never created: no task, but its reassignment's people.
        reassigned("t-4", "p-1", ("p-2",)),
        progress("t-4", 50),
        completed("t-4"),
        # A new deadline starts with nothing raised; raised again for it after the extension.
        created("t-5", document_id="d-1", body_code="UBND"),
        extended("t-5", 2),
        due_soon("t-5", 2),
        overdue("t-5", 2),
        overdue("t-5", 4),
        extended("t-5", 4),
        due_soon("t-5", 4),
        completed("t-5"),
        reopened("t-5"),
        # The same task created in two communes: the first applied wins.
        created("t-6", "p-1", commune_id=OTHER, title="Ở xã khác"),
        created("t-6", "p-2", coordinators=("p-2", "p-3")),
        reassigned("t-6", "p-3", commune=OTHER),
        # Documents: passed on again, untracked between; untracked only; untracked then passed on.
        passed_on("d-1"),
        untracked("d-1"),
        passed_on("d-1", kind="body", recipient="VPHDND", needs_action=False, body="HDND"),
        untracked("d-2", body="HDND"),
        untracked("d-2").model_copy(update={"raised_on": date(2026, 3, 9)}),
        untracked("d-3"),
        passed_on("d-3", kind="person", recipient="p-5"),
        passed_on("d-4", needs_action=True),
        passed_on("d-4", needs_action=False, kind="person", recipient="p-1"),
        # A document of two communes keeps the first applied commune.
        passed_on("d-5", commune=OTHER),
        untracked("d-5", body="HDND"),
    ]


async def test_every_corner_of_the_board_filled_at_once_is_the_board_applied_event_by_event(
    engine: AsyncEngine,
) -> None:
    events = _edge_events()
    records = records_of(
        (getattr(e, "commune_id", OTHER), stream_of(e), e, AT + timedelta(minutes=i))
        for i, e in enumerate(events)
    )
    projection = WorkBoardProjection()

    incremental = await incremental_rows(engine, projection, records, batch=7)
    filled = await filled_rows(engine, projection, records)

    assert filled == incremental
    tasks = {row[0]: row for row in filled[TASKS]}
    assert sorted(tasks) == ["t-1", "t-2", "t-3", "t-5", "t-6"]
    # task_id, commune, title, lead, coordinators, deadline, number, done, due soon, overdue, ..., percentage
    assert tasks["t-1"][3:5] == ("p-4", ["p-1", "p-4"]) and tasks["t-1"][7:10] == (False, True, True)
    assert tasks["t-2"][5:10] == (date(2026, 4, 1), 3, True, False, True)
    assert tasks["t-3"][3] == "p-5" and tasks["t-3"][7] is False and tasks["t-3"][12] == 10
    assert tasks["t-5"][6:10] == (4, False, True, False)
    people = {(person, task) for person, task in filled[TASK_PEOPLE]}
    assert {("p-1", "t-4"), ("p-2", "t-4"), ("p-5", "t-3"), ("p-6", "t-3")} <= people
    assert len(filled[DOCUMENTS]) == 5


async def test_a_fill_refuses_positions_it_cannot_order_by_one_number(engine: AsyncEngine) -> None:
    records = records_of([(COMMUNE, stream_of(e), e, AT) for e in [created("t-1")]])
    # A partition number beyond 16 bits (the load checks that offsets follow each other from 0).
    records["documents"] = {1 << 16: records["documents"].popitem()[1]}

    with pytest.raises(PositionOutOfRange):
        await filled_rows(engine, WorkBoardProjection(), records)
