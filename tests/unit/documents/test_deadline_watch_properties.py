"""For any sequence of task events and clock moves, each deadline yields at most one due-soon and at most
one overdue event, and exactly one overdue when the task stays open past it (issue #12).

Two watchers (replicas) tick on one in-memory store, sometimes together; the calendar knows weekends.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.contracts.events import documents as contract
from oneoffice.documents.application.work_streams import fold_task
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.memory_store import InMemoryEventStore

from .test_deadline_watcher import watcher_on
from .work_fakes import (
    WeekendCalendar,
    append,
    completed,
    extended,
    move_to,
    office_clock,
    reopened,
    task_created,
)

START = date(2026, 12, 21)  # over a year end
STREAM = "task:16876:t1"

steps = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.integers(0, 6)),
        st.tuples(st.just("extend"), st.integers(-3, 12)),
        st.tuples(st.just("complete"), st.just(0)),
        st.tuples(st.just("reopen"), st.just(0)),
        st.tuples(st.just("tick"), st.integers(0, 2)),
    ),
    max_size=25,
)


async def run(first_deadline: int, due_soon_days: int, plan: list[tuple[str, int]]) -> dict[str, Any]:
    clock = office_clock(START)
    store = InMemoryEventStore(clock)
    await append(store, STREAM, task_created("t1", START + timedelta(days=first_deadline)))
    replicas = [watcher_on(store, clock, due_soon_days), watcher_on(store.sharing(), clock, due_soon_days)]
    today, number, is_open = START, 1, True
    for action, n in plan:
        if action == "wait":
            today += timedelta(days=n)
            move_to(clock, today)
        elif action == "extend":
            number += 1
            await append(store, STREAM, extended("t1", today + timedelta(days=n), number))
        elif action == "complete" and is_open:
            is_open = False
            await append(store, STREAM, completed("t1", today))
        elif action == "reopen" and not is_open:
            is_open = True
            await append(store, STREAM, reopened("t1"))
        elif action == "tick":
            # 0: the first replica; 1: the second; 2: both at once.
            ticking = replicas if n == 2 else [replicas[n]]
            await asyncio.gather(*(replica.tick() for replica in ticking))
    # The watcher runs at least once more at the end of the story.
    await replicas[0].tick()
    envelopes = await store.read_stream(STREAM)
    registry = event_registry()
    events = [registry.decode(e.event_type, e.schema_version, e.payload) for e in envelopes]
    return {"events": events, "today": today, "task": fold_task(events)}


@settings(max_examples=150, deadline=None)
@given(st.integers(-5, 20), st.integers(0, 5), steps)
def test_each_deadline_yields_at_most_one_due_soon_and_one_overdue_and_one_overdue_if_left_open_past_it(
    first_deadline: int, due_soon_days: int, plan: list[tuple[str, int]]
) -> None:
    outcome = asyncio.run(run(first_deadline, due_soon_days, plan))
    events, today, task = outcome["events"], outcome["today"], outcome["task"]
    raised = Counter(
        (type(e).__name__, e.deadline_number)
        for e in events
        if isinstance(e, contract.TaskDueSoon | contract.TaskOverdue)
    )
    assert all(count == 1 for count in raised.values()), raised
    assert task is not None
    if task.open and today > task.deadline:
        assert raised[("TaskOverdue", task.deadline_number)] == 1
    # Never "due soon" after "overdue" for one deadline; only within the window, on working-day count.
    calendar = WeekendCalendar()
    overdue_seen: set[int] = set()
    for e in events:
        if isinstance(e, contract.TaskOverdue):
            assert e.raised_on > e.deadline
            overdue_seen.add(e.deadline_number)
        elif isinstance(e, contract.TaskDueSoon):
            assert e.deadline_number not in overdue_seen
            assert e.raised_on <= e.deadline
            assert (
                e.working_days_left == calendar.working_days_between(e.raised_on, e.deadline) <= due_soon_days
            )
