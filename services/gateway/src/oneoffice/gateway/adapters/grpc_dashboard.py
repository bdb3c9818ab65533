"""The :class:`DashboardPort` over ``oneoffice.reporting.v1.DashboardService``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import grpc

from oneoffice.contracts.grpc.reporting.v1 import dashboard_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import dashboard_pb2_grpc as pb_grpc

from ..application.dashboard import (
    AdoptionWave,
    BodyWorkload,
    CommuneRow,
    CommuneWorkload,
    Kpis,
    ModelAdoption,
    Position,
    RowsAsked,
    StaffWorkload,
    UnitDashboard,
)
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "reporting"
_OPTIONAL = (
    "direction_median_days",
    "direction_p90_days",
    "completion_median_days",
    "completion_p90_days",
    "on_time_rate",
)


def _kpis(m: Any) -> Kpis:
    optional = {name: getattr(m, name) if m.HasField(name) else None for name in _OPTIONAL}
    return Kpis(
        documents_in=m.documents_in,
        documents_out=m.documents_out,
        completed=m.completed,
        on_time=m.on_time,
        overdue=m.overdue,
        coverage_events=m.coverage_events,
        figures_in_conflict=m.figures_in_conflict,
        **optional,
    )


def _adoption(m: Any) -> ModelAdoption:
    return ModelAdoption(m.commune_id, date.fromisoformat(m.adopted_on), m.wave, m.pilot)


def _counts(items: Any) -> dict[str, int]:
    return {c.category: c.count for c in items}


def _positions(m: Any) -> tuple[Position, ...]:
    return tuple(Position(p.source, p.partition, p.next_offset) for p in m.positions)


def _dashboard(r: Any) -> UnitDashboard:
    return UnitDashboard(
        unit_code=r.unit_code,
        unit_name=r.unit_name,
        period=r.period,
        as_of=datetime.fromisoformat(r.as_of),
        viewed_on=date.fromisoformat(r.viewed_on),
        communes=tuple(
            CommuneRow(
                commune_id=c.commune_id,
                name=c.name,
                history=tuple(c.history),
                adoption=_adoption(c.adoption) if c.HasField("adoption") else None,
                kpis=_kpis(c.kpis),
                headcount_before=_counts(c.headcount_before) if c.adopted else None,
                headcount_after=_counts(c.headcount_after),
            )
            for c in r.communes
        ),
        totals=_kpis(r.totals),
        pilot=_kpis(r.pilot),
        others=_kpis(r.others),
        before_adoption=_kpis(r.before_adoption),
        after_adoption=_kpis(r.after_adoption),
        adoptions=tuple(_adoption(a) for a in r.adoptions),
        positions=_positions(r.as_of_positions),
        read_at=datetime.fromisoformat(r.as_of_positions.read_at),
        commune_count=r.commune_count,
        offset=r.offset,
        limit=r.limit,
        sort=r.sort,
        adoption_waves=tuple(
            AdoptionWave(date.fromisoformat(w.adopted_on), w.wave, w.pilot, w.communes)
            for w in r.adoption_waves
        ),
    )


class GrpcDashboard:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    def _stub(self) -> Any:
        return pb_grpc.DashboardServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        try:
            return await getattr(self._stub(), method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc

    async def unit_dashboard(
        self,
        unit_code: str,
        period: str,
        as_of: datetime | None,
        context: RequestContext,
        rows: RowsAsked | None = None,
    ) -> UnitDashboard:
        rows = rows or RowsAsked()
        request = pb.GetUnitDashboardRequest(
            unit_code=unit_code,
            period=period,
            as_of=as_of.isoformat() if as_of else "",
            limit=rows.limit,
            offset=rows.offset,
            sort=rows.sort,
        )
        return _dashboard(await self._call("GetUnitDashboard", request, context))

    async def commune_kpis(self, commune_id: str, period: str, context: RequestContext) -> UnitDashboard:
        request = pb.GetCommuneKpisRequest(commune_id=commune_id, period=period)
        return _dashboard(await self._call("GetCommuneKpis", request, context))

    async def commune_workload(self, commune_id: str, context: RequestContext) -> CommuneWorkload:
        r = await self._call(
            "GetCommuneWorkload", pb.GetCommuneWorkloadRequest(commune_id=commune_id), context
        )
        return CommuneWorkload(
            commune_id=r.commune_id,
            day=date.fromisoformat(r.day),
            staff=tuple(
                StaffWorkload(
                    person_id=s.person_id,
                    name=s.name,
                    category=s.category,
                    allowance=s.allowance,
                    bodies=tuple(s.bodies),
                    open=s.open,
                    done=s.done,
                    overdue=s.overdue,
                    by_body=tuple(BodyWorkload(b.body_code, b.open, b.done, b.overdue) for b in s.by_body),
                )
                for s in r.staff
            ),
            headcount=_counts(r.headcount),
            positions=_positions(r.as_of_positions),
            read_at=datetime.fromisoformat(r.as_of_positions.read_at),
        )
