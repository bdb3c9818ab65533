"""Per-commune KPIs of a period (#13): documents in and out, days from arrival to direction and to
completion (median, 90th percentile), on-time rate, overdue count, coverage events, figures in conflict.

Pure functions of the facts the dashboard projection holds. A :class:`Tally` keeps the raw durations,
so a total is the tally of its communes added up: its counts are always the sums of theirs, and its
percentiles are those of the pooled durations (never an average of medians).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class DocumentFact:
    document_id: str
    commune_id: str
    direction: str  # "in" (registered incoming) or "out" (numbered outgoing)
    arrived_on: date  # received (in) or issued (out)


@dataclass(frozen=True, slots=True)
class TaskFact:
    task_id: str
    commune_id: str
    lead: str
    directed_on: date
    deadline: date
    document_id: str | None = None
    body_code: str | None = None
    done: bool = False
    completed_on: date | None = None
    overdue_on: date | None = None  # raised for the current deadline


@dataclass(frozen=True, slots=True)
class CoverageFact:
    coverage_id: str
    commune_id: str
    on: date


@dataclass(frozen=True, slots=True)
class ConflictFact:
    conflict_id: str
    commune_id: str
    period: str
    raised_at: datetime
    adopted_at: datetime | None = None

    def open_at(self, moment: datetime) -> bool:
        return self.raised_at <= moment and (self.adopted_at is None or moment < self.adopted_at)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's ``percentile_cont``); None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(slots=True)
class Tally:
    documents_in: int = 0
    documents_out: int = 0
    to_direction: list[int] = field(default_factory=list)
    to_completion: list[int] = field(default_factory=list)
    completed: int = 0
    on_time: int = 0
    overdue: int = 0
    coverage_events: int = 0
    figures_in_conflict: int = 0

    def add(self, other: Tally) -> None:
        self.documents_in += other.documents_in
        self.documents_out += other.documents_out
        self.to_direction += other.to_direction
        self.to_completion += other.to_completion
        self.completed += other.completed
        self.on_time += other.on_time
        self.overdue += other.overdue
        self.coverage_events += other.coverage_events
        self.figures_in_conflict += other.figures_in_conflict

    def kpis(self) -> Kpis:
        return Kpis(
            documents_in=self.documents_in,
            documents_out=self.documents_out,
            direction_median_days=percentile(self.to_direction, 0.5),
            direction_p90_days=percentile(self.to_direction, 0.9),
            completion_median_days=percentile(self.to_completion, 0.5),
            completion_p90_days=percentile(self.to_completion, 0.9),
            completed=self.completed,
            on_time=self.on_time,
            on_time_rate=self.on_time / self.completed if self.completed else None,
            overdue=self.overdue,
            coverage_events=self.coverage_events,
            figures_in_conflict=self.figures_in_conflict,
        )


@dataclass(frozen=True, slots=True)
class Kpis:
    documents_in: int = 0
    documents_out: int = 0
    direction_median_days: float | None = None
    direction_p90_days: float | None = None
    completion_median_days: float | None = None
    completion_p90_days: float | None = None
    completed: int = 0
    on_time: int = 0
    on_time_rate: float | None = None
    overdue: int = 0
    coverage_events: int = 0
    figures_in_conflict: int = 0


@dataclass(frozen=True, slots=True)
class Window:
    """Which facts count: days in ``[start, end)`` and on or before ``last_day``; conflicts open at
    ``moment`` for a figure period ``covers`` accepts."""

    start: date
    end: date
    last_day: date
    moment: datetime
    period: str | None = None

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day < self.end and day <= self.last_day


def tally(
    window: Window,
    documents: Iterable[DocumentFact],
    tasks: Iterable[TaskFact],
    coverage: Iterable[CoverageFact] = (),
    conflicts: Iterable[ConflictFact] = (),
    covers: Callable[[str], bool] | None = None,
) -> Tally:
    """The tally of one set of facts (one commune's history, or any group) within ``window``."""
    result = Tally()
    by_document: dict[str, list[TaskFact]] = {}
    task_list = list(tasks)
    for task in task_list:
        if task.document_id is not None:
            by_document.setdefault(task.document_id, []).append(task)
    for document in documents:
        if not window.holds(document.arrived_on):
            continue
        if document.direction == "out":
            result.documents_out += 1
            continue
        result.documents_in += 1
        its = by_document.get(document.document_id, [])
        directed = [t.directed_on for t in its if t.directed_on <= window.last_day]
        if directed:
            result.to_direction.append((min(directed) - document.arrived_on).days)
        finished = [
            t.completed_on for t in its if t.done and t.completed_on and t.completed_on <= window.last_day
        ]
        if its and len(finished) == len(its):
            result.to_completion.append((max(d for d in finished if d) - document.arrived_on).days)
    for task in task_list:
        if task.done and window.holds(task.completed_on):
            result.completed += 1
            result.on_time += bool(task.completed_on and task.completed_on <= task.deadline)
        if window.holds(task.overdue_on):
            result.overdue += 1
    result.coverage_events = sum(1 for c in coverage if window.holds(c.on))
    result.figures_in_conflict = sum(
        1 for c in conflicts if c.open_at(window.moment) and (covers is None or covers(c.period))
    )
    return result
