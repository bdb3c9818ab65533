"""What the gateway needs of the reporting service's district and province view (#13), as a port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

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
        self, unit_code: str, period: str, as_of: datetime | None, context: RequestContext
    ) -> UnitDashboard: ...

    async def commune_kpis(self, commune_id: str, period: str, context: RequestContext) -> UnitDashboard: ...

    async def commune_workload(self, commune_id: str, context: RequestContext) -> CommuneWorkload: ...
