"""The work-board projection turns the events of tracked work into the boards (#12)."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import (
    DocumentPassedOn,
    DocumentUntracked,
    TaskCompleted,
    TaskCreated,
    TaskDeadlineExtended,
    TaskDueSoon,
    TaskOverdue,
    TaskProgressNoted,
    TaskReassigned,
    TaskReopened,
)
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.work_board_projection import TASK_PEOPLE, WorkBoardProjection
from oneoffice.reporting.adapters.work_board_reader import SqlWorkBoardReader
from oneoffice.reporting.domain.work_board import (
    AsOf,
    Counts,
    MyDay,
    PassedOnDocument,
    TrackedTask,
    WorkBoard,
    my_day,
    work_board,
)

from .work_samples import (
    COMMUNE,
    RECORDED_AT,
    completed,
    created,
    due_soon,
    envelope,
    extended,
    overdue,
    passed_on,
    progress,
    reassigned,
    reopened,
    untracked,
)

CLOCK = FixedClock(RECORDED_AT)
SUBSCRIPTION = "reporting.work_board"


class Board:
    """A fresh projection in its own SQLite file, fed event by event."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.runner = ProjectionRunner(engine, WorkBoardProjection(), CLOCK)
        self.reader = SqlWorkBoardReader(engine, self.runner, SUBSCRIPTION, CLOCK)
        self._position = 0

    async def apply(self, *events: DomainEvent) -> None:
        async with self.engine.begin() as conn:
            for event in events:
                self._position += 1
                await self.runner.handle(conn, [envelope(event, self._position)])

    async def apply_in_one_batch(self, *events: DomainEvent) -> None:
        envelopes = [envelope(event, self._position + n) for n, event in enumerate(events, 1)]
        self._position += len(events)
        async with self.engine.begin() as conn:
            await self.runner.handle(conn, envelopes)


async def _open(folder: Path) -> Board:
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'reporting.db'}")
    await upgrade(engine)
    board = Board(engine)
    await board.runner.start()
    return board


@pytest.fixture
async def board(tmp_path: Path) -> AsyncIterator[Board]:
    opened = await _open(tmp_path)
    yield opened
    await opened.engine.dispose()


async def test_a_new_task_is_open_work_of_its_lead_and_body_until_completed(board: Board) -> None:
    await board.apply(created("t1", "p-an", coordinators=("p-binh",), body_code="UBND"))

    shown = await board.reader.work_board(COMMUNE)
    assert shown.totals == Counts(open=1)
    assert shown.by_handler == (("p-an", Counts(open=1)),)
    assert shown.by_body == (("UBND", Counts(open=1)),)
    assert [t.task_id for t in shown.tasks] == ["t1"]
    assert [t.task_id for t in (await board.reader.my_day("p-binh", None)).tasks] == ["t1"]

    await board.apply(completed("t1"))
    assert (await board.reader.work_board(COMMUNE)).totals == Counts()
    assert (await board.reader.my_day("p-an", None)).tasks == ()

    await board.apply(reopened("t1"))
    assert (await board.reader.work_board(COMMUNE)).totals == Counts(open=1)


async def test_due_soon_and_overdue_count_for_the_current_deadline_only(board: Board) -> None:
    await board.apply(created("t1"), due_soon("t1", 1))
    assert (await board.reader.work_board(COMMUNE)).totals == Counts(open=1, due_soon=1)

    await board.apply(overdue("t1", 1))
    assert (await board.reader.work_board(COMMUNE)).totals == Counts(open=1, overdue=1)

    # An extension starts a new deadline with nothing raised; a late event of the old one is stale.
    await board.apply(extended("t1", 2), overdue("t1", 1))
    day = await board.reader.my_day("p-lead", None)
    assert (await board.reader.work_board(COMMUNE)).totals == Counts(open=1)
    assert [t.deadline_number for t in day.tasks] == [2]
    assert day.overdue == () and day.due_soon == ()

    await board.apply(due_soon("t1", 2))
    assert [t.task_id for t in (await board.reader.my_day("p-lead", None)).due_soon] == ["t1"]


async def test_a_reassigned_task_leaves_the_day_of_its_former_handlers(board: Board) -> None:
    await board.apply(created("t1", "p-an", coordinators=("p-binh",)), reassigned("t1", "p-chi", ("p-dung",)))

    assert (await board.reader.my_day("p-an", None)).tasks == ()
    assert (await board.reader.my_day("p-binh", None)).tasks == ()
    assert [t.lead for t in (await board.reader.my_day("p-dung", None)).tasks] == ["p-chi"]
    assert (await board.reader.work_board(COMMUNE)).by_handler == (("p-chi", Counts(open=1)),)


async def test_a_document_waits_for_its_leaders_direction_until_a_task_names_it(board: Board) -> None:
    await board.apply(passed_on("d1", recipient="p-leader"), passed_on("d2", kind="body", recipient="UBND"))
    await board.apply(passed_on("d3", recipient="p-leader", needs_action=False))

    waiting = await board.reader.my_day("p-leader", None)
    assert [d.document_id for d in waiting.waiting_for_direction] == ["d1"]

    await board.apply(created("t1", document_id="d1"))
    assert (await board.reader.my_day("p-leader", None)).waiting_for_direction == ()


