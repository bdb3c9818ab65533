"""A hand-written fake of the gateway's dashboard port (#13): answers set here, refusals on request."""

from __future__ import annotations

from datetime import UTC, date, datetime

from oneoffice.gateway.application.dashboard import (
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
from oneoffice.gateway.application.errors import Forbidden, InvalidRequest, NotFound, Unavailable
from oneoffice.gateway.application.ports import RequestContext

READ_AT = datetime(2026, 4, 1, 2, 0, tzinfo=UTC)
POSITIONS = (Position("oneoffice.documents.events.v1", 0, 42), Position("oneoffice.staff.events.v1", 0, 7))
PILOT = ModelAdoption("TD-MAI-SON", date(2017, 6, 1), "2017 pilot", True)
NHON = CommuneRow("16882", "Nhôn Mai", ("16882", "TD-MAI-SON"), PILOT, Kpis(documents_in=3, overdue=1),
                  {"công chức": 1}, {"công chức": 2})  # fmt: skip
TAM = CommuneRow("16876", "Tam Quang", ("16876",), None, Kpis(documents_in=2, direction_median_days=1.5),
                 None, {"cán bộ": 1})  # fmt: skip


class FakeDashboard:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.refuse: str | None = None  # "scope", "unknown", "period", "down"
        self.rows_asked: list[RowsAsked] = []

    def _check(self) -> None:
        match self.refuse:
            case "scope":
                raise Forbidden("reporting", "Đơn vị nằm ngoài phạm vi.", "The unit is outside the scope.")
            case "unknown":
                raise NotFound("reporting", "Không có đơn vị hành chính mã X.", "No unit with code X.")
            case "period":
                raise InvalidRequest(
                    "reporting", "Kỳ báo cáo không đúng dạng.", "The period has the wrong shape."
                )
            case "down":
                raise Unavailable(
                    "reporting", "Dịch vụ báo cáo không trả lời.", "Reporting is not answering."
                )

    async def unit_dashboard(
        self,
        unit_code: str,
        period: str,
        as_of: datetime | None,
        context: RequestContext,
        rows: RowsAsked | None = None,
    ) -> UnitDashboard:
        self.calls.append(("unit_dashboard", unit_code, period, as_of.isoformat() if as_of else ""))
        rows = rows or RowsAsked()
        self.rows_asked.append(rows)
        self._check()
        ordered = sorted((TAM, NHON), key=lambda r: r.commune_id, reverse=rows.sort == "-commune_id")
        return UnitDashboard(
            unit_code=unit_code,
            unit_name="Tương Dương",
            period=period,
            as_of=as_of or READ_AT,
            viewed_on=date(2025, 6, 30),
            communes=tuple(ordered[rows.offset : rows.offset + rows.limit]),
            totals=Kpis(documents_in=5, overdue=1, direction_median_days=1.5),
            pilot=NHON.kpis,
            others=TAM.kpis,
            before_adoption=Kpis(),
            after_adoption=NHON.kpis,
            adoptions=(PILOT,),
            positions=POSITIONS,
            read_at=READ_AT,
            commune_count=2,
            offset=rows.offset,
            limit=rows.limit,
            sort=rows.sort,
            adoption_waves=(AdoptionWave(date(2017, 6, 1), "2017 pilot", True, 1),),
        )

    async def commune_kpis(self, commune_id: str, period: str, context: RequestContext) -> UnitDashboard:
        self.calls.append(("commune_kpis", commune_id, period))
        return await self.unit_dashboard(commune_id, period, None, context)

    async def commune_workload(self, commune_id: str, context: RequestContext) -> CommuneWorkload:
        self.calls.append(("commune_workload", commune_id))
        self._check()
        person = StaffWorkload("p-an", "Lô Thị An", "công chức", "2.67", ("UBND",), 1, 2, 1,
                               (BodyWorkload("UBND", 1, 2, 1),))  # fmt: skip
        return CommuneWorkload(commune_id, date(2026, 4, 1), (person,), {"công chức": 1}, POSITIONS, READ_AT)
