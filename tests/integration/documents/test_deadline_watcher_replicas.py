"""The deadline watcher with two replicas on one PostgreSQL database: each event exactly once.

Two documents services bootstrapped on the same database share a fake clock and tick concurrently
(their loops every few milliseconds, and by hand, together); one restarts; a third watcher's appends
fail inside the transaction (a crash between deciding and committing). Tasks are built by appending the
contract events to the store, as the commands of another part would.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import date
from typing import Any

import pytest

from oneoffice.contracts.events import documents as contract
from oneoffice.documents.application.deadline_watcher import DeadlineWatcher
from oneoffice.documents.application.work_streams import WorkStreams
from oneoffice.documents.bootstrap import DocumentsContainer, bootstrap, event_registry
from oneoffice.documents.config import Settings
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Metadata, StoredEvent, decode
from oneoffice.eventcore.errors import SubscriptionMustHalt
from oneoffice.eventcore.store import EventStore
from tests.known_units import KnownUnits
from tests.unit.documents.work_fakes import (
    WeekendCalendar,
    extended,
    move_to,
    office_clock,
    passed_on,
    task_created,
)

from .conftest import eventually

pytestmark = pytest.mark.integration

COMMUNE = "16876"
DEADLINE = date(2026, 3, 20)  # a Friday
RAISED = {
    contract.TaskDueSoon.event_type,
    contract.TaskOverdue.event_type,
    contract.DocumentUntracked.event_type,
}


class Crash(Exception):
    """The process dies inside the append's transaction (the store does not retry it)."""


Start = Callable[[], Awaitable[DocumentsContainer]]


@pytest.fixture
def clock() -> FixedClock:
    return office_clock(date(2026, 3, 13))


@pytest.fixture
async def start_replica(pg_url: str, clock: FixedClock) -> AsyncIterator[Start]:
    started: list[DocumentsContainer] = []

    async def start() -> DocumentsContainer:
        container = await bootstrap(
            Settings(database_url=pg_url, grpc_port=0, watch_tick_seconds=0.02),
            clock=clock,
            units=KnownUnits.test_communes(),
            working_days=WeekendCalendar(),
        )
        started.append(container)
        return container

    yield start
    for container in reversed(started):
        await container.aclose()


async def append(store: EventStore, stream_id: str, *events: Any) -> None:
    await store.append(
        stream_id, COMMUNE, list(events), expected_version=None, metadata=Metadata("test", "test")
    )


async def raised(store: EventStore) -> Counter[tuple[str, str, int]]:
    """(stream, event type, deadline number) of every event the watcher raised, counted."""
    found: Counter[tuple[str, str, int]] = Counter()
    for stored in await store.read_all(0, 100_000):
        e = decode(stored)
        if e.event_type in RAISED:
            found[(e.stream_id, e.event_type.split(".")[1], e.payload.get("deadline_number", 0))] += 1
    return found


