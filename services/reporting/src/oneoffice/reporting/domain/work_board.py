"""The boards of tracked work (#12): a commune's work-board and a person's day, from tracked tasks
and passed-on documents, as the work-board projection holds them.

Pure functions of the rows: the projection stores each task's and document's state, and these
functions count and list them. What depends on two streams (a document has a task when a task names
it) is decided here, at read time, so the order in which two streams' events arrive never matters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

TaskState = Literal["open", "due_soon", "overdue", "done"]
NO_BODY = ""  # the key of work for no particular body


@dataclass(frozen=True, slots=True)
class TrackedTask:
    """A task (việc) as its events leave it; ``due_soon``/``overdue``: raised for its current deadline."""

    task_id: str
    commune_id: str
    title: str
    lead: str
    coordinators: tuple[str, ...]
    deadline: date
    deadline_number: int
    done: bool = False
    due_soon: bool = False
    overdue: bool = False
    body_code: str | None = None
    document_id: str | None = None
    percentage: int | None = None

    @property
    def state(self) -> TaskState:
        if self.done:
            return "done"
        if self.overdue:
            return "overdue"
        if self.due_soon:
            return "due_soon"
        return "open"


@dataclass(frozen=True, slots=True)
class PassedOnDocument:
    """An incoming document passed on (its latest passing-on) or raised as untracked, or both."""

    document_id: str
    commune_id: str
    body_code: str
    recipient_kind: str | None = None  # leader, body, person (None: only the untracked event seen)
    recipient: str | None = None
    passed_on: date | None = None
    needs_action: bool = False
    untracked: bool = False
    untracked_on: date | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    open: int = 0  # every task not done (due soon and overdue included)
    due_soon: int = 0
    overdue: int = 0
    untracked: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.open + other.open,
            self.due_soon + other.due_soon,
            self.overdue + other.overdue,
            self.untracked + other.untracked,
        )


@dataclass(frozen=True, slots=True)
class Position:
    """How far the projection has read one partition of a source: the next offset to apply."""

    source: str
    partition: int
    next_offset: int


@dataclass(frozen=True, slots=True)
class AsOf:
    """What an answer reflects: the positions the projection had applied, read in the same snapshot."""

    positions: tuple[Position, ...]
    read_at: datetime


@dataclass(frozen=True, slots=True)
class WorkBoard:
    commune_id: str
    totals: Counts
    by_handler: tuple[tuple[str, Counts], ...]
    by_body: tuple[tuple[str, Counts], ...]
    tasks: tuple[TrackedTask, ...]  # open tasks, overdue first, then by deadline
    untracked: tuple[PassedOnDocument, ...]
    as_of: AsOf


@dataclass(frozen=True, slots=True)
class MyDay:
    person_id: str
    tasks: tuple[TrackedTask, ...]  # open tasks the person leads or coordinates
    waiting_for_direction: tuple[PassedOnDocument, ...]
    as_of: AsOf
    due_soon: tuple[TrackedTask, ...] = field(default=())
    overdue: tuple[TrackedTask, ...] = field(default=())


def _order(task: TrackedTask) -> tuple[int, date, str]:
    rank = {"overdue": 0, "due_soon": 1, "open": 2, "done": 3}[task.state]
    return rank, task.deadline, task.task_id


def _task_counts(task: TrackedTask) -> Counts:
    if task.done:
        return Counts()
    return Counts(1, int(task.state == "due_soon"), int(task.state == "overdue"), 0)


def is_untracked(document: PassedOnDocument, tasked: Iterable[str]) -> bool:
    """Raised as untracked and still without any task naming it."""
    return document.untracked and document.document_id not in set(tasked)


def work_board(
    commune_id: str,
    tasks: Iterable[TrackedTask],
    documents: Iterable[PassedOnDocument],
    tasked_documents: Iterable[str],
    as_of: AsOf,
) -> WorkBoard:
    """The board of one commune: totals, per lead handler, per body, the open tasks and untracked
    documents. An untracked document counts for the person it was passed on to (a leader or a
    person), and for its body; the totals always equal the sum over bodies."""
    tasked = set(tasked_documents)
    mine = [t for t in tasks if t.commune_id == commune_id]
    untracked = sorted(
        (d for d in documents if d.commune_id == commune_id and is_untracked(d, tasked)),
        key=lambda d: d.document_id,
    )
    by_handler: dict[str, Counts] = defaultdict(Counts)
    by_body: dict[str, Counts] = defaultdict(Counts)
    totals = Counts()
    for task in mine:
        counts = _task_counts(task)
        if counts == Counts():
            continue
        totals += counts
        by_handler[task.lead] += counts
        by_body[task.body_code or NO_BODY] += counts
    for document in untracked:
        one = Counts(untracked=1)
        totals += one
        by_body[document.body_code] += one
        if document.recipient_kind in ("leader", "person") and document.recipient:
            by_handler[document.recipient] += one
    return WorkBoard(
        commune_id=commune_id,
        totals=totals,
        by_handler=_sorted(by_handler),
        by_body=_sorted(by_body),
        tasks=tuple(sorted((t for t in mine if not t.done), key=_order)),
        untracked=tuple(untracked),
        as_of=as_of,
    )


def my_day(
    person_id: str,
    tasks: Iterable[TrackedTask],
    documents: Iterable[PassedOnDocument],
    tasked_documents: Iterable[str],
    as_of: AsOf,
) -> MyDay:
    """A person's day: the open tasks they lead or coordinate (overdue first), and the documents
    passed on to them as a leader, needing action, that no task names yet (waiting for a direction)."""
    tasked = set(tasked_documents)
    open_tasks = tuple(
        sorted(
            (t for t in tasks if not t.done and (t.lead == person_id or person_id in t.coordinators)),
            key=_order,
        )
    )
    waiting = tuple(
        sorted(
            (
                d
                for d in documents
                if d.recipient_kind == "leader"
                and d.recipient == person_id
                and d.needs_action
                and d.document_id not in tasked
            ),
            key=lambda d: (d.passed_on or date.min, d.document_id),
        )
    )
    return MyDay(
        person_id=person_id,
        tasks=open_tasks,
        waiting_for_direction=waiting,
        as_of=as_of,
        due_soon=tuple(t for t in open_tasks if t.state == "due_soon"),
        overdue=tuple(t for t in open_tasks if t.state == "overdue"),
    )


def _sorted(counts: Mapping[str, Counts]) -> tuple[tuple[str, Counts], ...]:
    return tuple(sorted(counts.items()))
