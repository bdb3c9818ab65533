"""The deadline watcher on eventcore's in-memory store, with a fake clock and a weekend-only calendar."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

import pytest

from oneoffice.contracts.events import documents as contract
from oneoffice.documents.application.deadline_watcher import DeadlineWatcher
from oneoffice.documents.application.work_streams import Provenance, WorkStreams
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import StoredEvent, decode
from oneoffice.eventcore.memory_store import InMemoryEventStore

from .work_fakes import (
    StoreOpenWork,
    WeekendCalendar,
    append,
    completed,
    extended,
    move_to,
    office_clock,
    passed_on,
    reopened,
    task_created,
)

# Friday 20 March 2026; three working days before it: Tuesday 17 March.
DEADLINE = date(2026, 3, 20)
STREAM = "task:16876:t1"


def watcher_on(store: InMemoryEventStore, clock: FixedClock, due_soon_days: int = 3) -> DeadlineWatcher:
    return DeadlineWatcher(
        WorkStreams(store, event_registry()),
        StoreOpenWork(store),
        clock,
        WeekendCalendar(),
        due_soon_days=due_soon_days,
    )


async def raised(store: InMemoryEventStore, stream: str = STREAM) -> list[tuple[str, int, date]]:
    """(event type, deadline number, raised on) of what the watcher appended to ``stream``."""
    found = []
    for envelope in await store.read_stream(stream):
        if envelope.event_type in (contract.TaskDueSoon.event_type, contract.TaskOverdue.event_type):
            p = envelope.payload
            found.append(
                (envelope.event_type.split(".")[1], p["deadline_number"], date.fromisoformat(p["raised_on"]))
            )
    return found


async def test_a_task_is_due_soon_three_working_days_before_its_deadline_and_overdue_the_day_after() -> None:
    clock = office_clock(date(2026, 3, 13))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE))
    watcher = watcher_on(store, clock)

    seen = []
    for day in range(13, 25):
        move_to(clock, date(2026, 3, day))
        seen.append(await watcher.tick())

    assert await raised(store) == [
        ("TaskDueSoon", 1, date(2026, 3, 17)),
        ("TaskOverdue", 1, date(2026, 3, 21)),
    ]
    assert sum(seen) == 2


async def test_a_weekend_does_not_count_towards_the_working_days_left() -> None:
    # Monday 23 March is the deadline: Thursday 19 March leaves Fri + Mon = 2 working days.
    clock = office_clock(date(2026, 3, 18))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", date(2026, 3, 23)))

    await watcher_on(store, clock, due_soon_days=2).tick()
    assert await raised(store) == []
    move_to(clock, date(2026, 3, 19))
    await watcher_on(store, clock, due_soon_days=2).tick()

    events = await store.read_stream(STREAM)
    assert events[-1].payload["working_days_left"] == 2 and events[-1].actor == "system:deadline-watcher"


async def test_a_direction_recorded_with_its_deadline_already_past_is_overdue_at_once_with_no_due_soon() -> (
    None
):
    clock = office_clock(date(2026, 3, 25))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE))
    watcher = watcher_on(store, clock)

    await watcher.tick()
    await watcher.tick()

    assert await raised(store) == [("TaskOverdue", 1, date(2026, 3, 25))]


async def test_an_extension_starts_a_new_deadline_with_its_own_due_soon_and_overdue() -> None:
    clock = office_clock(date(2026, 3, 21))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE))
    watcher = watcher_on(store, clock)
    await watcher.tick()  # overdue for deadline 1
    await append(store, STREAM, extended("t1", date(2026, 3, 27), 2))

    for day in (23, 24, 25, 28, 30):
        move_to(clock, date(2026, 3, day))
        await watcher.tick()

    assert await raised(store) == [
        ("TaskOverdue", 1, date(2026, 3, 21)),
        ("TaskDueSoon", 2, date(2026, 3, 24)),
        ("TaskOverdue", 2, date(2026, 3, 28)),
    ]


async def test_a_completed_task_raises_nothing_and_reopened_its_current_deadline_counts_again() -> None:
    clock = office_clock(date(2026, 3, 16))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE), completed("t1", date(2026, 3, 16)))
    watcher = watcher_on(store, clock)
    move_to(clock, date(2026, 3, 18))
    await watcher.tick()
    assert await raised(store) == []

    await append(store, STREAM, reopened("t1"))
    await watcher.tick()
    move_to(clock, date(2026, 3, 23))
    await watcher.tick()
    await watcher.tick()

    assert await raised(store) == [
        ("TaskDueSoon", 1, date(2026, 3, 18)),
        ("TaskOverdue", 1, date(2026, 3, 23)),
    ]


async def test_a_crash_between_deciding_and_appending_leaves_nothing_and_the_next_tick_raises_once() -> None:
    clock = office_clock(date(2026, 3, 23))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE))
    crashes = []

    async def crash(stored: Sequence[StoredEvent]) -> None:
        crashes.append([decode(e).event_type for e in stored])
        raise ConnectionResetError("the process died before the commit")

    crashing = watcher_on(store.sharing(before_commit=crash), clock)
    with pytest.raises(ConnectionResetError):
        await crashing.tick()
    assert crashes == [["documents.TaskOverdue"]] and await raised(store) == []

    restarted = watcher_on(store, clock)
    assert await restarted.tick() == 1
    assert await restarted.tick() == 0
    assert await raised(store) == [("TaskOverdue", 1, date(2026, 3, 23))]


async def test_two_replicas_deciding_on_the_same_version_append_the_event_once() -> None:
    clock = office_clock(date(2026, 3, 23))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE))
    first, second = watcher_on(store, clock), watcher_on(store.sharing(), clock)

    # Both load version 1 and decide "overdue"; the store lets one append through.
    task = await WorkStreams(store, event_registry()).load_task("16876", "t1")
    assert task is not None and task.version == 1
    counts = await asyncio.gather(first.tick(), second.tick(), first.tick())

    assert sorted(counts) == [0, 0, 1]
    assert await raised(store) == [("TaskOverdue", 1, date(2026, 3, 23))]


async def test_a_decision_repeated_with_a_used_key_is_refused_by_the_store() -> None:
    clock = office_clock(date(2026, 3, 23))
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", DEADLINE))
    streams = WorkStreams(store, event_registry())
    await watcher_on(store, clock).tick()
    # A stream that lost the event (say it was appended elsewhere first) still cannot take it twice.
    event = contract.TaskOverdue(
        task_id="t1", commune_id="16876", deadline=DEADLINE, deadline_number=1, lead="x", raised_on=DEADLINE
    )
    again = await streams.append_once(
        STREAM, "16876", event, expected_version=2, key="overdue:16876:t1:1", provenance=Provenance("test")
    )
    assert again is False and len(await raised(store)) == 1


async def test_a_document_needing_action_with_no_task_after_its_passing_on_deadline_is_untracked_once() -> (
    None
):
    clock = office_clock(date(2026, 3, 16))
    store = InMemoryEventStore(clock)
    await append(store, "incoming-document:16876:d1", passed_on("d1", date(2026, 3, 16)))
    await append(store, "incoming-document:16876:d2", passed_on("d2", date(2026, 3, 16)))
    await append(store, "incoming-document:16876:d3", passed_on("d3", date(2026, 3, 16), needs_action=False))
    await append(store, "task:16876:t2", task_created("t2", DEADLINE, document_id="d2"))
    watcher = watcher_on(store, clock)

    assert await watcher.tick() == 0  # the passing-on deadline is today: not yet
    move_to(clock, date(2026, 3, 17))
    await watcher.tick()
    await watcher.tick()

    untracked = [
        (e.stream_id, e.payload["raised_on"])
        for stored in await store.read_all()
        if (e := decode(stored)).event_type == contract.DocumentUntracked.event_type
    ]
    assert untracked == [("incoming-document:16876:d1", "2026-03-17")]


async def test_the_untracked_check_waits_until_the_open_work_read_model_has_caught_up() -> None:
    clock = office_clock(date(2026, 3, 17))
    store = InMemoryEventStore(clock)
    await append(store, "incoming-document:16876:d1", passed_on("d1", date(2026, 3, 16)))
    behind = True

    async def caught_up() -> bool:
        return not behind

    watcher = DeadlineWatcher(
        WorkStreams(store, event_registry()),
        StoreOpenWork(store),
        clock,
        WeekendCalendar(),
        caught_up=caught_up,
    )
    assert await watcher.tick() == 0
    behind = False
    assert await watcher.tick() == 1
