"""The rules a reorganisation effective on one day must keep, checked against the units' history.

- A unit named must exist on the day (not before it began, not after it ceased).
- Dates stay in order: a unit's changes are recorded in the order of their effective dates, and a
  unit ends only after it began.
- Every unit but a province has a parent that exists on the day and has not ceased; a parent ranks
  above its units (province, district, then xã/phường/thị trấn), and the hierarchy has no cycle.
- A code names one unit for ever: a new unit never takes the code of another, living or ceased.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NoReturn

from .reorganisations import UnitSpec
from .unit_errors import InvalidReorganisation, UnitNotFound
from .unit_history import UnitRecord
from .units import NewUnit, UnitKind, check_code, check_kind, check_name, synthetic_code

BODY_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,31}")


def refuse(code: str, message_vi: str, message_en: str) -> NoReturn:
    raise InvalidReorganisation(code, message_vi, message_en)


def _vi(day: date) -> str:
    return day.strftime("%d/%m/%Y")


class Rules:
    def __init__(self, units: dict[str, UnitRecord], day: date) -> None:
        self._units = units
        self.day = day

    def living(self, code: str, role: str = "unit") -> UnitRecord:
        record = self._units.get(code)
        if record is None:
            raise UnitNotFound(code)
        day = self.day
        if record.ended_on is not None and day >= record.ended_on:
            refuse(
                "unit_ceased",
                f"Đơn vị '{code}' đã chấm dứt từ ngày {_vi(record.ended_on)}, không còn vào ngày {_vi(day)}.",
                f"Unit '{code}' ceased on {record.ended_on.isoformat()}: "
                f"it does not exist on {day.isoformat()}.",
            )
        if day < record.valid_from:
            which = "Đơn vị kế thừa" if role == "successor" else "Đơn vị"
            refuse(
                f"{role}_not_on_date",
                f"{which} '{code}' chưa tồn tại vào ngày {_vi(day)} (có từ {_vi(record.valid_from)}).",
                f"The {role} '{code}' does not exist on {day.isoformat()} "
                f"(it begins on {record.valid_from.isoformat()}).",
            )
        return record

    def changing(self, code: str, role: str = "unit") -> UnitRecord:
        record = self.living(code, role)
        if self.day < record.last_change:
            refuse(
                "dates_out_of_order",
                f"Đơn vị '{code}' đã có thay đổi hiệu lực ngày {_vi(record.last_change)}, "
                f"sau ngày {_vi(self.day)}.",
                f"Unit '{code}' has a change effective {record.last_change.isoformat()}, "
                f"after {self.day.isoformat()}.",
            )
        return record

    def ending(self, code: str) -> UnitRecord:
        record = self.changing(code)
        if self.day <= record.valid_from:
            refuse(
                "dates_out_of_order",
                f"Đơn vị '{code}' chỉ có thể chấm dứt sau ngày bắt đầu {_vi(record.valid_from)}.",
                f"Unit '{code}' can end only after it began ({record.valid_from.isoformat()}).",
            )
        return record

    def new_unit(self, spec: UnitSpec, taken: Iterable[str] = ()) -> NewUnit:
        name, kind = check_name(spec.name), check_kind(spec.kind)
        self.check_parent(None, kind, spec.parent)
        if spec.code:
            code, synthetic = check_code(spec.code), False
        else:
            parent_name = self._units[spec.parent].name_on(self.day) if spec.parent else "Việt Nam"
            code, synthetic = synthetic_code(name, parent_name), True
        if code in self._units or code in taken:
            refuse(
                "unit_code_taken",
                f"Mã '{code}' đã dùng cho một đơn vị khác; mỗi mã chỉ dùng cho một đơn vị.",
                f"Code '{code}' belongs to another unit; a code names one unit only.",
            )
        bodies = tuple(dict.fromkeys(spec.bodies))
        if not all(BODY_CODE.fullmatch(body) for body in bodies):
            refuse("invalid_body", "Mã cơ quan, tổ chức không hợp lệ.", "Invalid body code.")
        return NewUnit(code, name, kind, spec.parent, synthetic, bodies)

    def new_units(self, specs: Iterable[UnitSpec], *, ending: str) -> tuple[NewUnit, ...]:
        made: list[NewUnit] = []
        for spec in specs:
            if spec.parent == ending:
                refuse(
                    "parent_ceases",
                    "Đơn vị mới không thể trực thuộc đơn vị bị chia tách.",
                    "A new unit cannot be under the unit that is split.",
                )
            made.append(self.new_unit(spec, taken=[unit.code for unit in made]))
        return tuple(made)

    def check_parent(self, code: str | None, kind: UnitKind, parent: str | None) -> None:
        if parent is None:
            if kind is not UnitKind.PROVINCE:
                refuse(
                    "parent_required",
                    "Đơn vị dưới cấp tỉnh phải có đơn vị cấp trên.",
                    "A unit below a province needs a parent.",
                )
            return
        record = self.living(parent, "parent")
        if record.ended_on is not None:
            refuse(
                "parent_ceases",
                f"Đơn vị cấp trên '{parent}' chấm dứt ngày {_vi(record.ended_on)}.",
                f"The parent '{parent}' ceases on {record.ended_on.isoformat()}.",
            )
        if code is not None and self._cycles(code, parent):
            refuse(
                "hierarchy_cycle",
                f"Đặt '{code}' dưới '{parent}' tạo thành vòng lặp trong cây đơn vị.",
                f"Putting '{code}' under '{parent}' makes a cycle in the hierarchy.",
            )
        self._check_ranks(kind, record.kind_on(self.day), parent)

    def check_rank(
        self, record: UnitRecord, kind: UnitKind, parent: str | None, *, parent_kind: UnitKind | None = None
    ) -> None:
        if parent is not None:
            above = parent_kind or self._units[parent].kind_on(self.day)
            self._check_ranks(kind, above, parent)
        on_day, later = self.dependants(record.code)
        for child in (*on_day, *later):
            self._check_ranks(self._units[child].kind_on(self.day), kind, record.code)

    def dependants(self, code: str) -> tuple[list[str], list[str]]:
        """Units under ``code`` on the day, and units put under it by changes dated later."""
        on_day = [
            r.code for r in self._units.values() if r.alive_on(self.day) and r.parent_on(self.day) == code
        ]
        later = [
            r.code
            for r in self._units.values()
            if r.code not in on_day and any(begins > self.day and p == code for begins, p in r.parents)
        ]
        return on_day, later

    def units_to_move(self, code: str) -> list[str]:
        """The units under ``code`` when it ends (refused if later changes put more under it)."""
        on_day, later = self.dependants(code)
        if later:
            refuse(
                "dates_out_of_order",
                f"Có đơn vị được đặt dưới '{code}' sau ngày {_vi(self.day)}.",
                f"Units are put under '{code}' after {self.day.isoformat()}.",
            )
        return on_day

    def _cycles(self, code: str, parent: str) -> bool:
        """Whether ``parent`` is ``code`` or under it, on the day or on any later day a parent changes."""
        days = {self.day} | {b for r in self._units.values() for b, _ in r.parents if b > self.day}
        for day in sorted(days):
            current: str | None = parent
            for _ in range(len(self._units) + 1):
                if current is None:
                    break
                if current == code:
                    return True
                current = self._units[current].parent_on(day)
        return False

    @staticmethod
    def _check_ranks(kind: UnitKind, parent_kind: UnitKind, parent: str) -> None:
        if parent_kind.rank >= kind.rank:
            refuse(
                "parent_kind",
                f"Một {kind.label_vi} không thể trực thuộc {parent_kind.label_vi} '{parent}'.",
                f"A {kind.label_en} cannot be under the {parent_kind.label_en} '{parent}'.",
            )
