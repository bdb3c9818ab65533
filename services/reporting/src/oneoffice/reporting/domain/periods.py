"""Reporting periods (kỳ báo cáo): ``YYYY`` (year), ``YYYY-Qn`` (quarter), ``YYYY-MM`` (month)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from oneoffice.contracts.events.reporting import Periodicity

_SHAPES: dict[str, tuple[re.Pattern[str], str, str]] = {
    "year": (re.compile(r"(\d{4})"), "YYYY (ví dụ 2026)", "YYYY (e.g. 2026)"),
    "quarter": (re.compile(r"(\d{4})-Q([1-4])"), "YYYY-Qn (ví dụ 2026-Q1)", "YYYY-Qn (e.g. 2026-Q1)"),
    "month": (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), "YYYY-MM (ví dụ 2026-03)", "YYYY-MM (e.g. 2026-03)"),
}
FIRST_YEAR = 1900


@dataclass(frozen=True, slots=True)
class Period:
    text: str
    periodicity: Periodicity
    first_day: date

    @classmethod
    def parse(cls, text: str, periodicity: Periodicity) -> Period | None:
        """The period, or None when ``text`` does not have the periodicity's shape."""
        pattern = _SHAPES[periodicity][0]
        match = pattern.fullmatch(text)
        if match is None:
            return None
        year = int(match.group(1))
        if year < FIRST_YEAR:
            return None
        if periodicity == "year":
            month = 1
        elif periodicity == "quarter":
            month = 3 * (int(match.group(2)) - 1) + 1
        else:
            month = int(match.group(2))
        return cls(text, periodicity, date(year, month, 1))

    def started_by(self, today: date) -> bool:
        """A period is reported once it has begun (the current one included: a running estimate)."""
        return self.first_day <= today


def shape_of(periodicity: Periodicity) -> tuple[str, str]:
    """How a period of ``periodicity`` is written, in Vietnamese and in English."""
    _, vi, en = _SHAPES[periodicity]
    return vi, en
