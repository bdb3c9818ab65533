"""Turns time into events: ``TaskDueSoon``, ``TaskOverdue`` and ``DocumentUntracked``, each exactly once.

Each tick takes the office day from the clock (Vietnam's calendar day), asks the open-work read
model which tasks and passings-on may have something due, and for each one loads its stream, lets
the domain decide (:func:`~..domain.deadline_watch.due_event`) and appends what it decided with the
version it loaded and a deterministic key (see :mod:`.work_streams`). The read model only narrows
the search; the stream decides: a read model behind by a few events makes a tick find nothing to
do, never raise twice. Keys: ``due-soon|overdue:<commune>:<task>:<deadline number>`` and
``untracked:<commune>:<document>``.

A document counts as having a task when the open-work read model has seen a ``TaskCreated`` naming
it; the untracked check runs only when that read model has caught up with the store (given
``caught_up``), so a task created a moment before is seen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import structlog

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.deadline_watch import (
    DEFAULT_DUE_SOON_DAYS,
    DueSoon,
    Overdue,
    TaskWatch,
    WorkingDays,
    due_event,
    is_untracked,
)
from ..domain.values import office_day
from .work_streams import Provenance, WorkStreams, document_stream, task_stream

__all__ = ["DeadlineWatcher", "OpenWork", "TaskRef", "WatchedDocument", "WorkingDays"]

log = structlog.get_logger("oneoffice.documents.deadline_watcher")

WATCHER = Provenance(actor="system:deadline-watcher")


@dataclass(frozen=True, slots=True)
class TaskRef:
    commune_id: str
    task_id: str


@dataclass(frozen=True, slots=True)
class WatchedDocument:
    commune_id: str
    document_id: str


class OpenWork(Protocol):
    """The open-work read model, as the watcher and the coverage reaction ask it."""

    async def tasks_to_watch(self, deadline_until: date) -> list[TaskRef]:
        """Open tasks whose current deadline, not raised overdue yet, is on or before ``deadline_until``."""
        ...

    async def documents_to_watch(self, today: date) -> list[WatchedDocument]:
        """Passings-on needing action, with no task and not raised, whose deadline ended before ``today``."""
        ...

    async def has_task(self, commune_id: str, document_id: str) -> bool: ...

    async def open_tasks_led_by(self, commune_id: str, person: str) -> list[TaskRef]: ...

    async def tasks_moved_by(self, commune_id: str, absence_id: str) -> list[TaskRef]:
        """Open tasks an absence's coverage moved away from their lead (still away)."""
        ...


Raised = Callable[[str], None]
"""Told the event type of each event a tick raised (the metric)."""


class DeadlineWatcher:
    def __init__(
        self,
        streams: WorkStreams,
        open_work: OpenWork,
        clock: Clock,
        calendar: WorkingDays,
        *,
        due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
        on_raised: Raised | None = None,
        caught_up: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        """``caught_up``: whether the open-work read model has applied everything in the store; the
        untracked check waits for it (a task created a moment ago must be seen)."""
        if due_soon_days < 0:
            raise ValueError("due_soon_days must be >= 0")
        self._streams = streams
        self._open_work = open_work
        self._clock = clock
        self._calendar = calendar
        self._due_soon_days = due_soon_days
        self._on_raised = on_raised
        self._caught_up = caught_up

    def today(self) -> date:
        return office_day(self._clock.now())

    async def tick(self) -> int:
        """Raise what is due today; how many events this tick appended."""
        today = self.today()
        raised = 0
        # Nothing can be due for a deadline further away than the due-soon window.
        until = self._calendar.add_working_days(today, self._due_soon_days)
        for ref in await self._open_work.tasks_to_watch(until):
            raised += await self.watch_task(ref, today)
        if self._caught_up is not None and not await self._caught_up():
            return raised
        for document in await self._open_work.documents_to_watch(today):
            raised += await self.watch_document(document, today)
        return raised

    async def watch_task(self, ref: TaskRef, today: date) -> int:
        async def attempt() -> int:
            task = await self._streams.load_task(ref.commune_id, ref.task_id)
            if task is None:
                return 0
            decided = due_event(task, today, self._calendar, self._due_soon_days)
            if decided is None:
                return 0
            event = _contract_event(task, decided)
            kind = "overdue" if isinstance(decided, Overdue) else "due-soon"
            appended = await self._streams.append_once(
                task_stream(task.commune_id, task.task_id),
                task.commune_id,
                event,
                expected_version=task.version,
                key=f"{kind}:{task.commune_id}:{task.task_id}:{decided.deadline_number}",
                provenance=WATCHER,
            )
            return self._told(event.event_type) if appended else 0

        return await retry_on_conflict(attempt, attempts=10)

    async def watch_document(self, ref: WatchedDocument, today: date) -> int:
        async def attempt() -> int:
            watch = await self._streams.load_passing_on(ref.commune_id, ref.document_id)
            if watch is None:
                return 0
            has_task = await self._open_work.has_task(ref.commune_id, ref.document_id)
            if not is_untracked(watch, today, has_task):
                return 0
            event = contract.DocumentUntracked(
                document_id=watch.document_id,
                commune_id=watch.commune_id,
                body_code=watch.body_code,
                passing_on_deadline=watch.passing_on_deadline,
                raised_on=today,
            )
            appended = await self._streams.append_once(
                document_stream(watch.commune_id, watch.document_id),
                watch.commune_id,
                event,
                expected_version=watch.version,
                key=f"untracked:{watch.commune_id}:{watch.document_id}",
                provenance=WATCHER,
            )
            return self._told(event.event_type) if appended else 0

        return await retry_on_conflict(attempt, attempts=10)

    def _told(self, event_type: str) -> int:
        log.info("work_event_raised", event_type=event_type)
        if self._on_raised is not None:
            self._on_raised(event_type)
        return 1


def _contract_event(
    task: TaskWatch, decided: DueSoon | Overdue
) -> contract.TaskDueSoon | contract.TaskOverdue:
    if isinstance(decided, Overdue):
        return contract.TaskOverdue(
            task_id=task.task_id,
            commune_id=task.commune_id,
            deadline=decided.deadline,
            deadline_number=decided.deadline_number,
            lead=decided.lead,
            raised_on=decided.raised_on,
        )
    return contract.TaskDueSoon(
        task_id=task.task_id,
        commune_id=task.commune_id,
        deadline=decided.deadline,
        deadline_number=decided.deadline_number,
        lead=decided.lead,
        working_days_left=decided.working_days_left,
        raised_on=decided.raised_on,
    )
