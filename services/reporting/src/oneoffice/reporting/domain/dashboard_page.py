"""A page of a unit's dashboard (#13): a person pages through a province's thousands of communes,
sorted by what they look for, while the totals, pilot/others and before/after stay those of every
commune of the unit (the :class:`Dashboard` the page is cut from: one snapshot).

The adoptions of the page are its communes' only; which communes adopted when over the whole unit is
counted per adoption day and wave (:class:`AdoptionWave`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from oneoffice.contracts.dashboard_paging import (
    DEFAULT_LIMIT,
    SORTS,
)

from .dashboard import Adoption, CommuneRow, Dashboard


@dataclass(frozen=True, slots=True)
class RowOrder:
    """Rows by ``field``, ascending or descending; ties (and rows without a value, last) by code."""

    field: str = "commune_id"
    descending: bool = False

    @classmethod
    def parse(cls, text: str) -> RowOrder | None:
        """``commune_id``, ``-overdue``, …; empty: by commune code; None: no such order."""
        if not text:
            return cls()
        if text not in SORTS:
            return None
        return cls(text.removeprefix("-"), text.startswith("-"))

    @property
    def text(self) -> str:
        return f"-{self.field}" if self.descending else self.field


@dataclass(frozen=True, slots=True)
class Paging:
    order: RowOrder = RowOrder()
    offset: int = 0
    limit: int = DEFAULT_LIMIT


FIRST_PAGE = Paging()


@dataclass(frozen=True, slots=True)
class AdoptionWave:
    adopted_on: date
    wave: str
    pilot: bool
    communes: int


@dataclass(frozen=True, slots=True)
class DashboardPage:
    """``rows``: the page of ``board``'s communes; everything else of ``board`` is the whole unit's."""

    board: Dashboard
    rows: tuple[CommuneRow, ...]
    paging: Paging
    waves: tuple[AdoptionWave, ...]

    @property
    def commune_count(self) -> int:
        return len(self.board.communes)

    @property
    def adoptions(self) -> tuple[Adoption, ...]:
        """The adoptions of the page's communes, by day (as the whole unit's were)."""
        return tuple(sorted((r.adoption for r in self.rows if r.adoption), key=lambda a: a.adopted_on))


def sort_rows(rows: Sequence[CommuneRow], order: RowOrder) -> tuple[CommuneRow, ...]:
    """The rows in ``order``; ties by commune code ascending (sorts are stable), and rows without the
    KPI (e.g. no on-time rate yet) last either way."""
    by_code = sorted(rows, key=attrgetter("commune_id"))
    if order.field == "commune_id":
        return tuple(reversed(by_code)) if order.descending else tuple(by_code)
    if order.field == "name":
        return tuple(sorted(by_code, key=attrgetter("name"), reverse=order.descending))
    sign = -1 if order.descending else 1

    def key(row: CommuneRow) -> tuple[bool, float]:
        value: float | None = getattr(row.kpis, order.field)
        return (value is None, 0 if value is None else sign * value)

    return tuple(sorted(by_code, key=key))


def adoption_waves(board: Dashboard) -> tuple[AdoptionWave, ...]:
    """How many of the unit's communes adopted the model on each day, in each wave."""
    counted = Counter((a.adopted_on, a.wave, a.pilot) for r in board.communes if (a := r.adoption))
    return tuple(AdoptionWave(day, wave, pilot, n) for (day, wave, pilot), n in sorted(counted.items()))


def page_of(
    board: Dashboard,
    paging: Paging,
    ordered: Sequence[CommuneRow] | None = None,
    waves: tuple[AdoptionWave, ...] | None = None,
) -> DashboardPage:
    """The page ``paging`` names of ``board``; ``ordered`` / ``waves``: the board's rows already in
    ``paging.order`` / its waves already counted (kept by the caller across pages)."""
    rows = sort_rows(board.communes, paging.order) if ordered is None else ordered
    page = tuple(rows[paging.offset : paging.offset + paging.limit])
    return DashboardPage(board, page, paging, adoption_waves(board) if waves is None else waves)
