"""Reporting periods (kỳ báo cáo): ``YYYY`` (year), ``YYYY-Qn`` (quarter), ``YYYY-MM`` (month).

One value type for the figures (a report's period, of its indicator's periodicity) and the
dashboard (the period it shows, of any shape); the spelling of the figures events
(``contracts.events.reporting``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from oneoffice.contracts.events.reporting import Periodicity

_SHAPES: dict[Periodicity, tuple[re.Pattern[str], str, str]] = {
    "year": (re.compile(r"(\d{4})"), "YYYY (ví dụ 2026)", "YYYY (e.g. 2026)"),
    "quarter": (re.compile(r"(\d{4})-Q([1-4])"), "YYYY-Qn (ví dụ 2026-Q1)", "YYYY-Qn (e.g. 2026-Q1)"),
    "month": (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), "YYYY-MM (ví dụ 2026-03)", "YYYY-MM (e.g. 2026-03)"),
}
FIRST_YEAR = 1900
# The last year whose end (the first day after it) a date can hold: 1 January 10000 cannot be written.
LAST_YEAR = 9998


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: ``start`` its first day, ``end`` the first day after it."""

    text: str
    start: date
    end: date

    @classmethod
    def parse(cls, text: str, periodicity: Periodicity | None = None) -> Period | None:
        """The period ``text`` spells, or None when it has another shape (than ``periodicity``'s,
        when given)."""
        for kind in (periodicity,) if periodicity else _SHAPES:
            match = _SHAPES[kind][0].fullmatch(text)
            if match is None:
                continue
            year = int(match.group(1))
            if not FIRST_YEAR <= year <= LAST_YEAR:
                return None
            if kind == "year":
                return cls(text, date(year, 1, 1), date(year + 1, 1, 1))
            if kind == "quarter":
                first = 3 * (int(match.group(2)) - 1) + 1
                return cls(text, date(year, first, 1), _next_month(year, first + 2))
            month = int(match.group(2))
            return cls(text, date(year, month, 1), _next_month(year, month))
        return None

    def started_by(self, today: date) -> bool:
        """A period is reported once it has begun (the current one included: a running estimate)."""
        return self.start <= today

    def holds(self, day: date) -> bool:
        return self.start <= day < self.end

    def covers(self, other: str) -> bool:
        """True when the period spelled ``other`` (e.g. a figure's) lies within this one."""
        inner = Period.parse(other)
        return inner is not None and self.start <= inner.start and inner.end <= self.end


def shape_of(periodicity: Periodicity) -> tuple[str, str]:
    """How a period of ``periodicity`` is written, in Vietnamese and in English."""
    _, vi, en = _SHAPES[periodicity]
    return vi, en