async def test_two_replicas_ticking_together_across_deadlines_and_a_restart_raise_each_event_once(
    start_replica: Start, clock: FixedClock
) -> None:
    first, second = await start_replica(), await start_replica()
    store = first.store
    for n in range(1, 6):
        await append(store, f"task:{COMMUNE}:t{n}", task_created(f"t{n}", DEADLINE))
    await append(store, f"incoming-document:{COMMUNE}:d1", passed_on("d1", date(2026, 3, 13)))
    await append(store, f"task:{COMMUNE}:late", task_created("late", date(2026, 3, 2)))
    tasks = [f"task:{COMMUNE}:t{n}" for n in range(1, 6)]

    async def settled(expected: Counter[tuple[str, str, int]]) -> None:
        assert await raised(store) == expected

    # Friday 13th: only the late direction is overdue at once (its deadline is past).
    expected = Counter({(f"task:{COMMUNE}:late", "TaskOverdue", 1): 1})
    await eventually(lambda: settled(expected), within=20)

    for day in (16, 17, 18):
        move_to(clock, date(2026, 3, day))
        await asyncio.gather(
            *(r.work_watch.watcher.tick() for r in (first, second) for _ in range(3) if r.work_watch)
        )
    expected += Counter({(stream, "TaskDueSoon", 1): 1 for stream in tasks})
    expected[(f"incoming-document:{COMMUNE}:d1", "DocumentUntracked", 0)] = 1
    await eventually(lambda: settled(expected), within=20)

    # The second replica restarts; the deadline passes; a task is extended meanwhile.
    await second.aclose()
    await append(store, tasks[0], extended("t1", date(2026, 3, 27), 2))
    second = await start_replica()
    for day in (21, 23, 24, 25, 28):
        move_to(clock, date(2026, 3, day))
        await asyncio.gather(
            *(r.work_watch.watcher.tick() for r in (first, second) for _ in range(3) if r.work_watch)
        )
    expected += Counter({(stream, "TaskOverdue", 1): 1 for stream in tasks[1:]})
    expected += Counter({(tasks[0], "TaskDueSoon", 2): 1, (tasks[0], "TaskOverdue", 2): 1})
    await eventually(lambda: settled(expected), within=20)
    await asyncio.sleep(0.3)  # the loops keep ticking: still nothing more
    assert await raised(store) == expected

    assert first.work_watch is not None
    rows = {row["task_id"]: row["state"] for row in await first.work_watch.open_work.task_rows(COMMUNE)}
    assert rows == {
        "t1": "overdue",
        "t2": "overdue",
        "t3": "overdue",
        "t4": "overdue",
        "t5": "overdue",
        "late": "overdue",
    }


async def test_a_crash_between_deciding_and_appending_writes_nothing_and_the_event_comes_once_after(
    start_replica: Start, clock: FixedClock
) -> None:
    replica = await start_replica()
    assert replica.work_watch is not None
    # The loops are stopped: this test ticks by hand.
    for loop in (replica.work_watch.watcher_loop, replica.work_watch.coverage_loop):
        assert loop is not None
        await loop.stop()
    await append(replica.store, f"task:{COMMUNE}:t1", task_created("t1", DEADLINE))
    move_to(clock, date(2026, 3, 23))
    decided: list[list[str]] = []

    async def crash(stored: Sequence[StoredEvent]) -> None:
        decided.append([decode(e).event_type for e in stored])
        raise Crash("the process died before the commit")

    crashing_store = EventStore(replica.engine, clock, before_commit=crash)

    async def seen() -> None:
        assert replica.work_watch is not None and await replica.work_watch.open_work.tasks_to_watch(
            date(2026, 3, 23)
        )

    await eventually(seen)
    crashing = DeadlineWatcher(
        WorkStreams(crashing_store, event_registry()), replica.work_watch.open_work, clock, WeekendCalendar()
    )
    with pytest.raises(Crash):
        await crashing.tick()
    assert decided == [[contract.TaskOverdue.event_type]]
    assert await raised(replica.store) == Counter()

    assert await replica.work_watch.watcher.tick() == 1
    assert await crashing.tick() == 0 and len(decided) == 1  # it finds the event there: nothing to decide
    assert await replica.work_watch.watcher.tick() == 0
    assert await raised(replica.store) == Counter({(f"task:{COMMUNE}:t1", "TaskOverdue", 1): 1})


async def test_the_watcher_counts_what_it_raised_and_halts_for_readiness_when_its_read_model_halted(
    start_replica: Start, clock: FixedClock
) -> None:
    replica = await start_replica()
    assert replica.work_watch is not None and replica.work_watch.watcher_loop is not None
    await append(replica.store, f"task:{COMMUNE}:t1", task_created("t1", date(2026, 3, 2)))

    def overdue_raised() -> float | None:
        labels = {"service": "documents", "event_type": contract.TaskOverdue.event_type}
        return replica.telemetry.registry.get_sample_value("oneoffice_work_events_raised_total", labels)

    async def counted() -> None:
        assert overdue_raised() == 1

    await eventually(counted, within=20)
    assert replica.telemetry.halts.halted == {}

    replica.work_watch.subscription.halted = SubscriptionMustHalt(
        "the store was replaced", reason="epoch_changed"
    )
    replica.work_watch.watcher_loop.notify()

    async def halted() -> None:
        assert replica.telemetry.halts.halted.get("documents.deadline_watcher") == "read_model_halted"

    await eventually(halted)
    assert not replica.work_watch.watcher_loop.running
