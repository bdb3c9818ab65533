"""Hand-written fakes and builders for the deadline watcher and the coverage reaction.

Tasks are built by appending the contract events directly to eventcore's in-memory store (the commands
that create them are another part's); :class:`StoreOpenWork` answers the ``OpenWork`` questions by
reading the whole store, so it is never behind.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from oneoffice.contracts.events import documents as contract
from oneoffice.documents.application.deadline_watcher import TaskRef, WatchedDocument
from oneoffice.documents.application.work_streams import fold_passing_on, fold_task
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Metadata, decode
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.memory_store import InMemoryEventStore

COMMUNE = "16876"
LEAD = "demo-16876-vpdu"
BACKUP = "demo-16876-pbt"
TEAM_LEAD = "demo-16876-vptk"


class WeekendCalendar:
    """Working days are Monday to Friday; nothing else is known."""

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5

    def working_days_between(self, a: date, b: date) -> int:
        count, d = 0, a
        while d < b:
            d += timedelta(days=1)
            count += self.is_working_day(d)
        return count

    def add_working_days(self, d: date, n: int) -> date:
        while n > 0:
            d += timedelta(days=1)
            n -= self.is_working_day(d)
        return d


def office_clock(day: date) -> FixedClock:
    """A clock at 09:00 in Vietnam (02:00 UTC) on ``day``."""
    return FixedClock(datetime.combine(day, time(2, 0), tzinfo=UTC))


def move_to(clock: FixedClock, day: date) -> None:
    clock.advance(datetime.combine(day, time(2, 0), tzinfo=UTC) - clock.now())


class StoreOpenWork:
    """The ``OpenWork`` port answered from every event in the store (never behind)."""

    def __init__(self, store: InMemoryEventStore) -> None:
        self._store = store
        self._registry = event_registry()

    async def _streams(self, prefix: str) -> dict[str, list[DomainEvent]]:
        streams: dict[str, list[DomainEvent]] = defaultdict(list)
        for stored in await self._store.read_all(0, 1_000_000):
            e = decode(stored)
            if e.stream_id.startswith(prefix):
                streams[e.stream_id].append(self._registry.decode(e.event_type, e.schema_version, e.payload))
        return streams

    async def _tasks(self) -> list[Any]:
        return [t for events in (await self._streams("task:")).values() if (t := fold_task(events))]

    async def tasks_to_watch(self, deadline_until: date) -> list[TaskRef]:
        return [TaskRef(t.commune_id, t.task_id) for t in await self._tasks() if t.open]

    async def documents_to_watch(self, today: date) -> list[WatchedDocument]:
        found = []
        for events in (await self._streams("incoming-document:")).values():
            watch = fold_passing_on(events)
            if watch is not None:
                found.append(WatchedDocument(watch.commune_id, watch.document_id))
        return found

    async def has_task(self, commune_id: str, document_id: str) -> bool:
        for events in (await self._streams("task:")).values():
            created = events[0]
            if isinstance(created, contract.TaskCreated) and created.document_id == document_id:
                return True
        return False

    async def open_tasks_led_by(self, commune_id: str, person: str) -> list[TaskRef]:
        return [
            TaskRef(t.commune_id, t.task_id)
            for t in await self._tasks()
            if t.open and t.commune_id == commune_id and t.lead == person
        ]

    async def tasks_moved_by(self, commune_id: str, absence_id: str) -> list[TaskRef]:
        return [
            TaskRef(t.commune_id, t.task_id)
            for t in await self._tasks()
            if t.open and t.commune_id == commune_id and t.moved_by_absence == absence_id
        ]


async def append(store: Any, stream_id: str, *events: DomainEvent, causation_id: str | None = None) -> None:
    await store.append(
        stream_id,
        COMMUNE,
        list(events),
        expected_version=None,
        metadata=Metadata(actor="test", correlation_id="test", causation_id=causation_id),
    )


def task_created(task_id: str, deadline: date, **changes: Any) -> contract.TaskCreated:
    fields: dict[str, Any] = {
        "task_id": task_id,
        "commune_id": COMMUNE,
        "title": "Báo cáo kết quả kiện toàn bộ máy",
        "lead": LEAD,
        "coordinators": [BACKUP],
        "deadline": deadline,
        "directed_by": "lanhdao-16876",
        "directed_on": date(2026, 3, 2),
    }
    fields.update(changes)
    return contract.TaskCreated(**fields)


def extended(task_id: str, deadline: date, number: int) -> contract.TaskDeadlineExtended:
    return contract.TaskDeadlineExtended(
        task_id=task_id,
        commune_id=COMMUNE,
        deadline=deadline,
        deadline_number=number,
        reason="Chờ ý kiến sở",
        extended_by="lanhdao-16876",
    )


def completed(task_id: str, on: date) -> contract.TaskCompleted:
    return contract.TaskCompleted(
        task_id=task_id, commune_id=COMMUNE, result="Đã báo cáo", completed_on=on, completed_by="canbo-16876"
    )


def reopened(task_id: str) -> contract.TaskReopened:
    return contract.TaskReopened(
        task_id=task_id, commune_id=COMMUNE, reason="Thiếu số liệu", reopened_by="lanhdao"
    )


def passed_on(document_id: str, deadline: date, *, needs_action: bool = True) -> contract.DocumentPassedOn:
    return contract.DocumentPassedOn(
        document_id=document_id,
        commune_id=COMMUNE,
        body_code="UBND",
        recipient_kind="leader",
        recipient="demo-16876-ct",
        passed_on=deadline,
        passing_on_deadline=deadline,
        late=False,
        needs_action=needs_action,
        passed_on_by="vanthu-16876",
    )
