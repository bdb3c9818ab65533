"""Pages of a unit's dashboard (#13): a person pages through thousands of communes sorted by what they
look for; the totals stay those of every commune, the adoption waves those of the whole unit."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.contracts.dashboard_paging import DEFAULT_LIMIT, SORTS
from oneoffice.reporting.application.dashboard import DashboardQuery
from oneoffice.reporting.application.dashboard_pages import DashboardPages, KeptPerDashboard, parse_paging
from oneoffice.reporting.application.errors import InvalidQuery
from oneoffice.reporting.domain.dashboard import Adoption, CommuneRow, Dashboard
from oneoffice.reporting.domain.dashboard_page import Paging, RowOrder, page_of, sort_rows
from oneoffice.reporting.domain.kpis import Kpis
from oneoffice.reporting.domain.work_board import AsOf

NOW = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)
PILOT = "2017 pilot"


def _row(
    code: str, documents_in: int = 0, rate: float | None = None, adopted: date | None = None
) -> CommuneRow:
    adoption = Adoption(code, adopted, PILOT if adopted.year == 2017 else "2025") if adopted else None
    kpis = Kpis(documents_in=documents_in, on_time_rate=rate, overdue=documents_in % 3)
    return CommuneRow(code, f"Xã {code}", (code,), adoption, kpis, None, {})


def _board(rows: list[CommuneRow]) -> Dashboard:
    total = Kpis(documents_in=sum(r.kpis.documents_in for r in rows))
    return Dashboard("P", "Tỉnh", "2026", NOW, NOW.date(), tuple(rows), total, Kpis(), Kpis(), Kpis(),
                     Kpis(), (), AsOf((), NOW))  # fmt: skip


def test_a_kpi_order_puts_communes_without_the_value_last_either_way_and_ties_by_code() -> None:
    rows = [_row("C", rate=0.5), _row("A", rate=None), _row("D", rate=0.9), _row("B", rate=0.5)]

    descending = sort_rows(rows, RowOrder("on_time_rate", descending=True))
    ascending = sort_rows(rows, RowOrder("on_time_rate"))

    assert [r.commune_id for r in descending] == ["D", "B", "C", "A"]
    assert [r.commune_id for r in ascending] == ["B", "C", "D", "A"]
    assert [r.commune_id for r in sort_rows(rows, RowOrder("commune_id", descending=True))] == list("DCBA")


@given(
    st.lists(st.tuples(st.integers(0, 50), st.none() | st.floats(0, 1)), min_size=0, max_size=40),
    st.sampled_from(SORTS),
    st.integers(1, 7),
)
def test_the_pages_of_any_order_hold_every_commune_once_and_add_up_to_the_totals(
    facts: list[tuple[int, float | None]], sort: str, limit: int
) -> None:
    board = _board([_row(f"{n:05}", documents_in, rate) for n, (documents_in, rate) in enumerate(facts)])
    order = RowOrder.parse(sort)
    assert order is not None

    pages = [page_of(board, Paging(order, offset, limit)) for offset in range(0, len(facts) + 1, limit)]

    rows = [row for page in pages for row in page.rows]
    assert sorted(r.commune_id for r in rows) == sorted(r.commune_id for r in board.communes)
    assert sum(r.kpis.documents_in for r in rows) == board.totals.documents_in
    assert all(page.commune_count == len(facts) and len(page.rows) <= limit for page in pages)


def test_a_page_names_its_communes_adoptions_and_the_whole_units_waves() -> None:
    rows = [_row("A", adopted=date(2017, 6, 1)), _row("B", adopted=date(2025, 7, 1)),
            _row("C", adopted=date(2025, 7, 1)), _row("D")]  # fmt: skip

    page = page_of(_board(rows), Paging(RowOrder(), offset=1, limit=2))

    assert [a.commune_id for a in page.adoptions] == ["B", "C"]
    assert [(w.adopted_on, w.wave, w.pilot, w.communes) for w in page.waves] == [
        (date(2017, 6, 1), PILOT, True, 1),
        (date(2025, 7, 1), "2025", False, 2),
    ]


@pytest.mark.parametrize(
    ("sort", "limit", "offset", "field"),
    [("size", 10, 0, "sort"), ("--overdue", 10, 0, "sort"), ("overdue", 1001, 0, "limit"),
     ("overdue", -1, 0, "limit"), ("overdue", 10, -5, "offset")],
)  # fmt: skip
def test_an_unknown_order_or_a_limit_or_offset_out_of_range_is_refused_in_both_languages(
    sort: str, limit: int, offset: int, field: str
) -> None:
    with pytest.raises(InvalidQuery) as refused:
        parse_paging(sort, limit, offset)

    assert refused.value.field == field
    assert refused.value.message_vi != refused.value.message_en


def test_no_limit_asks_for_the_default_page_by_commune_code() -> None:
    assert parse_paging("", 0, 0) == Paging(RowOrder("commune_id"), 0, DEFAULT_LIMIT)
    assert parse_paging("-overdue", 5, 10) == Paging(RowOrder("overdue", descending=True), 10, 5)


async def test_the_pages_of_a_kept_dashboard_are_cut_from_it_without_counting_or_sorting_again() -> None:
    board = _board([_row(f"{n:03}", n, adopted=date(2025, 7, 1)) for n in range(250)])
    asked: list[DashboardQuery] = []

    async def whole(query: DashboardQuery, now: datetime) -> Dashboard:
        asked.append(query)
        # A kept answer comes back with its own "as of", around the same rows.
        return dataclasses.replace(board, as_of=now)

    pages = DashboardPages(whole)
    by_overdue = Paging(RowOrder("overdue", descending=True), 0, 100)
    first = await pages.get(DashboardQuery("P", "2026", paging=by_overdue), NOW)
    second = await pages.get(
        DashboardQuery("P", "2026", paging=dataclasses.replace(by_overdue, offset=100)), NOW
    )

    assert len(asked) == 2 and first.board.totals == second.board.totals == board.totals
    assert [r.kpis.overdue for r in first.rows[:1]] == [2] and len(second.rows) == 100
    assert first.waves is second.waves and first.waves[0].communes == 250
    ordered = pages._ordered(first.board, by_overdue.order)  # the order kept, not sorted again
    assert ordered is pages._ordered(second.board, by_overdue.order)
    assert first.rows == ordered[:100] and second.rows == ordered[100:200]


def test_what_is_kept_per_dashboard_is_bounded_in_dashboards_and_in_things_per_dashboard() -> None:
    kept: KeptPerDashboard[int, str] = KeptPerDashboard(boards=2, per_board=2)
    boards = [_board([_row(f"{n}")]) for n in range(3)]
    made: list[tuple[int, int]] = []

    def get(board: int, key: int) -> str:
        def make() -> str:
            made.append((board, key))
            return f"{board}/{key}"

        return kept.get(boards[board], key, make)

    assert [get(0, 1), get(0, 1), get(0, 2), get(0, 3), get(0, 1)] == ["0/1", "0/1", "0/2", "0/3", "0/1"]
    assert made == [(0, 1), (0, 2), (0, 3), (0, 1)]  # two things per dashboard: 1 was forgotten
    get(1, 1), get(2, 1), get(0, 3)  # a third dashboard: the least recently used (0) forgotten
    assert made[-1] == (0, 3)
    same_rows = dataclasses.replace(boards[2], as_of=NOW.replace(hour=10))  # a kept answer, asked again
    assert kept.get(same_rows, 1, lambda: "again") == "2/1"
