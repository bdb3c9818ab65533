"""The pure parts of the dashboard (#13): periods, the unit tree through a merger, percentiles, tallies."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.reporting.domain.kpis import histogram_percentile, percentile
from oneoffice.reporting.domain.periods import Period
from oneoffice.reporting.domain.unit_tree import UnitFacts, UnitTree


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
    ],
)
def test_a_period_spans_its_year_quarter_or_month(text: str, start: date, end: date) -> None:
    assert Period.parse(text) == Period(text, start, end)


@pytest.mark.parametrize(
    "text", ["2026-Q5", "2026-13", "26-Q1", "2026Q1", "2026-Q1 ", "", "Q1-2026", "9999", "0001-01"]
)
def test_a_period_of_another_shape_is_not_a_period(text: str) -> None:
    assert Period.parse(text) is None


def test_a_quarter_covers_its_months_and_itself_but_not_its_year() -> None:
    quarter = Period.parse("2026-Q1")
    assert quarter is not None
    assert quarter.covers("2026-02") and quarter.covers("2026-Q1")
    assert not quarter.covers("2026") and not quarter.covers("2026-04")


def test_percentiles_interpolate_between_ranks_as_postgresql_does() -> None:
    assert percentile([], 0.5) is None
    assert percentile([3, 1, 2], 0.5) == 2
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile(list(range(11)), 0.9) == pytest.approx(9.0)


def _tree() -> UnitTree:
    start, merged = date(2017, 1, 1), date(2025, 7, 1)

    def unit(code: str, kind: str, parent: str | None, **more: object) -> UnitFacts:
        valid_from = more.pop("valid_from", start)
        parents = more.pop("parents", ((valid_from, parent),))
        return UnitFacts(code, valid_from, more.get("ended_on"), more.get("successor"), parents,  # type: ignore[arg-type]
                         ((valid_from, code.lower(), kind),))  # fmt: skip

    return UnitTree(
        [
            unit("P", "province", None),
            unit("D", "district", "P", ended_on=merged),
            unit("A", "commune", "D", ended_on=merged, successor="N"),
            unit("B", "commune", "D", ended_on=merged, successor="N"),
            unit("C", "commune", "D", parents=((start, "D"), (merged, "P"))),
            unit("N", "commune", "P", valid_from=merged),
        ]
    )


def test_the_communes_under_a_unit_are_those_of_the_day_asked() -> None:
    tree = _tree()
    assert tree.communes_under("D", date(2024, 1, 1)) == ["A", "B", "C"]
    assert tree.communes_under("P", date(2024, 1, 1)) == ["A", "B", "C"]
    assert tree.communes_under("P", date(2026, 1, 1)) == ["C", "N"]
    # An old unit stays viewable, as it stood on its last day.
    assert tree.viewed_on("D", date(2026, 1, 1)) == date(2025, 6, 30)


def test_a_merged_units_history_rolls_into_its_successor_from_the_merger_on() -> None:
    tree = _tree()
    assert tree.history_of("N", date(2026, 1, 1)) == ["N", "A", "B"]
    assert tree.history_of("N", date(2025, 6, 30)) == ["N"]
    assert tree.rolled_into("A", date(2026, 1, 1)) == "N"
    assert tree.rolled_into("A", date(2025, 6, 30)) == "A"


def test_a_district_is_in_the_scope_of_an_account_over_every_commune_it_became() -> None:
    tree = _tree()
    today, last_day = date(2026, 4, 1), date(2025, 6, 30)
    assert tree.within_scope("D", last_day, frozenset({"N", "C"}), today)
    assert not tree.within_scope("D", last_day, frozenset({"N"}), today)
    assert tree.within_scope("A", last_day, frozenset({"D"}), today)
    assert not tree.within_scope("P", today, frozenset({"D"}), today)


@given(
    st.lists(st.integers(min_value=-5, max_value=400), max_size=60),
    st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]),
)
def test_a_histograms_percentile_is_the_percentile_of_its_values(values: list[int], q: float) -> None:
    assert histogram_percentile(Counter(values), q) == percentile(values, q)
