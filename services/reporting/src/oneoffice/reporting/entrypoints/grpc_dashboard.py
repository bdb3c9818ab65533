"""``oneoffice.reporting.v1.DashboardService``: a unit's dashboard, a commune's KPIs and workload (#13).

A province's dashboard has thousands of rows: a reader gets one page of them (``limit``, ``offset``,
``sort``), with the totals of all. Turning rows into protobuf messages costs far more than counting
them: the same page of the same answer served again (:class:`..application.dashboard_cache.
CachedDashboards` hands back the same rows) is sent as the bytes already serialized, followed by its
own "as of" fields: serialized protobuf messages concatenate into their merge. The bytes of the last
pages asked of the last few answers are kept (:class:`KeptPerDashboard`: a page has at most
``MAX_LIMIT`` rows, about 230 kB; 4 answers × 32 pages at most).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime

import grpc

from oneoffice.contracts.access import Permission
from oneoffice.contracts.dashboard_paging import MAX_LIMIT
from oneoffice.contracts.grpc.reporting.v1 import dashboard_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import dashboard_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import require
from oneoffice.eventcore.grpc_runtime import ServiceRegistration

from ..application.dashboard import DashboardQuery
from ..application.dashboard_pages import KeptPerDashboard, parse_paging
from ..application.errors import InvalidQuery
from ..dashboard_wiring import DashboardWiring
from ..domain.dashboard import Adoption, Dashboard, Workload
from ..domain.dashboard_page import DashboardPage, Paging, page_of
from ..domain.kpis import Kpis
from ..domain.work_board import AsOf
from .grpc_errors import reporting_errors

SERVICE_NAME = "oneoffice.reporting.v1.DashboardService"

GetDashboard = Callable[[DashboardQuery], Awaitable[DashboardPage]]
GetCommuneKpis = Callable[[str, str], Awaitable[Dashboard]]
GetWorkload = Callable[[str], Awaitable[Workload]]


class DashboardServicer(pb_grpc.DashboardServiceServicer):
    def __init__(
        self, get_dashboard: GetDashboard, get_commune_kpis: GetCommuneKpis, get_workload: GetWorkload
    ) -> None:
        self._get_dashboard = get_dashboard
        self._get_commune_kpis = get_commune_kpis
        self._get_workload = get_workload
        self._serialized: KeptPerDashboard[tuple[Paging, tuple[object, ...]], bytes] = KeptPerDashboard()

    async def GetUnitDashboard(
        self, request: pb.GetUnitDashboardRequest, context: grpc.aio.ServicerContext
    ) -> bytes:
        # The permission here; the unit's scope where the hierarchy is known (UnitOutOfScope).
        identity = await require(context, Permission.DASHBOARD_READ)
        everywhere = identity.reaches_every_commune(Permission.DASHBOARD_READ)
        async with reporting_errors(context):
            query = DashboardQuery(
                unit_code=request.unit_code,
                period=request.period,
                as_of=_moment(request.as_of),
                scope=None if everywhere else frozenset(identity.scope),
                paging=parse_paging(request.sort, request.limit, request.offset),
            )
            page = await self._get_dashboard(query)
        board = page.board
        moment = pb.UnitDashboard(as_of=board.as_of.isoformat(), as_of_positions=_as_of(board.positions))
        tail: bytes = moment.SerializeToString()
        return self._body(page) + tail

    def _body(self, page: DashboardPage) -> bytes:
        """The page without its "as of" fields, serialized once per page of an answer of the cache."""
        board = page.board

        def serialize() -> bytes:
            body = _dashboard(page)
            body.ClearField("as_of")
            body.ClearField("as_of_positions")
            serialized: bytes = body.SerializeToString()
            return serialized

        return self._serialized.get(board, (page.paging, _body_fields(board)), serialize)

    async def GetCommuneKpis(
        self, request: pb.GetCommuneKpisRequest, context: grpc.aio.ServicerContext
    ) -> pb.UnitDashboard:
        await require(context, Permission.DASHBOARD_READ, request.commune_id)
        async with reporting_errors(context):
            board = await self._get_commune_kpis(request.commune_id, request.period)
        return _dashboard(page_of(board, Paging(limit=MAX_LIMIT)))

    async def GetCommuneWorkload(
        self, request: pb.GetCommuneWorkloadRequest, context: grpc.aio.ServicerContext
    ) -> pb.CommuneWorkload:
        await require(context, Permission.DASHBOARD_READ, request.commune_id)
        async with reporting_errors(context):
            workload = await self._get_workload(request.commune_id)
        return pb.CommuneWorkload(
            commune_id=workload.commune_id,
            day=workload.day.isoformat(),
            staff=[
                pb.StaffWorkload(
                    person_id=s.person_id,
                    name=s.name,
                    category=s.category,
                    allowance=str(s.allowance),
                    bodies=list(s.bodies),
                    open=s.open,
                    done=s.done,
                    overdue=s.overdue,
                    by_body=[
                        pb.BodyWorkload(body_code=b, open=o, done=d, overdue=v) for b, o, d, v in s.by_body
                    ],
                )
                for s in workload.staff
            ],
            headcount=_counts(workload.headcount),
            as_of_positions=_as_of(workload.positions),
        )


def _moment(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InvalidQuery(
            "as_of",
            f"Thời điểm '{text}' không đúng dạng ISO 8601 có múi giờ (ví dụ 2026-04-01T00:00:00Z).",
            f"The moment '{text}' is not ISO 8601 with an offset (e.g. 2026-04-01T00:00:00Z).",
        )
    return moment


def _kpis(kpis: Kpis) -> pb.Kpis:
    return pb.Kpis(
        documents_in=kpis.documents_in,
        documents_out=kpis.documents_out,
        direction_median_days=kpis.direction_median_days,
        direction_p90_days=kpis.direction_p90_days,
        completion_median_days=kpis.completion_median_days,
        completion_p90_days=kpis.completion_p90_days,
        completed=kpis.completed,
        on_time=kpis.on_time,
        on_time_rate=kpis.on_time_rate,
        overdue=kpis.overdue,
        coverage_events=kpis.coverage_events,
        figures_in_conflict=kpis.figures_in_conflict,
    )


def _adoption(adoption: Adoption) -> pb.ModelAdoption:
    return pb.ModelAdoption(
        commune_id=adoption.commune_id,
        adopted_on=adoption.adopted_on.isoformat(),
        wave=adoption.wave,
        pilot=adoption.pilot,
    )


def _counts(counts: Mapping[str, int]) -> list[pb.CategoryCount]:
    return [pb.CategoryCount(category=c, count=n) for c, n in sorted(counts.items())]


def _as_of(as_of: AsOf) -> pb.DashboardAsOf:
    return pb.DashboardAsOf(
        positions=[
            pb.DashboardPosition(source=p.source, partition=p.partition, next_offset=p.next_offset)
            for p in as_of.positions
        ],
        read_at=as_of.read_at.isoformat(),
    )


def _dashboard(page: DashboardPage) -> pb.UnitDashboard:
    board = page.board
    return pb.UnitDashboard(
        unit_code=board.unit_code,
        unit_name=board.unit_name,
        period=board.period,
        as_of=board.as_of.isoformat(),
        viewed_on=board.viewed_on.isoformat(),
        communes=[
            pb.CommuneRow(
                commune_id=row.commune_id,
                name=row.name,
                history=list(row.history),
                adoption=_adoption(row.adoption) if row.adoption else None,
                kpis=_kpis(row.kpis),
                adopted=row.headcount_before is not None,
                headcount_before=_counts(row.headcount_before or {}),
                headcount_after=_counts(row.headcount_after),
            )
            for row in page.rows
        ],
        totals=_kpis(board.totals),
        pilot=_kpis(board.pilot),
        others=_kpis(board.others),
        before_adoption=_kpis(board.before_adoption),
        after_adoption=_kpis(board.after_adoption),
        adoptions=[_adoption(a) for a in page.adoptions],
        as_of_positions=_as_of(board.positions),
        commune_count=page.commune_count,
        offset=page.paging.offset,
        limit=page.paging.limit,
        sort=page.paging.order.text,
        adoption_waves=[
            pb.AdoptionWave(
                adopted_on=w.adopted_on.isoformat(), wave=w.wave, pilot=w.pilot, communes=w.communes
            )
            for w in page.waves
        ],
    )


def _body_fields(board: Dashboard) -> tuple[object, ...]:
    """What of a dashboard, beside its rows, its serialized page says (all but its "as of")."""
    return (board.unit_code, board.unit_name, board.period, board.viewed_on, board.totals, board.pilot,
            board.others, board.before_adoption, board.after_adoption)  # fmt: skip


def _response(message: pb.UnitDashboard | bytes) -> bytes:
    return message if isinstance(message, bytes) else message.SerializeToString()


def registration(servicer: DashboardServicer) -> ServiceRegistration:
    def add_to_server(server: grpc.aio.Server) -> None:
        handlers = {
            # Already serialized (see the module's docstring).
            "GetUnitDashboard": grpc.unary_unary_rpc_method_handler(
                servicer.GetUnitDashboard,
                request_deserializer=pb.GetUnitDashboardRequest.FromString,
                response_serializer=_response,
            ),
            "GetCommuneKpis": grpc.unary_unary_rpc_method_handler(
                servicer.GetCommuneKpis,
                request_deserializer=pb.GetCommuneKpisRequest.FromString,
                response_serializer=pb.UnitDashboard.SerializeToString,
            ),
            "GetCommuneWorkload": grpc.unary_unary_rpc_method_handler(
                servicer.GetCommuneWorkload,
                request_deserializer=pb.GetCommuneWorkloadRequest.FromString,
                response_serializer=pb.CommuneWorkload.SerializeToString,
            ),
        }
        server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
        server.add_registered_method_handlers(SERVICE_NAME, handlers)

    return ServiceRegistration(SERVICE_NAME, add_to_server)


def registrations(wiring: DashboardWiring | None) -> list[ServiceRegistration]:
    """The service's registration, when the container wired the dashboard."""
    if wiring is None:
        return []
    return [registration(DashboardServicer(wiring.dashboard, wiring.commune_kpis, wiring.workload))]
