"""Retention periods (thời hạn bảo quản, Thông tư 10/2022/TT-BNV) and the hand-over rule.

A period is permanent, a number of years, or event-bound ("until the documents expire", "for the
life of the equipment"). Years are counted from the year the work ended: a file closed in 2026 and
kept 5 years is kept through 2031 and may be disposed of from 1 January 2032. Files kept 5 years or
more (and permanent ones) are handed to the archive within 1 year of closing (NĐ 30/2020 as
summarised in reference §2); the office is told 30 days before that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

HANDOVER_MIN_YEARS = 5
HANDOVER_NOTICE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class RetentionPeriod:
    code: str
    name_vi: str
    name_en: str
    # None: permanent or event-bound (see ``permanent``).
    years: int | None
    permanent: bool = False

    def expires_on(self, closed_on: date) -> date | None:
        """The last day the file must be kept; None when no date follows from the period."""
        if self.permanent or self.years is None:
            return None
        return date(closed_on.year + self.years, 12, 31)

    @property
    def handed_over(self) -> bool:
        """Whether files of this period go to the archive (permanent, or 5 years or more)."""
        return self.permanent or (self.years is not None and self.years >= HANDOVER_MIN_YEARS)


def one_year_after(day: date) -> date:
    """The same day a year later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def handover_due_on(closed_on: date) -> date:
    return one_year_after(closed_on)


def handover_notice_on(closed_on: date) -> date:
    return handover_due_on(closed_on) - HANDOVER_NOTICE


@dataclass(frozen=True, slots=True)
class RetentionGroup:
    """A group of files with its usual period (an example row of the regulation's table)."""

    name_vi: str
    name_en: str
    retention: str


@dataclass(frozen=True, slots=True)
class RetentionSchedule:
    periods: Mapping[str, RetentionPeriod]
    groups: tuple[RetentionGroup, ...] = ()

    @classmethod
    def of(
        cls, periods: Iterable[RetentionPeriod], groups: Iterable[RetentionGroup] = ()
    ) -> RetentionSchedule:
        return cls({p.code: p for p in periods}, tuple(groups))

    def get(self, code: str) -> RetentionPeriod | None:
        return self.periods.get(code)
