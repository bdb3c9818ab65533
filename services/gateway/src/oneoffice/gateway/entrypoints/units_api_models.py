"""Request and response bodies of the administrative-units API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..application.units import (
    LineageStep,
    NewUnitDraft,
    ReorganisationDraft,
    ReorganisationKind,
    ReorganisationResult,
    Unit,
    UnitBody,
    UnitLineage,
)

UNIT_CODE_PATTERN = r"^[0-9A-Za-z_-]{1,32}$"
UnitCode = Annotated[str, Field(pattern=UNIT_CODE_PATTERN, examples=["16876"])]
KIND_NAMES: dict[str, tuple[str, str]] = {
    "province": ("tỉnh", "province"),
    "district": ("huyện", "district"),
    "commune": ("xã", "commune"),
    "ward": ("phường", "ward"),
    "township": ("thị trấn", "township"),
}


class UnitOut(BaseModel):
    code: str = Field(description="Official code, or a synthetic one when `synthetic` is true.")
    name: str
    kind: str = Field(description="province, district, commune (xã), ward (phường), township (thị trấn).")
    kind_vi: str = Field(description="The kind in Vietnamese, e.g. 'thị trấn'.")
    parent: str | None = Field(description="Code of the unit it is under on the day asked.")
    synthetic: bool
    valid_from: date = Field(description="First day it exists.")
    valid_to: date | None = Field(description="Last day it exists; null while it exists.")
    bodies: list[str] = Field(description="Bodies its office serves (bodies.csv codes).")

    @classmethod
    def of(cls, unit: Unit) -> UnitOut:
        return cls(
            code=unit.code,
            name=unit.name,
            kind=unit.kind,
            kind_vi=KIND_NAMES.get(unit.kind, (unit.kind, unit.kind))[0],
            parent=unit.parent,
            synthetic=unit.synthetic,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
            bodies=list(unit.bodies),
        )


class UnitBodyOut(BaseModel):
    code: str = Field(description="bodies.csv code, e.g. DANG_UY.", examples=["DANG_UY"])
    name_vi: str
    name_en: str
    since: date = Field(description="First day of the unbroken period the unit has served it.")
    carried_from: list[str] = Field(
        description="Units merged into this one that carried it (each had its own body of that kind)."
    )

    @classmethod
    def of(cls, body: UnitBody) -> UnitBodyOut:
        return cls(
            code=body.code,
            name_vi=body.name_vi,
            name_en=body.name_en,
            since=body.since,
            carried_from=list(body.carried_from),
        )


class UnitBodiesOut(BaseModel):
    code: str
    as_of: date | None = Field(description="The day asked about; null: as the unit last was.")
    bodies: list[UnitBodyOut]


class UnitListOut(BaseModel):
    parent: str | None = Field(description="The parent asked for (null: the units under no other).")
    as_of: date
    units: list[UnitOut]


class LineageStepOut(BaseModel):
    kind: str = Field(description="merge or split.")
    effective: date = Field(description="First day of the successor.")
    predecessor: UnitOut = Field(description="As it last was.")
    successor: UnitOut = Field(description="As it was on the effective day.")

    @classmethod
    def of(cls, step: LineageStep) -> LineageStepOut:
        return cls(
            kind=step.kind,
            effective=step.effective,
            predecessor=UnitOut.of(step.predecessor),
            successor=UnitOut.of(step.successor),
        )


class LineageOut(BaseModel):
    unit: UnitOut
    came_from: list[LineageStepOut] = Field(description="What it came from, transitively, nearest first.")
    became: list[LineageStepOut] = Field(description="What it became, transitively, nearest first.")

    @classmethod
    def of(cls, lineage: UnitLineage) -> LineageOut:
        return cls(
            unit=UnitOut.of(lineage.unit),
            came_from=[LineageStepOut.of(s) for s in lineage.came_from],
            became=[LineageStepOut.of(s) for s in lineage.became],
        )


class NewUnitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, examples=["Tương Dương"])
    kind: str = Field(max_length=20, examples=["commune"])
    parent: UnitCode | None = Field(default=None, description="Code of its parent (none for a province).")
    code: UnitCode | None = Field(default=None, description="Its official code; none: a synthetic one.")
    bodies: list[str] = Field(
        default_factory=list, max_length=50, description="None: every body of a commune."
    )


class ReorganisationIn(BaseModel):
    """One reorganisation. ``units``: the units it acts on (those that merge; the one split, renamed,
    re-parented or ceasing). A merger goes ``into`` an existing unit or into ``new_units[0]``; an
    establishment creates ``new_units[0]``; a split creates every unit of ``new_units``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "merge",
                    "units": ["TD-THACH-GIAM", "TD-LUU-KIEN", "TD-XA-LUONG"],
                    "effective": "2025-07-01",
                    "new_units": [
                        {"name": "Tương Dương", "kind": "commune", "parent": "40", "code": "16876"}
                    ],
                    "note": "Nghị quyết 1678/NQ-UBTVQH15",
                }
            ]
        },
    )

    kind: ReorganisationKind
    effective: date = Field(description="The day it takes effect.")
    units: list[UnitCode] = Field(default_factory=list, max_length=200)
    into: UnitCode | None = Field(
        default=None, description="merge: the existing unit that absorbs the others."
    )
    new_units: list[NewUnitIn] = Field(default_factory=list, max_length=50)
    name: str | None = Field(default=None, max_length=200, description="rename: the new name.")
    unit_kind: str | None = Field(
        default=None, max_length=20, description="rename: the new kind, if it changes."
    )
    parent: UnitCode | None = Field(default=None, description="reparent: the new parent (none: no parent).")
    note: str = Field(default="", max_length=2000, description="Legal basis, remarks (what was inferred).")

    def draft(self, reorganisation_id: str) -> ReorganisationDraft:
        return ReorganisationDraft(
            kind=self.kind,
            effective=self.effective,
            units=tuple(self.units),
            into_existing=self.into,
            new_units=tuple(
                NewUnitDraft(u.name, u.kind, u.parent, u.code, tuple(u.bodies)) for u in self.new_units
            ),
            name=self.name,
            unit_kind=self.unit_kind,
            parent=self.parent,
            note=self.note,
            reorganisation_id=reorganisation_id,
        )


class ReorganisationOut(BaseModel):
    reorganisation_id: str
    kind: str
    effective: date
    note: str
    units: list[str] = Field(
        description="The units it touched: those that cease, then those that begin or change."
    )
    recorded_now: bool = Field(description="False when an earlier request with this key had recorded it.")

    @classmethod
    def of(cls, result: ReorganisationResult) -> ReorganisationOut:
        return cls(
            reorganisation_id=result.reorganisation_id,
            kind=result.kind,
            effective=result.effective,
            note=result.note,
            units=list(result.units),
            recorded_now=result.recorded_now,
        )