async def test_an_untracked_document_is_on_the_board_until_a_task_names_it(board: Board) -> None:
    # The task's stream may be read before the document's: the board is the same either way.
    await board.apply(
        untracked("d1", body="HDND"), passed_on("d1", kind="person", recipient="p-an", body="HDND")
    )

    shown = await board.reader.work_board(COMMUNE)
    assert shown.totals == Counts(untracked=1)
    assert shown.by_body == (("HDND", Counts(untracked=1)),)
    assert shown.by_handler == (("p-an", Counts(untracked=1)),)
    assert [d.document_id for d in shown.untracked] == ["d1"]

    await board.apply(created("t1", document_id="d1", body_code="HDND"))
    assert (await board.reader.work_board(COMMUNE)).totals == Counts(open=1)


async def test_my_day_covers_only_the_communes_given(board: Board) -> None:
    await board.apply(created("t1", "p-an"), created("t2", "p-an", commune_id="16882"))

    assert [t.task_id for t in (await board.reader.my_day("p-an", {"16882"})).tasks] == ["t2"]
    assert [t.task_id for t in (await board.reader.my_day("p-an", None)).tasks] == ["t1", "t2"]


async def test_the_board_of_a_commune_shows_no_other_communes_work(board: Board) -> None:
    await board.apply(created("t1", commune_id="16882"), untracked("d1", commune="16882"))

    assert (await board.reader.work_board(COMMUNE)).totals == Counts()


# The property: any interleaving of the streams gives the board a brute-force fold gives.

PEOPLE = ("p-an", "p-binh", "p-chi")
DOCS = ("d1", "d2", "d3")


@st.composite
def task_stream(draw: st.DrawFn, task: str) -> list[DomainEvent]:
    lead = draw(st.sampled_from(PEOPLE))
    coordinators = tuple(p for p in PEOPLE if p != lead and draw(st.booleans()))
    events: list[DomainEvent] = [
        created(
            task,
            lead,
            coordinators=coordinators,
            body_code=draw(st.sampled_from([None, "UBND", "HDND"])),
            document_id=draw(st.sampled_from([None, *DOCS])),
            commune_id=draw(st.sampled_from([COMMUNE, COMMUNE, "16882"])),
        )
    ]
    commune = events[0].commune_id  # type: ignore[attr-defined]
    number = 1
    for step in draw(st.lists(st.sampled_from(["done", "reopen", "reassign", "extend", "soon", "over",
                                                "stale", "progress"]), max_size=8)):  # fmt: skip
        if step == "done":
            events.append(completed(task, commune))
        elif step == "reopen":
            events.append(reopened(task, commune))
        elif step == "reassign":
            lead = draw(st.sampled_from(PEOPLE))
            events.append(reassigned(task, lead, tuple(p for p in PEOPLE if p != lead)[:1], commune))
        elif step == "extend":
            number += 1
            events.append(extended(task, number, commune))
        elif step == "soon":
            events.append(due_soon(task, number, lead, commune))
        elif step == "over":
            events.append(overdue(task, number, lead, commune))
        elif step == "stale" and number > 1:
            events.append(overdue(task, number - 1, lead, commune))
        elif step == "progress":
            events.append(progress(task, draw(st.sampled_from([None, 30, 100])), commune))
    return events


@st.composite
def document_stream(draw: st.DrawFn, document: str) -> list[DomainEvent]:
    events: list[DomainEvent] = []
    body = draw(st.sampled_from(["UBND", "HDND"]))
    for step in draw(st.lists(st.sampled_from(["leader", "person", "body", "untracked"]), max_size=3)):
        if step == "untracked":
            events.append(untracked(document, body=body))
        else:
            recipient = "UBND" if step == "body" else draw(st.sampled_from(PEOPLE))
            events.append(
                passed_on(
                    document, kind=step, recipient=recipient, body=body, needs_action=draw(st.booleans())
                )
            )
    return events


@st.composite
def interleaved(draw: st.DrawFn) -> tuple[list[list[DomainEvent]], list[DomainEvent]]:
    tasks = draw(st.integers(min_value=1, max_value=4))
    streams = [draw(task_stream(f"t{n}")) for n in range(tasks)]
    streams += [s for s in (draw(document_stream(d)) for d in DOCS) if s]
    # Any merge of the streams that keeps each stream's own order (as the partitions do).
    cursors = [0] * len(streams)
    merged: list[DomainEvent] = []
    while any(c < len(s) for c, s in zip(cursors, streams, strict=True)):
        ready = [i for i, s in enumerate(streams) if cursors[i] < len(s)]
        pick = draw(st.sampled_from(ready))
        merged.append(streams[pick][cursors[pick]])
        cursors[pick] += 1
    return streams, merged


