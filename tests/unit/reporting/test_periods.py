"""One Period for the figures and the dashboard: the same spelling, the same days."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.reporting.domain.periods import Period


@pytest.mark.parametrize(
    ("text", "periodicity"), [("2026", "year"), ("2026-Q3", "quarter"), ("2026-07", "month")]
)
def test_a_period_of_its_indicators_periodicity_is_the_period_the_dashboard_reads(
    text: str, periodicity: str
) -> None:
    assert Period.parse(text, periodicity) == Period.parse(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "periodicity"),
    [("2026-Q3", "month"), ("2026-07", "quarter"), ("2026", "month"), ("2026-07", "year")],
)
def test_a_period_of_another_periodicity_than_the_indicators_is_refused(text: str, periodicity: str) -> None:
    assert Period.parse(text) is not None
    assert Period.parse(text, periodicity) is None  # type: ignore[arg-type]


def test_a_period_has_begun_on_its_first_day_and_holds_its_days() -> None:
    quarter = Period.parse("2026-Q3", "quarter")
    assert quarter is not None
    assert not quarter.started_by(date(2026, 6, 30)) and quarter.started_by(date(2026, 7, 1))
    assert quarter.holds(date(2026, 9, 30)) and not quarter.holds(date(2026, 10, 1))


@pytest.mark.parametrize(
    ("text", "periodicity"),
    [("1899", "year"), ("1899-12", "month"), ("9999", "year"), ("9999-Q4", "quarter")],
)
def test_a_year_a_date_cannot_end_is_not_a_period_for_either(text: str, periodicity: str) -> None:
    assert Period.parse(text) is None
    assert Period.parse(text, periodicity) is None  # type: ignore[arg-type]
