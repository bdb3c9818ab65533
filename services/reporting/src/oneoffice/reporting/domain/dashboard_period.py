"""Reporting periods as the dashboard reads them: ``YYYY`` (year), ``YYYY-Qn`` (quarter), ``YYYY-MM``
(month) — the spelling of the figures events (``contracts.events.reporting``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_SHAPE = re.compile(r"(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2]))?")


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: ``start`` its first day, ``end`` the first day after it."""

    text: str
    start: date
    end: date

    @classmethod
    def parse(cls, text: str) -> Period | None:
        """The period ``text`` spells, or None when it has another shape."""
        match = _SHAPE.fullmatch(text)
        # Years a date can end (the last one's end, 1 January 10000, cannot be written).
        if match is None or not 1900 <= int(match["year"]) <= 9998:
            return None
        year = int(match["year"])
        if match["quarter"]:
            first = (int(match["quarter"]) - 1) * 3 + 1
            return cls(text, date(year, first, 1), _next_month(year, first + 2))
        if match["month"]:
            month = int(match["month"])
            return cls(text, date(year, month, 1), _next_month(year, month))
        return cls(text, date(year, 1, 1), date(year + 1, 1, 1))

    def holds(self, day: date) -> bool:
        return self.start <= day < self.end

    def covers(self, other: str) -> bool:
        """True when the period spelled ``other`` (e.g. a figure's) lies within this one."""
        inner = Period.parse(other)
        return inner is not None and self.start <= inner.start and inner.end <= self.end
