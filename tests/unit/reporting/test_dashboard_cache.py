"""Dashboard answers kept while the projection stands still (#13): counted once per version of the
read model, exactly the answer a fresh read gives, the caller's scope checked on every request."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from oneoffice.reporting.application.dashboard import DashboardQuery, get_dashboard
from oneoffice.reporting.application.dashboard_cache import CachedDashboards
from oneoffice.reporting.application.dashboard_errors import UnitOutOfScope
from oneoffice.reporting.domain.dashboard import (
    Adoption,
    DashboardFacts,
    ProjectionVersion,
    Selection,
)
from oneoffice.reporting.domain.kpis import ConflictFact, Tally
from oneoffice.reporting.domain.unit_tree import UnitFacts, UnitTree
from oneoffice.reporting.domain.work_board import AsOf, Position

NOW = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)
FOUNDED = date(2020, 1, 1)


def _tree() -> UnitTree:
    def unit(code: str, kind: str, parent: str | None) -> UnitFacts:
        return UnitFacts(code, FOUNDED, None, None, ((FOUNDED, parent),), ((FOUNDED, code, kind),))

    return UnitTree([unit("P", "province", None), unit("A", "commune", "P"), unit("B", "commune", "P")])


class FakeReader:
    """Tallies of ten documents in per unit counted, times how often it was asked; a version to move."""

    def __init__(self) -> None:
        self.offset = 10
        self.reads = 0
        self.conflicts: list[ConflictFact] = []
        self.gate: asyncio.Event | None = None

    def _positions(self) -> tuple[Position, ...]:
        return (Position("documents", 0, self.offset), Position("staff", 0, 3))

    async def version(self) -> ProjectionVersion:
        return ProjectionVersion(1, frozenset(self._positions()))

    async def facts(self, plan: object) -> DashboardFacts:
        self.reads += 1
        if self.gate is not None:
            await self.gate.wait()
        tree = _tree()
        adoptions: Sequence[Adoption] = []
        selection: Selection = plan(tree, adoptions)  # type: ignore[operator]
        tallies = {(code, "all"): Tally(documents_in=self.offset) for code in selection.splits}
        return DashboardFacts(
            tree=tree,
            tallies=tallies,  # type: ignore[arg-type]
            conflicts=list(self.conflicts),
            as_of=AsOf(self._positions(), NOW),
        )

    async def workload_facts(self, plan: object) -> DashboardFacts:
        raise NotImplementedError


async def test_an_answer_is_counted_once_while_the_projection_stands_still_and_states_the_moment_asked() -> (
    None
):
    reader = FakeReader()
    answers = CachedDashboards(reader)
    first = await answers.get(DashboardQuery("P", "2026"), NOW)
    later = NOW + timedelta(minutes=5)
    again = await answers.get(DashboardQuery("P", "2026"), later)
    assert reader.reads == 1
    assert again.communes == first.communes and again.totals.documents_in == 20
    assert again.as_of == later and again.positions.read_at == later
    fresh = await get_dashboard(reader, DashboardQuery("P", "2026"), later)  # (the fake reads at NOW)
    assert dataclasses.replace(again, positions=fresh.positions) == fresh


async def test_a_moved_projection_is_counted_again() -> None:
    reader = FakeReader()
    answers = CachedDashboards(reader)
    await answers.get(DashboardQuery("P", "2026"), NOW)
    reader.offset = 11
    moved = await answers.get(DashboardQuery("P", "2026"), NOW)
    assert reader.reads == 2
    assert moved.totals.documents_in == 22
    assert Position("documents", 0, 11) in moved.positions.positions


async def test_a_caller_out_of_scope_is_refused_even_when_the_answer_is_kept() -> None:
    reader = FakeReader()
    answers = CachedDashboards(reader)
    await answers.get(DashboardQuery("P", "2026"), NOW)
    with pytest.raises(UnitOutOfScope):
        await answers.get(DashboardQuery("P", "2026", scope=frozenset({"A"})), NOW)
    assert (
        await answers.get(DashboardQuery("P", "2026", scope=frozenset({"A", "B"})), NOW)
    ).totals.documents_in == 20


async def test_readers_asking_at_once_share_one_count() -> None:
    reader = FakeReader()
    reader.gate = asyncio.Event()
    answers = CachedDashboards(reader)
    waiting = [asyncio.ensure_future(answers.get(DashboardQuery("P", "2026"), NOW)) for _ in range(5)]
    await asyncio.sleep(0)
    reader.gate.set()
    boards = await asyncio.gather(*waiting)
    assert reader.reads == 1 and {b.totals.documents_in for b in boards} == {20}


async def test_other_periods_and_days_are_other_answers() -> None:
    reader = FakeReader()
    answers = CachedDashboards(reader)
    await answers.get(DashboardQuery("P", "2026"), NOW)
    await answers.get(DashboardQuery("P", "2026-Q1"), NOW)
    await answers.get(DashboardQuery("P", "2026"), NOW + timedelta(days=1))
    await answers.get(DashboardQuery("P", "2026", as_of=NOW - timedelta(days=30)), NOW)
    assert reader.reads == 4


async def test_an_answer_counting_a_conflict_not_yet_raised_is_not_kept() -> None:
    reader = FakeReader()
    reader.conflicts = [ConflictFact("x", "A", "2026-Q1", raised_at=NOW + timedelta(hours=1))]
    answers = CachedDashboards(reader)
    await answers.get(DashboardQuery("P", "2026"), NOW)
    await answers.get(DashboardQuery("P", "2026"), NOW + timedelta(hours=2))
    assert reader.reads == 2


async def test_a_staleness_allowed_serves_the_kept_answer_as_of_its_count_and_counts_again_behind() -> None:
    reader = FakeReader()
    answers = CachedDashboards(reader, max_staleness=timedelta(seconds=30))
    first = await answers.get(DashboardQuery("P", "2026"), NOW)
    reader.offset = 11
    stale = await answers.get(DashboardQuery("P", "2026"), NOW + timedelta(seconds=10))
    assert stale == first  # its own "as of" and positions: what it reflects
    for _ in range(10):  # the recount, in the background
        await asyncio.sleep(0)
    assert reader.reads == 2
    fresh = await answers.get(DashboardQuery("P", "2026"), NOW + timedelta(seconds=11))
    assert fresh.totals.documents_in == 22 and reader.reads == 2
    reader.offset = 12
    too_old = await answers.get(DashboardQuery("P", "2026"), NOW + timedelta(seconds=60))
    assert too_old.totals.documents_in == 24  # counted at 11 s: older than allowed, counted again


async def test_an_as_of_on_the_last_day_a_date_can_be_answers() -> None:
    board = await CachedDashboards(FakeReader()).get(
        DashboardQuery("P", "2026", as_of=datetime(9999, 12, 31, 23, 0, tzinfo=UTC)), NOW
    )
    assert board.totals.documents_in == 20
