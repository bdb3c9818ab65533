"""The :class:`FiguresPort` over ``oneoffice.reporting.v1.FiguresService``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import grpc

from oneoffice.contracts.grpc.reporting.v1 import figures_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import figures_pb2_grpc as pb_grpc

from ..application.figures import (
    Adoption,
    Figure,
    FigureConflict,
    FigureDraft,
    FigureEntry,
    Indicator,
    IndicatorCatalogue,
    ReportedFigure,
)
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "reporting"


def _figure(m: Any) -> Figure:
    history = tuple(
        FigureEntry(
            e.kind,
            e.body,
            e.value,
            e.text,
            e.actor,
            datetime.fromisoformat(e.recorded_at),
            e.conflict_id or None,
        )
        for e in m.history
    )
    return Figure(
        m.commune_id, m.indicator, m.period, m.status, m.value or None, m.open_conflict_id or None, history
    )


def _conflict(m: Any) -> FigureConflict:
    return FigureConflict(
        conflict_id=m.conflict_id,
        commune_id=m.commune_id,
        indicator=m.indicator,
        period=m.period,
        status=m.status,
        values={v.body: v.value for v in m.values},
        raised_at=datetime.fromisoformat(m.raised_at),
        adopted_body=m.adopted_body or None,
        adopted_value=m.adopted_value or None,
        reason=m.reason or None,
    )


class GrpcFigures:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def catalogue(self, context: RequestContext) -> IndicatorCatalogue:
        m = await self._call("GetIndicatorCatalogue", pb.GetIndicatorCatalogueRequest(), context)
        return IndicatorCatalogue(
            m.version,
            tuple(
                Indicator(
                    i.code, i.name, i.unit, i.aggregation, i.periodicity, i.minimum or None, i.maximum or None
                )
                for i in m.indicators
            ),
        )

    async def report(self, commune_id: str, draft: FigureDraft, context: RequestContext) -> ReportedFigure:
        request = pb.ReportFigureRequest(
            commune_id=commune_id,
            indicator=draft.indicator,
            period=draft.period,
            body=draft.body,
            value=draft.value,
            note=draft.note,
        )
        m = await self._call("ReportFigure", request, context)
        return ReportedFigure(
            m.commune_id,
            m.indicator,
            m.period,
            m.body,
            m.value,
            m.status,
            m.figure_value or None,
            m.conflict_id or None,
            m.catalogue_version,
        )

    async def figures(
        self, commune_id: str, indicator: str | None, period: str | None, context: RequestContext
    ) -> list[Figure]:
        request = pb.ListFiguresRequest(commune_id=commune_id, indicator=indicator or "", period=period or "")
        return [_figure(f) for f in (await self._call("ListFigures", request, context)).figures]

    async def conflicts(
        self, commune_id: str, status: str | None, context: RequestContext
    ) -> list[FigureConflict]:
        request = pb.ListFigureConflictsRequest(commune_id=commune_id, status=status or "")
        return [_conflict(c) for c in (await self._call("ListFigureConflicts", request, context)).conflicts]

    async def adopt(
        self, commune_id: str, conflict_id: str, body: str, reason: str, context: RequestContext
    ) -> Adoption:
        request = pb.AdoptFigureRequest(
            commune_id=commune_id, conflict_id=conflict_id, body=body, reason=reason
        )
        m = await self._call("AdoptFigure", request, context)
        return Adoption(m.commune_id, m.conflict_id, m.indicator, m.period, m.body, m.value, m.reason)

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        stub = pb_grpc.FiguresServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            return await getattr(stub, method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
