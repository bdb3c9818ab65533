"""Per-commune KPIs of a period (#13): documents in and out, days from arrival to direction and to
completion (median, 90th percentile), on-time rate, overdue count, coverage events, figures in conflict.

The reader counts the facts of each commune in the database (:mod:`..adapters.dashboard_reader`) and
hands over a :class:`Tally` per commune: counts, and the durations as histograms of whole days. A total
is the tally of its communes added up: its counts are always the sums of theirs, and its percentiles
are those of the pooled durations (never an average of medians), exactly as from the raw durations.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
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


def histogram_percentile(counts: Mapping[int, int], q: float) -> float | None:
    """:func:`percentile` of the values a histogram (value → how many times) holds: the same number,
    read from the cumulative counts instead of a sorted list (durations are whole days)."""
    total = sum(counts.values())
    if not total:
        return None
    rank = (total - 1) * q
    low, high = math.floor(rank), math.ceil(rank)
    at_low = at_high = None
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if at_low is None and low < seen:
            at_low = value
        if high < seen:
            at_high = value
            break
    assert at_low is not None and at_high is not None
    return at_low + (at_high - at_low) * (rank - low)


@dataclass(slots=True)
class Tally:
    """Counts of one set of facts, and their durations in whole days as histograms (value → count):
    adding two tallies pools their durations, so a total's percentiles are those of its communes'
    durations taken together."""

    documents_in: int = 0
    documents_out: int = 0
    to_direction: Counter[int] = field(default_factory=Counter)
    to_completion: Counter[int] = field(default_factory=Counter)
    completed: int = 0
    on_time: int = 0
    overdue: int = 0
    coverage_events: int = 0
    figures_in_conflict: int = 0

    def add(self, other: Tally) -> None:
        self.documents_in += other.documents_in
        self.documents_out += other.documents_out
        self.to_direction.update(other.to_direction)
        self.to_completion.update(other.to_completion)
        self.completed += other.completed
        self.on_time += other.on_time
        self.overdue += other.overdue
        self.coverage_events += other.coverage_events
        self.figures_in_conflict += other.figures_in_conflict

    def kpis(self) -> Kpis:
        return Kpis(
            documents_in=self.documents_in,
            documents_out=self.documents_out,
            direction_median_days=histogram_percentile(self.to_direction, 0.5),
            direction_p90_days=histogram_percentile(self.to_direction, 0.9),
            completion_median_days=histogram_percentile(self.to_completion, 0.5),
            completion_p90_days=histogram_percentile(self.to_completion, 0.9),
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
