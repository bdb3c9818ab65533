"""``oneoffice.reporting.v1.FiguresService``: wire messages in, figures use cases, wire out.

Each call checks its caller (the identity the gateway signed) against the access table for the
commune it names; reports and adoptions are recorded in the caller's name.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, NoReturn

import grpc

from oneoffice.contracts.access import Permission
from oneoffice.contracts.events.reporting import IndicatorCatalogueVersionPublished
from oneoffice.contracts.grpc.reporting.v1 import figures_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import figures_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import require
from oneoffice.eventcore.grpc_errors import abort_for_store_error, ascii_text
from oneoffice.eventcore.grpc_runtime import ServiceRegistration

from ..application.figure_ports import ConflictView, FigureView
from ..application.figures import Caller, FigureService, ReportDraft
from ..domain.figure_errors import (
    CatalogueNotPublished,
    ConflictNotFound,
    ConflictNotOpen,
    FigureBusy,
    FigureError,
    InvalidFigure,
)
from ..figures_wiring import Figures

SERVICE_NAME = "oneoffice.reporting.v1.FiguresService"
CORRELATION_HEADER = "x-correlation-id"
UNAVAILABLE_VI = "Dịch vụ báo cáo tạm thời không truy cập được cơ sở dữ liệu; hãy thử lại sau."
UNAVAILABLE_EN = "The reporting service cannot reach its database for now; try again later."

_STATUSES: tuple[tuple[type[FigureError], grpc.StatusCode], ...] = (
    (InvalidFigure, grpc.StatusCode.INVALID_ARGUMENT),
    (ConflictNotFound, grpc.StatusCode.NOT_FOUND),
    (ConflictNotOpen, grpc.StatusCode.FAILED_PRECONDITION),
    (CatalogueNotPublished, grpc.StatusCode.FAILED_PRECONDITION),
    (FigureBusy, grpc.StatusCode.ABORTED),
)


def _status(error: FigureError) -> grpc.StatusCode:
    return next(
        (code for kind, code in _STATUSES if isinstance(error, kind)), grpc.StatusCode.INVALID_ARGUMENT
    )


async def abort_with(context: Any, exc: BaseException) -> NoReturn:
    """End the call with the status ``exc`` maps to; an unexpected error is re-raised (UNKNOWN)."""
    if isinstance(exc, FigureError):
        metadata: list[tuple[str, str | bytes]] = [
            ("message-en", ascii_text(exc.message_en)),
            ("error-code", exc.code),
        ]
        if isinstance(exc, InvalidFigure):
            violations = [
                {"field": v.field, "code": v.code, "message_vi": v.message_vi, "message_en": v.message_en}
                for v in exc.violations
            ]
            metadata.append(("field-violations-bin", json.dumps(violations, ensure_ascii=False).encode()))
        await context.abort(_status(exc), exc.message_vi, tuple(metadata))
    await abort_for_store_error(context, exc, unavailable_vi=UNAVAILABLE_VI, unavailable_en=UNAVAILABLE_EN)
    raise exc


def _text(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def catalogue_message(published: IndicatorCatalogueVersionPublished) -> pb.IndicatorCatalogue:
    return pb.IndicatorCatalogue(
        version=published.version,
        indicators=[
            pb.Indicator(
                code=i.code,
                name=i.name,
                unit=i.unit,
                aggregation=i.aggregation,
                periodicity=i.periodicity,
                minimum=_text(i.minimum),
                maximum=_text(i.maximum),
            )
            for i in published.indicators
        ],
    )


def figure_message(view: FigureView) -> pb.Figure:
    return pb.Figure(
        commune_id=view.commune_id,
        indicator=view.indicator_code,
        period=view.period,
        status=view.status,
        value=_text(view.value),
        open_conflict_id=view.open_conflict_id or "",
        history=[
            pb.FigureEntry(
                kind=e.kind,
                body=e.body_code,
                value=str(e.value),
                text=e.text,
                actor=e.actor,
                recorded_at=e.recorded_at.isoformat(),
                conflict_id=e.conflict_id or "",
            )
            for e in view.history
        ],
    )


def conflict_message(view: ConflictView) -> pb.FigureConflict:
    return pb.FigureConflict(
        conflict_id=view.conflict_id,
        commune_id=view.commune_id,
        indicator=view.indicator_code,
        period=view.period,
        status=view.status,
        values=[pb.BodyValue(body=b, value=str(v)) for b, v in sorted(view.values.items())],
        raised_at=view.raised_at.isoformat(),
        adopted_body=view.adopted_body or "",
        adopted_value=_text(view.adopted_value),
        reason=view.reason or "",
    )


async def _caller(context: Any, permission: Permission, commune_id: str) -> Caller:
    identity = await require(context, permission, commune_id)
    headers = {key: str(value) for key, value in context.invocation_metadata() or ()}
    return Caller(actor=identity.username, correlation_id=headers.get(CORRELATION_HEADER, ""))


class FiguresServicer(pb_grpc.FiguresServiceServicer):
    def __init__(self, figures: FigureService) -> None:
        self._figures = figures

    async def GetIndicatorCatalogue(
        self, request: pb.GetIndicatorCatalogueRequest, context: grpc.aio.ServicerContext
    ) -> pb.IndicatorCatalogue:
        await require(context, Permission.REFERENCE_READ)
        try:
            return catalogue_message(await self._figures.catalogue())
        except Exception as exc:
            await abort_with(context, exc)

    async def ReportFigure(
        self, request: pb.ReportFigureRequest, context: grpc.aio.ServicerContext
    ) -> pb.ReportFigureResponse:
        caller = await _caller(context, Permission.FIGURES_REPORT, request.commune_id)
        draft = ReportDraft(request.indicator, request.period, request.body, request.value, request.note)
        try:
            outcome = await self._figures.report(caller, request.commune_id, draft)
        except Exception as exc:
            await abort_with(context, exc)
        reported = outcome.events[0]
        figure = outcome.figure
        return pb.ReportFigureResponse(
            commune_id=request.commune_id,
            indicator=figure.indicator_code,
            period=figure.period,
            body=request.body,
            value=str(getattr(reported, "value", "")),
            status=outcome.status,
            figure_value=_text(figure.value),
            conflict_id=figure.open_conflict or "",
            catalogue_version=getattr(reported, "catalogue_version", 0),
        )

    async def ListFigures(
        self, request: pb.ListFiguresRequest, context: grpc.aio.ServicerContext
    ) -> pb.FigureList:
        await require(context, Permission.FIGURES_READ, request.commune_id)
        try:
            views = await self._figures.figures(
                request.commune_id, request.indicator or None, request.period or None
            )
        except Exception as exc:
            await abort_with(context, exc)
        return pb.FigureList(figures=[figure_message(v) for v in views])

    async def ListFigureConflicts(
        self, request: pb.ListFigureConflictsRequest, context: grpc.aio.ServicerContext
    ) -> pb.FigureConflictList:
        await require(context, Permission.FIGURES_READ, request.commune_id)
        try:
            views = await self._figures.conflicts(request.commune_id, request.status or None)
        except Exception as exc:
            await abort_with(context, exc)
        return pb.FigureConflictList(conflicts=[conflict_message(v) for v in views])

    async def AdoptFigure(
        self, request: pb.AdoptFigureRequest, context: grpc.aio.ServicerContext
    ) -> pb.AdoptFigureResponse:
        caller = await _caller(context, Permission.FIGURES_ADOPT, request.commune_id)
        try:
            event = await self._figures.adopt(
                caller, request.commune_id, request.conflict_id, request.body, request.reason
            )
        except Exception as exc:
            await abort_with(context, exc)
        return pb.AdoptFigureResponse(
            commune_id=event.commune_id,
            conflict_id=event.conflict_id,
            indicator=event.indicator_code,
            period=event.period,
            body=event.body_code,
            value=str(event.value),
            reason=event.reason,
        )


def registration(servicer: FiguresServicer) -> ServiceRegistration:
    def add_to_server(server: grpc.aio.Server) -> None:
        pb_grpc.add_FiguresServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    return ServiceRegistration(SERVICE_NAME, add_to_server)


def registrations(figures: Figures | None) -> list[ServiceRegistration]:
    """The service's registration, when the container has figures wired."""
    return [] if figures is None else [registration(FiguresServicer(figures.service))]
