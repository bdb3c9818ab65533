"""A hand-written fake of the gateway's :class:`UnitsPort`: a few units of Tương Dương with dates."""

from __future__ import annotations

from datetime import date

from oneoffice.gateway.application.errors import InvalidRequest, NotFound
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.application.units import (
    LineageStep,
    ReorganisationDraft,
    ReorganisationResult,
    Unit,
    UnitBody,
    UnitLineage,
)

D2017, D2020, D2025 = date(2017, 1, 1), date(2020, 1, 1), date(2025, 7, 1)
PROVINCE = Unit("40", "Nghệ An", "province", None, False, D2017, None)
DISTRICT = Unit("NA-TUONG-DUONG", "Tương Dương", "district", "40", True, D2017, date(2025, 6, 30))
HOA_BINH = Unit("TD-HOA-BINH", "Hòa Bình", "township", "NA-TUONG-DUONG", True, D2017, date(2019, 12, 31))
THACH_GIAM = Unit("TD-THACH-GIAM", "Thạch Giám", "township", "NA-TUONG-DUONG", True, D2020, date(2025, 6, 30))
TUONG_DUONG = Unit("16876", "Tương Dương", "commune", "40", False, D2025, None, ("UBND", "DANG_UY"))
UNITS = (PROVINCE, DISTRICT, HOA_BINH, THACH_GIAM, TUONG_DUONG)


def _alive(unit: Unit, day: date) -> bool:
    return unit.valid_from <= day and (unit.valid_to is None or day <= unit.valid_to)


# Codes the fake registry never had (a reorganisation naming one is refused as the service does).
NEVER_EXISTED = frozenset({"99999"})


class FakeUnits:
    """Answers from :data:`UNITS`; remembers the reorganisations asked for and who asked."""

    def __init__(self) -> None:
        self.listed: list[tuple[str | None, date]] = []
        self.drafts: list[tuple[ReorganisationDraft, str]] = []

    async def list_units(self, parent: str | None, as_of: date, context: RequestContext) -> list[Unit]:
        self.listed.append((parent, as_of))
        return [u for u in UNITS if u.parent == parent and _alive(u, as_of)]

    async def get_unit(self, code: str, as_of: date | None, context: RequestContext) -> Unit:
        for unit in UNITS:
            if unit.code == code and (as_of is None or _alive(unit, as_of)):
                return unit
        raise NotFound("staff", f"Không có đơn vị hành chính mã '{code}'.", f"There is no unit '{code}'.")

    async def get_lineage(self, code: str, context: RequestContext) -> UnitLineage:
        unit = await self.get_unit(code, None, context)
        to_thach_giam = LineageStep("merge", D2020, HOA_BINH, THACH_GIAM)
        to_tuong_duong = LineageStep("merge", D2025, THACH_GIAM, TUONG_DUONG)
        if code == "16876":
            return UnitLineage(unit, (to_tuong_duong, to_thach_giam), ())
        if code == "TD-HOA-BINH":
            return UnitLineage(unit, (), (to_thach_giam, to_tuong_duong))
        return UnitLineage(unit, (), ())

    async def get_unit_bodies(self, code: str, as_of: date | None, context: RequestContext) -> list[UnitBody]:
        unit = await self.get_unit(code, as_of, context)
        names = {"UBND": ("Ủy ban nhân dân", "People's Committee"), "DANG_UY": ("Đảng ủy", "Party committee")}
        carried = ("TD-THACH-GIAM",) if code == "16876" else ()
        return [UnitBody(b, *names[b], unit.valid_from, carried) for b in unit.bodies]

    async def reorganise(self, draft: ReorganisationDraft, context: RequestContext) -> ReorganisationResult:
        if "TD-HOA-BINH" in draft.units and draft.effective >= D2020:
            raise InvalidRequest(
                "staff",
                "Đơn vị 'TD-HOA-BINH' đã chấm dứt từ ngày 01/01/2020.",
                "Unit 'TD-HOA-BINH' ceased on 2020-01-01.",
            )
        for code in draft.units:
            if code in NEVER_EXISTED:
                raise NotFound(
                    "staff", f"Không có đơn vị hành chính mã '{code}'.", f"There is no unit '{code}'."
                )
        earlier = any(d.reorganisation_id == draft.reorganisation_id for d, _ in self.drafts)
        self.drafts.append((draft, context.actor))
        return ReorganisationResult(
            draft.reorganisation_id,
            draft.kind,
            draft.effective,
            draft.note,
            draft.units,
            recorded_now=not earlier,
        )
