"""The working-day calendar of a commune office: weekends, public holidays, days swapped by decision.

Pure: built from rows (the configuration table ``reference/holidays.csv``), no clock, no I/O. A day is
a working day when it is Monday to Friday and not a holiday or a day off, or when it is a Saturday or
Sunday worked by decision. Every question about a day of a year the rows do not cover is refused
(:class:`CalendarYearMissing`): an office must not count deadlines with weekends only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .errors import DocumentsError


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # ngày lễ, Tết: not worked, whatever the weekday
    DAY_OFF = "day_off"  # nghỉ bù / nghỉ hoán đổi: not worked by decision
    WORKING_DAY = "working_day"  # làm bù: a Saturday or Sunday worked by decision


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    kind: DayKind
    name: str


class CalendarYearMissing(DocumentsError):
    code = "calendar_year_missing"

    def __init__(self, year: int) -> None:
        super().__init__(
            f"Lịch ngày làm việc chưa có dữ liệu ngày nghỉ, ngày lễ của năm {year}.",
            f"The working-day calendar has no holidays configured for {year}.",
        )
        self.year = year


class InvalidCalendar(ValueError):
    """The configuration rows contradict themselves (a day twice, a kind unknown)."""


class WorkingCalendar:
    """Answers "is it a working day" and counts working days for the years it has rows for."""

    __slots__ = ("_days", "_sorted", "_years")

    def __init__(self, days: Iterable[CalendarDay]) -> None:
        table: dict[date, CalendarDay] = {}
        for entry in days:
            if entry.day in table:
                raise InvalidCalendar(f"{entry.day.isoformat()} appears twice in the calendar")
            if entry.kind is DayKind.WORKING_DAY and entry.day.weekday() < 5:
                raise InvalidCalendar(f"{entry.day.isoformat()} is a weekday: it needs no working_day row")
            table[entry.day] = entry
        self._days: Mapping[date, CalendarDay] = table
        self._sorted = sorted(table)
        self._years = frozenset(day.year for day in table)

    @property
    def years(self) -> frozenset[int]:
        return self._years

    def entry(self, d: date) -> CalendarDay | None:
        """The row for ``d`` (a holiday, day off or worked weekend day), if any."""
        self._covered(d)
        return self._days.get(d)

    def is_working_day(self, d: date) -> bool:
        self._covered(d)
        entry = self._days.get(d)
        if entry is not None:
            return entry.kind is DayKind.WORKING_DAY
        return d.weekday() < 5

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        day = d + timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        day = d - timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def add_working_days(self, d: date, n: int) -> date:
        """The day ``n`` working days after ``d`` (before it for a negative ``n``; ``d`` itself for 0).

        ``add_working_days(d, 1)`` is :meth:`next_working_day`; the count starts the day after ``d``,
        whether ``d`` itself is worked or not.
        """
        self._covered(d)
        day = d
        for _ in range(abs(n)):
            day = self.next_working_day(day) if n > 0 else self.previous_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``).

        So ``working_days_between(d, add_working_days(d, n)) == n``, and a deadline tomorrow (a
        working day) is 1 working day away.
        """
        if b < a:
            return -self.working_days_between(b, a)
        for year in range(a.year, b.year + 1):
            if year not in self._years:
                raise CalendarYearMissing(year)
        count = _weekdays_up_to(b) - _weekdays_up_to(a)
        for day in self._sorted[bisect_right(self._sorted, a) : bisect_right(self._sorted, b)]:
            worked_by_default = day.weekday() < 5
            if worked_by_default != (self._days[day].kind is DayKind.WORKING_DAY):
                count += -1 if worked_by_default else 1
        return count

    def _covered(self, d: date) -> None:
        if d.year not in self._years:
            raise CalendarYearMissing(d.year)


def _weekdays_up_to(d: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) to ``d`` inclusive."""
    n = d.toordinal()
    return (n // 7) * 5 + min(n % 7, 5)
