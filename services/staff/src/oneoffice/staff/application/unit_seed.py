"""The history of Tương Dương's units (reference §6) as reorganisations, from the packaged table.

Applied at every start of the embedded demo and in tests; each reorganisation has a fixed id, so
applying the history again records nothing new. What the table does not give is decided here and
said in the events' notes: the units older than the 2017 pilot are recorded from 1 January 2017
(their founding dates are not in the reference); the district has no published code in the
reference (a synthetic one); Hòa Bình's merger into Thạch Giám in 2020 is inferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from ..domain.reorganisations import (
    CeaseUnit,
    EstablishUnit,
    MergeUnits,
    Reorganisation,
    ReparentUnit,
    UnitSpec,
)
from ..domain.units import synthetic_code
from .accounts import Caller
from .units import UnitRegistryService

PROVINCE_CODE = "40"
PROVINCE_NAME = "Nghệ An"
DISTRICT_NAME = "Tương Dương"
DISTRICT_CODE = synthetic_code(DISTRICT_NAME, PROVINCE_NAME)
RECORDED_FROM = date(2017, 1, 1)
DISTRICTS_ABOLISHED = date(2025, 7, 1)
RESOLUTION_2025 = "Nghị quyết 1678/NQ-UBTVQH15"
KINDS = {"xã": "commune", "phường": "ward", "thị trấn": "township"}

KNOWN_SINCE_NOTE = (
    "Ghi nhận từ đợt thí điểm 2017; ngày thành lập không có trong tài liệu tham khảo. "
    "/ Recorded from the 2017 pilot; its founding date is not in the reference."
)


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One row of ``units-tuong-duong.csv``."""

    name: str
    kind: str
    code_2025: str
    valid_from: str
    valid_to: str
    became: str
    notes: str

    @property
    def code(self) -> str:
        parent = PROVINCE_NAME if self.begins and self.begins >= DISTRICTS_ABOLISHED else DISTRICT_NAME
        return self.code_2025 or synthetic_code(self.name, parent)

    @property
    def begins(self) -> date | None:
        return date.fromisoformat(self.valid_from) if self.valid_from else None

    @property
    def ends_on(self) -> date | None:
        """The first day the unit no longer exists (the table gives the last day it does)."""
        return date.fromisoformat(self.valid_to) + timedelta(days=1) if self.valid_to else None


def _spec(row: UnitRow, bodies: tuple[str, ...], parent: str) -> UnitSpec:
    return UnitSpec(row.name, KINDS[row.kind], parent, code=row.code_2025 or None, bodies=bodies)


def _merge_note(day: date, merged: list[UnitRow]) -> str:
    if any("inferred" in row.notes for row in merged):
        names = ", ".join(row.name for row in merged)
        return (
            f"Suy luận: tài liệu tham khảo (§6) cho thấy {names} đã sáp nhập, nhưng chưa xác nhận. "
            f"/ Inferred: the reference (§6) suggests {names} merged, without confirmation."
        )
    return RESOLUTION_2025 if day >= DISTRICTS_ABOLISHED else ""


def tuong_duong_history(rows: list[UnitRow], bodies: tuple[str, ...]) -> list[Reorganisation]:
    """The reorganisations, in effective-date order, that give Tương Dương its recorded history."""
    history: list[Reorganisation] = [
        EstablishUnit("seed:40", RECORDED_FROM, UnitSpec(PROVINCE_NAME, "province", None, PROVINCE_CODE)),
        EstablishUnit(
            f"seed:{DISTRICT_CODE}",
            RECORDED_FROM,
            UnitSpec(DISTRICT_NAME, "district", PROVINCE_CODE),
            "Mã tổng hợp: tài liệu tham khảo không nêu mã huyện. / Synthetic code: the reference gives none.",
        ),
    ]
    for row in rows:
        if row.begins is None:
            note = f"{KNOWN_SINCE_NOTE} {row.notes}".strip()
            history.append(
                EstablishUnit(f"seed:{row.code}", RECORDED_FROM, _spec(row, bodies, DISTRICT_CODE), note)
            )
    ending = sorted((r for r in rows if r.ends_on is not None), key=lambda r: (r.ends_on, r.became))
    for (day, successor_name), group in groupby(ending, key=lambda r: (r.ends_on, r.became)):
        merged = list(group)
        successor = next(r for r in rows if r.name == successor_name and r.begins == day)
        parent = PROVINCE_CODE if day and day >= DISTRICTS_ABOLISHED else DISTRICT_CODE
        assert day is not None
        history.append(
            MergeUnits(
                f"seed:merge:{successor.code}",
                day,
                tuple(r.code for r in merged),
                _spec(successor, (), parent),
                _merge_note(day, merged),
            )
        )
    for row in rows:
        if row.begins is None and row.ends_on is None:
            note = f"{RESOLUTION_2025}: {row.notes}"
            history.append(
                ReparentUnit(f"seed:reparent:{row.code}", DISTRICTS_ABOLISHED, row.code, PROVINCE_CODE, note)
            )
    history.append(
        CeaseUnit(
            f"seed:cease:{DISTRICT_CODE}",
            DISTRICTS_ABOLISHED,
            DISTRICT_CODE,
            f"{RESOLUTION_2025}: cấp huyện kết thúc hoạt động. / The district level is abolished.",
        )
    )
    return history


async def seed_tuong_duong(
    units: UnitRegistryService, caller: Caller, rows: list[UnitRow], bodies: tuple[str, ...]
) -> int:
    """Apply the history; how many reorganisations this call recorded (0 once it was applied)."""
    recorded = 0
    for command in tuong_duong_history(rows, bodies):
        recorded += (await units.reorganise(caller, command)).new
    return recorded
