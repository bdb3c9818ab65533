"""One unit's dated history (names, kinds, parents, bodies, begin and end) and what it looked like
on a day. Dates are effective dates: a change on day D holds from D on; ``ended_on`` is the first
day the unit no longer exists, so its last day (``valid_to``) is the day before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from .units import UnitKind

T = TypeVar("T")


def _on(periods: list[tuple[date, T]], day: date) -> T:
    """The value of the last period begun on or before ``day`` (the first one before the unit began)."""
    value = periods[0][1]
    for begins, candidate in periods:
        if begins > day:
            break
        value = candidate
    return value


@dataclass(slots=True)
class UnitRecord:
    code: str
    synthetic: bool
    valid_from: date
    names: list[tuple[date, tuple[str, UnitKind]]]
    parents: list[tuple[date, str | None]]
    bodies: list[tuple[date, tuple[str, ...]]]
    ended_on: date | None = None
    last_change: date = field(default=date.min)

    def alive_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.ended_on is None or day < self.ended_on)

    @property
    def last_day(self) -> date:
        """The day whose state is the unit's latest: today's for a living unit, its last day otherwise."""
        return date.max if self.ended_on is None else self.ended_on - timedelta(days=1)

    def name_on(self, day: date) -> str:
        return _on(self.names, day)[0]

    def kind_on(self, day: date) -> UnitKind:
        return _on(self.names, day)[1]

    def parent_on(self, day: date) -> str | None:
        return _on(self.parents, day)

    def bodies_on(self, day: date) -> tuple[str, ...]:
        return _on(self.bodies, day)

    def view(self, day: date | None = None) -> UnitView:
        """The unit as it was on ``day`` (or as it last was)."""
        on = self.last_day if day is None else day
        return UnitView(
            code=self.code,
            name=self.name_on(on),
            kind=self.kind_on(on),
            parent=self.parent_on(on),
            synthetic=self.synthetic,
            valid_from=self.valid_from,
            valid_to=None if self.ended_on is None else self.ended_on - timedelta(days=1),
            bodies=self.bodies_on(on),
        )


@dataclass(frozen=True, slots=True)
class UnitView:
    code: str
    name: str
    kind: UnitKind
    parent: str | None
    synthetic: bool
    valid_from: date
    valid_to: date | None
    bodies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ServedBody:
    """A body a unit's office serves on a day: since when, and the units merged into it whose own
    body of that kind it continues (the 2025 merger carried each commune's Party committee, People's
    Council, … to the successor)."""

    code: str
    since: date
    carried_from: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """``predecessor`` continued (in whole or in part) in ``successor`` from ``effective``."""

    predecessor: str
    successor: str
    effective: date
    kind: str  # "merge" or "split"


@dataclass(frozen=True, slots=True)
class LineageStep:
    link: Link
    predecessor: UnitView
    successor: UnitView


@dataclass(frozen=True, slots=True)
class Lineage:
    """A unit, what it came from and what it became, transitively (nearest steps first)."""

    unit: UnitView
    came_from: tuple[LineageStep, ...]
    became: tuple[LineageStep, ...]
