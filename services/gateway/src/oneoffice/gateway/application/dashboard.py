"""What the gateway needs of the reporting service's district and province view (#13), as a port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from oneoffice.contracts.dashboard_paging import DEFAULT_LIMIT

from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class Kpis:
    documents_in: int = 0
    documents_out: int = 0
    direction_median_days: float | None = None
    direction_p90_days: float | None = None
    completion_median_days: float | None = None
    completion_p90_days: float | None = None
    completed: int = 0
    on_time: int = 0
    on_time_rate: float | None = None
    overdue: int = 0
    coverage_events: int = 0
    figures_in_conflict: int = 0


@dataclass(frozen=True, slots=True)
class ModelAdoption:
    commune_id: str
    adopted_on: date
    wave: str
    pilot: bool


@dataclass(frozen=True, slots=True)
class AdoptionWave:
    """How many communes of the unit adopted the model on one day, in one wave."""

    adopted_on: date
    wave: str
    pilot: bool
    communes: int


# The orders of a dashboard's commune rows and the size of a page: the contract's.


@dataclass(frozen=True, slots=True)
class RowsAsked:
    """Which of a unit's commune rows to answer: ``limit`` from ``offset`` in the order ``sort``."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    sort: str = "commune_id"


@dataclass(frozen=True, slots=True)
class Position:
    source: str
    partition: int
    next_offset: int


@dataclass(frozen=True, slots=True)
class CommuneRow:
    commune_id: str
    name: str
    history: tuple[str, ...]
    adoption: ModelAdoption | None
    kpis: Kpis
    headcount_before: dict[str, int] | None
    headcount_after: dict[str, int]


@dataclass(frozen=True, slots=True)
class UnitDashboard:
    """``communes``: one page of the unit's ``commune_count`` communes; the totals, pilot/others,
    before/after and ``adoption_waves``: over all of them; ``adoptions``: the page's communes'."""

    unit_code: str
    unit_name: str
    period: str
    as_of: datetime
    viewed_on: date
    communes: tuple[CommuneRow, ...]
    totals: Kpis
    pilot: Kpis
    others: Kpis
    before_adoption: Kpis
    after_adoption: Kpis
    adoptions: tuple[ModelAdoption, ...]
    positions: tuple[Position, ...]
    read_at: datetime
    commune_count: int
    offset: int
    limit: int
    sort: str
    adoption_waves: tuple[AdoptionWave, ...]


@dataclass(frozen=True, slots=True)
class BodyWorkload:
    body_code: str
    open: int
    done: int
    overdue: int


@dataclass(frozen=True, slots=True)
class StaffWorkload:
    person_id: str
    name: str
    category: str
    allowance: str
    bodies: tuple[str, ...]
    open: int
    done: int
    overdue: int
    by_body: tuple[BodyWorkload, ...]


@dataclass(frozen=True, slots=True)
class CommuneWorkload:
    commune_id: str
    day: date
    staff: tuple[StaffWorkload, ...]
    headcount: dict[str, int]
    positions: tuple[Position, ...]
    read_at: datetime


class DashboardPort(Protocol):
    async def unit_dashboard(
        self,
        unit_code: str,
        period: str,
        as_of: datetime | None,
        context: RequestContext,
        rows: RowsAsked | None = None,  # None: the first page, by commune code
    ) -> UnitDashboard: ...

    async def commune_kpis(self, commune_id: str, period: str, context: RequestContext) -> UnitDashboard: ...

    async def commune_workload(self, commune_id: str, context: RequestContext) -> CommuneWorkload: ...