def _fold(streams: Sequence[Sequence[DomainEvent]]) -> tuple[list[TrackedTask], list[PassedOnDocument]]:
    """The brute force: every stream folded alone, in order, into plain records."""
    tasks: list[TrackedTask] = []
    documents: list[PassedOnDocument] = []
    for stream in streams:
        task: TrackedTask | None = None
        document: PassedOnDocument | None = None
        for event in stream:
            match event:
                case TaskCreated():
                    task = TrackedTask(
                        event.task_id, event.commune_id, event.title, event.lead, tuple(event.coordinators),
                        event.deadline, 1, body_code=event.body_code, document_id=event.document_id,
                    )  # fmt: skip
                case TaskCompleted():
                    task = replace(task, done=True)  # type: ignore[type-var]
                case TaskReopened():
                    task = replace(task, done=False)  # type: ignore[type-var]
                case TaskReassigned():
                    task = replace(task, lead=event.lead, coordinators=tuple(event.coordinators))  # type: ignore[type-var]
                case TaskDeadlineExtended():
                    task = replace(task, deadline=event.deadline, deadline_number=event.deadline_number,  # type: ignore[type-var]
                                   due_soon=False, overdue=False)  # fmt: skip
                case TaskDueSoon() if task is not None and event.deadline_number == task.deadline_number:
                    task = replace(task, due_soon=True)
                case TaskOverdue() if task is not None and event.deadline_number == task.deadline_number:
                    task = replace(task, overdue=True)
                case TaskProgressNoted() if event.percentage is not None:
                    task = replace(task, percentage=event.percentage)  # type: ignore[type-var]
                case DocumentPassedOn():
                    document = PassedOnDocument(
                        event.document_id, event.commune_id, event.body_code, event.recipient_kind,
                        event.recipient, event.passed_on, event.needs_action,
                        document is not None and document.untracked,
                        document.untracked_on if document else None,
                    )  # fmt: skip
                case DocumentUntracked():
                    base = document or PassedOnDocument(event.document_id, event.commune_id, event.body_code)
                    document = replace(
                        base, body_code=event.body_code, untracked=True, untracked_on=event.raised_on
                    )
        if task is not None:
            tasks.append(task)
        if document is not None:
            documents.append(document)
    return tasks, documents


def _expected(streams: Sequence[Sequence[DomainEvent]], commune: str, person: str) -> tuple[WorkBoard, MyDay]:
    tasks, documents = _fold(streams)
    tasked = {t.document_id for t in tasks if t.document_id}
    as_of = AsOf((), RECORDED_AT)
    return (
        work_board(commune, tasks, documents, tasked, as_of),
        my_day(person, tasks, documents, tasked, as_of),
    )


@given(plan=interleaved(), person=st.sampled_from(PEOPLE))
@settings(max_examples=30, deadline=None, database=None)
async def test_any_interleaving_of_the_streams_gives_the_board_of_a_brute_force_fold(
    plan: tuple[list[list[DomainEvent]], list[DomainEvent]], person: str
) -> None:
    streams, merged = plan
    with tempfile.TemporaryDirectory() as folder:
        board = await _open(Path(folder))
        try:
            await board.apply(*merged)
            for commune in (COMMUNE, "16882"):
                expected_board, expected_day = _expected(streams, commune, person)
                shown = await board.reader.work_board(commune)
                assert shown == expected_board
                # A total always equals the sum over its bodies in the same answer.
                assert sum((c for _, c in shown.by_body), Counts()) == shown.totals
            assert await board.reader.my_day(person, None) == expected_day
        finally:
            await board.engine.dispose()


@given(plan=interleaved(), person=st.sampled_from(PEOPLE))
@settings(max_examples=15, deadline=None, database=None)
async def test_any_interleaving_applied_in_one_batch_gives_the_board_of_a_brute_force_fold(
    plan: tuple[list[list[DomainEvent]], list[DomainEvent]], person: str
) -> None:
    streams, merged = plan
    with tempfile.TemporaryDirectory() as folder:
        board = await _open(Path(folder))
        try:
            # A rebuild applies a thousand events at a time: their row changes are batched.
            await board.apply_in_one_batch(*merged)
            for commune in (COMMUNE, "16882"):
                expected_board, expected_day = _expected(streams, commune, person)
                assert await board.reader.work_board(commune) == expected_board
            assert await board.reader.my_day(person, None) == expected_day
        finally:
            await board.engine.dispose()


async def test_a_task_created_again_in_the_same_batch_keeps_the_handlers_it_has(board: Board) -> None:
    first = created("t1", "p-an", coordinators=("p-chi",))
    await board.apply_in_one_batch(first, reassigned("t1", "p-binh"), first)
    await board.apply_in_one_batch(first)

    assert [t.task_id for t in (await board.reader.my_day("p-binh", None)).tasks] == ["t1"]
    assert (await board.reader.my_day("p-an", None)).tasks == ()
    assert (await board.reader.my_day("p-chi", None)).tasks == ()


def test_a_tasks_people_are_found_by_an_index_on_the_task() -> None:
    # Replacing a task's people deletes them by task: without this index each replacement reads the
    # whole table, and a province's year of tasks takes hours to rebuild.
    people = WorkBoardProjection().define_tables(sa.MetaData(), "_g1")[TASK_PEOPLE]

    assert any([c.name for c in index.columns] == ["task_id"] for index in people.indexes)
