"""The working-day calendar: the shipped table, weekends, holidays, swaps, and a missing year."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.documents.adapters.reference_data import load_working_calendar
from oneoffice.documents.domain.working_calendar import (
    CalendarDay,
    CalendarYearMissing,
    DayKind,
    InvalidCalendar,
    WorkingCalendar,
)

CALENDAR = load_working_calendar()
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


def brute_force_count(calendar: WorkingCalendar, a: date, b: date) -> int:
    if b < a:
        return -brute_force_count(calendar, b, a)
    return sum(calendar.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


def test_the_shipped_calendar_covers_2025_to_2027() -> None:
    assert {2025, 2026, 2027} <= CALENDAR.years


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "Tết Dương lịch"),
        (date(2025, 1, 29), "Tết Nguyên đán"),
        (date(2025, 4, 7), "Giỗ Tổ Hùng Vương"),
        (date(2025, 4, 30), "Ngày Chiến thắng"),
        (date(2025, 5, 1), "Quốc tế Lao động"),
        (date(2025, 9, 2), "Quốc khánh"),
        (date(2026, 2, 17), "Tết Nguyên đán"),
        (date(2027, 2, 8), "Tết Nguyên đán"),
        (date(2027, 4, 16), "Giỗ Tổ Hùng Vương"),
    ],
)
def test_public_holidays_on_weekdays_are_not_working_days(day: date, name: str) -> None:
    entry = CALENDAR.entry(day)
    assert entry is not None and name in entry.name
    assert day.weekday() < 5
    assert not CALENDAR.is_working_day(day)


def test_a_saturday_worked_by_decision_is_a_working_day_and_the_swapped_weekday_is_not() -> None:
    assert date(2025, 4, 26).weekday() == 5
    assert CALENDAR.is_working_day(date(2025, 4, 26))
    assert not CALENDAR.is_working_day(date(2025, 5, 2))


def test_a_holiday_on_a_sunday_gives_a_compensatory_day_off() -> None:
    assert not CALENDAR.is_working_day(date(2026, 4, 27))
    assert CALENDAR.next_working_day(date(2026, 4, 24)) == date(2026, 4, 28)


def test_ordinary_weekends_are_days_off_and_weekdays_are_worked() -> None:
    assert not CALENDAR.is_working_day(date(2026, 3, 14))  # Saturday
    assert not CALENDAR.is_working_day(date(2026, 3, 15))  # Sunday
    assert CALENDAR.is_working_day(date(2026, 3, 16))


def test_three_working_days_after_the_eve_of_tet_fall_after_the_holiday() -> None:
    # Friday 13/2/2026; Tết 2026 off from Saturday 14/2 to Sunday 22/2.
    assert CALENDAR.add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert CALENDAR.add_working_days(date(2026, 2, 25), -3) == date(2026, 2, 13)
    assert CALENDAR.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3


def test_counting_across_the_year_end_uses_both_years() -> None:
    assert CALENDAR.next_working_day(date(2025, 12, 31)) == date(2026, 1, 5)


def test_a_year_missing_from_the_data_is_refused_not_counted_with_weekends_only() -> None:
    with pytest.raises(CalendarYearMissing) as raised:
        CALENDAR.is_working_day(date(2031, 3, 3))
    assert "2031" in raised.value.message_vi and "2031" in raised.value.message_en
    with pytest.raises(CalendarYearMissing):
        CALENDAR.next_working_day(date(2027, 12, 31))
    with pytest.raises(CalendarYearMissing):
        CALENDAR.working_days_between(date(2027, 12, 1), date(2032, 1, 5))


def test_a_day_listed_twice_is_refused() -> None:
    day = CalendarDay(date(2025, 1, 1), DayKind.HOLIDAY, "Tết Dương lịch")
    with pytest.raises(InvalidCalendar):
        WorkingCalendar([day, day])


def test_a_broken_row_in_the_table_stops_loading(tmp_path: Path) -> None:
    (tmp_path / "holidays.csv").write_text("date,kind,name\n2025-01-01,feast,Tết\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_working_calendar(tmp_path)


@given(DAYS, DAYS)
def test_a_working_day_count_agrees_with_a_brute_force_day_walk(a: date, b: date) -> None:
    assert CALENDAR.working_days_between(a, b) == brute_force_count(CALENDAR, a, b)


@given(DAYS, st.integers(min_value=-150, max_value=150))
def test_adding_working_days_lands_on_a_working_day_that_far_away(d: date, n: int) -> None:
    try:
        landed = CALENDAR.add_working_days(d, n)
    except CalendarYearMissing:
        return
    if n >= 0:  # working days after d up to landed
        assert CALENDAR.working_days_between(d, landed) == n
    else:  # working days from landed up to the day before d
        day = timedelta(days=1)
        assert CALENDAR.working_days_between(landed - day, d - day) == -n
    if n != 0:
        assert CALENDAR.is_working_day(landed)
