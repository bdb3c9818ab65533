"""JSON API of the district and province view (#13): a unit's dashboard, a commune's KPIs, the
workload of a commune's staff. Every answer carries the positions it reflects per topic partition
("as_of_positions"), read in the same snapshot as its figures. A unit's dashboard answers one page of
its communes (``limit``, ``offset``, ``sort``) with the totals of all of them: the pages of answers with
the same positions add up to those totals.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from oneoffice.contracts.access import Permission
from oneoffice.contracts.dashboard_paging import DEFAULT_LIMIT, MAX_LIMIT, SORT_FIELDS, SORTS

from ..application.dashboard import (
    AdoptionWave,
    CommuneRow,
    DashboardPort,
    Kpis,
    ModelAdoption,
    Position,
    RowsAsked,
    StaffWorkload,
    UnitDashboard,
)
from ..application.ports import RequestContext
from .access import requires
from .commune_as_of_api import INT32_MAX
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .units_api_models import UNIT_CODE_PATTERN

router = APIRouter(prefix="/api/v1", tags=["dashboard"])


def get_dashboard_port(request: Request) -> DashboardPort:
    port: DashboardPort = request.app.state.dashboard
    return port


DashboardDep = Annotated[DashboardPort, Depends(get_dashboard_port)]
ReadsUnit = Annotated[RequestContext, Depends(requires(Permission.DASHBOARD_READ, on_commune=False))]
ReadsCommune = Annotated[RequestContext, Depends(requires(Permission.DASHBOARD_READ))]
UnitCode = Annotated[str, Path(pattern=UNIT_CODE_PATTERN, examples=["16876"])]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
PeriodText = Annotated[
    str,
    Query(max_length=16, description="YYYY, YYYY-Qn or YYYY-MM; not in the future.", examples=["2026-Q1"]),
]


def known_sort(text: str) -> str:
    """An order of the rows reporting knows; any other is a 422 saying which there are."""
    if text not in SORTS:
        names = ", ".join(SORT_FIELDS)
        raise PydanticCustomError(
            "dashboard_sort",
            "{message_en}",
            {
                "message_vi": f"Không sắp xếp được theo giá trị này: dùng một trong {names} "
                "(thêm '-' phía trước để giảm dần).",
                "message_en": f"Cannot sort by this value: use one of {names} (with a leading '-' for "
                "descending).",
            },
        )
    return text


RowOrder = Annotated[
    str,
    AfterValidator(known_sort),
    Query(
        max_length=32,
        description="The order of the commune rows: commune_id, name or a KPI of `kpis` (e.g. overdue, "
        "on_time_rate), ascending; descending with a leading '-'. Communes without the KPI (no on-time "
        "rate yet) come last either way; ties by commune code.",
        examples=["-overdue"],
    ),
]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
Answers = dict[int | str, dict[str, object]]
_COMMON: Answers = {
    404: {"description": "No administrative unit has the code", **_PROBLEM},
    422: {
        "description": "A malformed code; a period of the wrong shape or in the future; as_of before the "
        "first event",
        **_PROBLEM,
    },
    503: {"description": "The reporting service is not answering", **_PROBLEM},
}
_UNIT: Answers = {
    403: {"description": "The unit is outside the caller's scope", **_PROBLEM},
    **_COMMON,
    422: {
        "description": "A malformed code; a period of the wrong shape or in the future; as_of before the "
        "first event; an unknown sort; a limit or offset out of bounds",
        **_PROBLEM,
    },
}


class KpisOut(BaseModel):
    documents_in: int = Field(description="Incoming documents registered in the period.")
    documents_out: int = Field(description="Outgoing documents numbered in the period.")
    direction_median_days: float | None = Field(description="Days from arrival to the first direction.")
    direction_p90_days: float | None
    completion_median_days: float | None = Field(description="Days from arrival to the last task done.")
    completion_p90_days: float | None
    completed: int = Field(description="Tasks completed in the period.")
    on_time: int = Field(description="… of them by their current deadline.")
    on_time_rate: float | None
    overdue: int = Field(description="Tasks that went overdue in the period.")
    coverage_events: int = Field(description="Coverage started or escalated in the period.")
    figures_in_conflict: int = Field(description="Figure conflicts of the period still open.")

    @classmethod
    def of(cls, k: Kpis) -> KpisOut:
        return cls(**{name: getattr(k, name) for name in cls.model_fields})


class AdoptionOut(BaseModel):
    commune_id: str = Field(description="The unit that adopted (for a merged one: its successor's history).")
    adopted_on: date
    wave: str
    pilot: bool

    @classmethod
    def of(cls, a: ModelAdoption) -> AdoptionOut:
        return cls(commune_id=a.commune_id, adopted_on=a.adopted_on, wave=a.wave, pilot=a.pilot)


class CommuneOut(BaseModel):
    commune_id: str
    name: str
    history: list[str] = Field(description="The commune and the units merged into it by the day shown.")
    adoption: AdoptionOut | None
    pilot: bool
    kpis: KpisOut
    headcount_before: dict[str, int] | None = Field(description="By category, the day before adopting.")
    headcount_after: dict[str, int] = Field(description="By category, on the day shown.")

    @classmethod
    def of(cls, c: CommuneRow) -> CommuneOut:
        return cls(
            commune_id=c.commune_id,
            name=c.name,
            history=list(c.history),
            adoption=AdoptionOut.of(c.adoption) if c.adoption else None,
            pilot=c.adoption is not None and c.adoption.pilot,
            kpis=KpisOut.of(c.kpis),
            headcount_before=c.headcount_before,
            headcount_after=c.headcount_after,
        )


class AdoptionWaveOut(BaseModel):
    adopted_on: date
    wave: str
    pilot: bool
    communes: int = Field(description="How many of the unit's communes adopted on that day in that wave.")

    @classmethod
    def of(cls, w: AdoptionWave) -> AdoptionWaveOut:
        return cls(adopted_on=w.adopted_on, wave=w.wave, pilot=w.pilot, communes=w.communes)


class PositionOut(BaseModel):
    source: str = Field(description="A topic (or, embedded, a store: store:documents, store:staff, …).")
    partition: int
    next_offset: int


class AsOfPositionsOut(BaseModel):
    positions: list[PositionOut]
    read_at: datetime

    @classmethod
    def of(cls, positions: tuple[Position, ...], read_at: datetime) -> AsOfPositionsOut:
        return cls(
            positions=[PositionOut(source=p.source, partition=p.partition, next_offset=p.next_offset)
                       for p in positions],
            read_at=read_at,
        )  # fmt: skip


class DashboardOut(BaseModel):
    unit_code: str
    unit_name: str
    period: str
    as_of: datetime
    viewed_on: date = Field(description="The day the hierarchy is shown as of (an ended unit: its last day).")
    communes: list[CommuneOut] = Field(
        description="One page of the unit's communes: at most `limit` rows from `offset`, in the order "
        "`sort`."
    )
    commune_count: int = Field(description="Every commune under the unit on the day shown (all pages).")
    offset: int = Field(description="The index of the page's first row among all the unit's communes.")
    limit: int = Field(description="The most rows a page has.")
    sort: str = Field(description="The order of the rows (see the `sort` parameter).")
    totals: KpisOut = Field(
        description="Over ALL the unit's communes (commune_count), whatever page: the sum of the communes "
        "of every page answered with the same as_of_positions (one snapshot)."
    )
    pilot: KpisOut = Field(description="The communes of the pilot wave (all the unit's, like totals).")
    others: KpisOut = Field(description="The other communes (all the unit's).")
    before_adoption: KpisOut = Field(
        description="The unit's adopted communes (all of them), in the period, before their adoption day."
    )
    after_adoption: KpisOut = Field(description="… from their adoption day on.")
    adoptions: list[AdoptionOut] = Field(
        description="When the communes of this page adopted the model (adoption_waves: the whole unit)."
    )
    adoption_waves: list[AdoptionWaveOut] = Field(
        description="Which communes adopted when, over the whole unit: how many per adoption day and wave."
    )
    as_of_positions: AsOfPositionsOut

    @classmethod
    def of(cls, d: UnitDashboard) -> DashboardOut:
        return cls(
            unit_code=d.unit_code,
            unit_name=d.unit_name,
            period=d.period,
            as_of=d.as_of,
            viewed_on=d.viewed_on,
            communes=[CommuneOut.of(c) for c in d.communes],
            commune_count=d.commune_count,
            offset=d.offset,
            limit=d.limit,
            sort=d.sort,
            totals=KpisOut.of(d.totals),
            pilot=KpisOut.of(d.pilot),
            others=KpisOut.of(d.others),
            before_adoption=KpisOut.of(d.before_adoption),
            after_adoption=KpisOut.of(d.after_adoption),
            adoptions=[AdoptionOut.of(a) for a in d.adoptions],
            adoption_waves=[AdoptionWaveOut.of(w) for w in d.adoption_waves],
            as_of_positions=AsOfPositionsOut.of(d.positions, d.read_at),
        )


class BodyWorkloadOut(BaseModel):
    body_code: str = Field(description="Empty: work for no particular body.")
    open: int
    done: int
    overdue: int


class StaffWorkloadOut(BaseModel):
    person_id: str
    name: str
    category: str
    allowance: str = Field(description="The allowance coefficient, exactly, e.g. '2.67'.")
    bodies: list[str]
    open: int
    done: int
    overdue: int
    by_body: list[BodyWorkloadOut]

    @classmethod
    def of(cls, s: StaffWorkload) -> StaffWorkloadOut:
        return cls(
            person_id=s.person_id,
            name=s.name,
            category=s.category,
            allowance=s.allowance,
            bodies=list(s.bodies),
            open=s.open,
            done=s.done,
            overdue=s.overdue,
            by_body=[BodyWorkloadOut(body_code=b.body_code, open=b.open, done=b.done, overdue=b.overdue)
                     for b in s.by_body],
        )  # fmt: skip


class WorkloadOut(BaseModel):
    commune_id: str
    day: date
    staff: list[StaffWorkloadOut]
    headcount: dict[str, int] = Field(description="Staff by category on the day.")
    as_of_positions: AsOfPositionsOut


@router.get("/units/{code}/dashboard", response_model=DashboardOut, responses=_UNIT)
async def get_unit_dashboard(
    code: UnitCode,
    period: PeriodText,
    port: DashboardDep,
    context: ReadsUnit,
    as_of: Annotated[
        datetime | None,
        Query(description="The moment the hierarchy is taken at (ISO 8601; no offset: UTC); default now."),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="The most commune rows in this page.")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=INT32_MAX, description="Commune rows to skip.")] = 0,
    sort: RowOrder = "commune_id",
) -> DashboardOut:
    """A page of the communes under a unit as it stood on as_of, KPIs side by side; the totals, pilot vs
    others and before/after over all of them."""
    if as_of is not None and as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=UTC)
    rows = RowsAsked(limit=limit, offset=offset, sort=sort)
    return DashboardOut.of(await port.unit_dashboard(code, period, as_of, context, rows))


@router.get("/communes/{commune_id}/kpis", response_model=DashboardOut, responses=_COMMON)
async def get_commune_kpis(
    commune_id: CommuneId, period: PeriodText, port: DashboardDep, context: ReadsCommune
) -> DashboardOut:
    """One commune's KPIs of a period (with its adoption and headcount), as of now."""
    return DashboardOut.of(await port.commune_kpis(commune_id, period, context))


@router.get("/communes/{commune_id}/workload", response_model=WorkloadOut, responses=_COMMON)
async def get_commune_workload(
    commune_id: CommuneId, port: DashboardDep, context: ReadsCommune
) -> WorkloadOut:
    """Each member of a commune's staff today: open, done, overdue tasks by body, category, allowance."""
    w = await port.commune_workload(commune_id, context)
    return WorkloadOut(
        commune_id=w.commune_id,
        day=w.day,
        staff=[StaffWorkloadOut.of(s) for s in w.staff],
        headcount=w.headcount,
        as_of_positions=AsOfPositionsOut.of(w.positions, w.read_at),
    )
