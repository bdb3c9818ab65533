"""What the deadline watcher and the coverage reaction know of one task: its stream, folded.

Pure: no clock, no store. The watcher folds a task's events into a :class:`TaskWatch` and asks
:func:`due_events` what time makes of it today; the stream itself remembers what was raised, so a
decision made twice (a restart, a second replica, a retry after a crash) finds its event already there.

Rules (issue #12, "Time as events, exactly once"):

- deadlines are numbered (1, then one more per extension); each number yields at most one
  ``TaskDueSoon`` and at most one ``TaskOverdue``;
- ``TaskOverdue`` when the office day is after the current deadline and the task is open;
- ``TaskDueSoon`` when the task is open, the deadline not passed, and at most ``due_soon_days``
  working days are left (working days after today up to and including the deadline);
- a deadline already past when first seen (a direction recorded late, a watcher that was away)
  yields only ``TaskOverdue``: "due soon" about a deadline already missed would tell nothing, so a
  deadline found overdue never gets a due-soon afterwards;
- a completed task yields nothing; reopened, its current deadline counts again (events already
  raised for that number are not raised again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

DEFAULT_DUE_SOON_DAYS = 3


class WorkingDays(Protocol):
    """The office's working-day calendar (weekends, public holidays, compensatory days off)."""

    def working_days_between(self, a: date, b: date) -> int:
        """How many working days lie after ``a`` up to and including ``b`` (0 when ``b <= a``)."""
        ...

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d``."""
        ...

    def is_working_day(self, d: date) -> bool: ...


@dataclass(frozen=True, slots=True)
class DueSoon:
    """Raise ``TaskDueSoon`` for deadline ``deadline_number``."""

    deadline: date
    deadline_number: int
    lead: str
    working_days_left: int
    raised_on: date


@dataclass(frozen=True, slots=True)
class Overdue:
    """Raise ``TaskOverdue`` for deadline ``deadline_number``."""

    deadline: date
    deadline_number: int
    lead: str
    raised_on: date


@dataclass(slots=True)
class TaskWatch:
    """One task as its stream tells it (``version``: how many events of the stream were folded)."""

    task_id: str
    commune_id: str
    lead: str
    coordinators: list[str]
    deadline: date
    deadline_number: int = 1
    open: bool = True
    due_soon_raised: set[int] = field(default_factory=set)
    overdue_raised: set[int] = field(default_factory=set)
    # The absence whose coverage moved the task, and the lead it returns to when the absence ends.
    moved_by_absence: str | None = None
    returns_to: str | None = None
    version: int = 0

    def extended(self, deadline: date, number: int) -> None:
        self.deadline, self.deadline_number = deadline, number

    def completed(self) -> None:
        self.open = False

    def reopened(self) -> None:
        self.open = True

    def reassigned(self, lead: str, coordinators: list[str], absence_id: str | None, returning: bool) -> None:
        if absence_id is not None and not returning:
            if self.moved_by_absence is None:
                # The first move of an absence remembers whom the task returns to; an escalation of
                # the same absence moves it on and keeps that.
                self.moved_by_absence, self.returns_to = absence_id, self.lead
        else:
            # A leader's decision, or the return: the task is no longer away with an absence.
            self.moved_by_absence, self.returns_to = None, None
        self.lead, self.coordinators = lead, list(coordinators)

    def due_soon(self, number: int) -> None:
        self.due_soon_raised.add(number)

    def overdue(self, number: int) -> None:
        self.overdue_raised.add(number)


def due_event(
    task: TaskWatch, today: date, calendar: WorkingDays, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> DueSoon | Overdue | None:
    """What time raises for ``task`` on ``today``, if anything (at most one event per call)."""
    number = task.deadline_number
    if not task.open or number in task.overdue_raised:
        return None
    if today > task.deadline:
        return Overdue(task.deadline, number, task.lead, today)
    if number in task.due_soon_raised:
        return None
    left = calendar.working_days_between(today, task.deadline)
    if left > due_soon_days:
        return None
    return DueSoon(task.deadline, number, task.lead, left, today)


@dataclass(slots=True)
class PassingOnWatch:
    """An incoming document's first passing-on that needs action, as its stream tells it."""

    document_id: str
    commune_id: str
    body_code: str
    passing_on_deadline: date
    untracked_raised: bool = False
    version: int = 0


def is_untracked(document: PassingOnWatch, today: date, has_task: bool) -> bool:
    """Raise ``DocumentUntracked``: the passing-on deadline has ended with no task for the document."""
    return not has_task and not document.untracked_raised and today > document.passing_on_deadline
