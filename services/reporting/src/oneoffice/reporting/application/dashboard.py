"""Queries of the district and province view (#13): a unit's dashboard, a commune's KPIs and the
workload of its staff. Each checks its arguments, reads the facts in one snapshot and lets the pure
domain compute the answer."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from ..domain.dashboard import (
    Adoption,
    Dashboard,
    DashboardFacts,
    Selection,
    Workload,
    build_dashboard,
    build_workload,
    dashboard_selection,
)
from ..domain.dashboard_page import FIRST_PAGE, Paging
from ..domain.periods import Period
from ..domain.unit_tree import UnitTree
from .dashboard_errors import AsOfBeforeFirstEvent, UnitOutOfScope, UnknownUnit
from .errors import InvalidQuery

# What to count, decided from the units and adoptions read in the same snapshot.
Plan = Callable[[UnitTree, Sequence[Adoption]], Selection]
# Whose raw tasks and staff to read (a workload), decided from the units read in the same snapshot.
WorkloadPlan = Callable[[UnitTree], Collection[str]]


class DashboardReader(Protocol):
    async def facts(self, plan: Plan) -> DashboardFacts:
        """The units and adoptions, the tallies of what ``plan`` selects, staff and conflicts."""

    async def workload_facts(self, plan: WorkloadPlan) -> DashboardFacts:
        """The units, and the raw tasks and staff of the units ``plan`` names."""


@dataclass(frozen=True, slots=True)
class DashboardQuery:
    unit_code: str
    period: str
    as_of: datetime | None = None  # None: now
    scope: frozenset[str] | None = None  # the caller's unit codes (None: every unit)
    paging: Paging = FIRST_PAGE  # the rows answered (the totals: every commune's)


def parse_period(text: str, today: date) -> Period:
    period = Period.parse(text)
    if period is None:
        raise InvalidQuery(
            "period",
            f"Kỳ báo cáo '{text}' không đúng dạng: dùng YYYY, YYYY-Qn (quý 1–4) hoặc YYYY-MM.",
            f"The period '{text}' has the wrong shape: use YYYY, YYYY-Qn (quarter 1-4) or YYYY-MM.",
        )
    if period.start > today:
        raise InvalidQuery(
            "period",
            f"Kỳ báo cáo {text} chưa bắt đầu (hôm nay là {today.isoformat()}).",
            f"The period {text} has not begun yet (today is {today.isoformat()}).",
        )
    return period


def _check_as_of(first: date | None, as_of: datetime) -> None:
    if first is not None and as_of.date() < first:
        raise AsOfBeforeFirstEvent(as_of, first)


def _known(tree: UnitTree, code: str) -> None:
    if tree.get(code) is None:
        raise UnknownUnit(code)


def check_unit(
    tree: UnitTree, first_day: date | None, query: DashboardQuery, as_of: datetime, today: date
) -> None:
    """The unit is known, ``as_of`` not before the first event (``first_day``: the tree's), and the
    unit within the caller's scope."""
    _known(tree, query.unit_code)
    _check_as_of(first_day, as_of)
    day = tree.viewed_on(query.unit_code, as_of.date())
    if query.scope is not None and not tree.within_scope(query.unit_code, day, query.scope, today):
        raise UnitOutOfScope(query.unit_code)


async def read_dashboard(
    reader: DashboardReader, query: DashboardQuery, now: datetime
) -> tuple[Dashboard, DashboardFacts]:
    """The dashboard, and the facts it was built from (their units and positions)."""
    as_of = query.as_of or now
    period = parse_period(query.period, now.date())

    def plan(tree: UnitTree, adoptions: Sequence[Adoption]) -> Selection:
        check_unit(tree, tree.first_day(), query, as_of, now.date())
        return dashboard_selection(query.unit_code, period, as_of, tree, adoptions)

    facts = await reader.facts(plan)
    return build_dashboard(query.unit_code, period, as_of, facts), facts


async def get_dashboard(reader: DashboardReader, query: DashboardQuery, now: datetime) -> Dashboard:
    board, _ = await read_dashboard(reader, query, now)
    return board


async def get_commune_kpis(
    reader: DashboardReader, commune_id: str, period_text: str, now: datetime
) -> Dashboard:
    """The dashboard of one commune: its KPIs of the period (and its adoption, headcount), as of now."""
    return await get_dashboard(reader, DashboardQuery(commune_id, period_text), now)


async def get_workload(reader: DashboardReader, commune_id: str, now: datetime) -> Workload:
    day = now.date()

    def plan(tree: UnitTree) -> list[str]:
        _known(tree, commune_id)
        return tree.history_of(commune_id, day)

    facts = await reader.workload_facts(plan)
    return build_workload(commune_id, day, facts)
