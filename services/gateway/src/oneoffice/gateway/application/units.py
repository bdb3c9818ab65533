"""What the gateway needs of the administrative units (the staff service's register), as a port."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from .ports import RequestContext

ReorganisationKind = Literal["establish", "merge", "split", "rename", "reparent", "cease"]


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    kind: str
    parent: str | None
    synthetic: bool
    valid_from: date
    valid_to: date | None
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitBody:
    """A body a unit's office serves on a day, since when, and the merged units that carried it."""

    code: str
    name_vi: str
    name_en: str
    since: date
    carried_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LineageStep:
    kind: str
    effective: date
    predecessor: Unit
    successor: Unit


@dataclass(frozen=True, slots=True)
class UnitLineage:
    unit: Unit
    came_from: tuple[LineageStep, ...]
    became: tuple[LineageStep, ...]


@dataclass(frozen=True, slots=True)
class NewUnitDraft:
    name: str
    kind: str
    parent: str | None = None
    code: str | None = None
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReorganisationDraft:
    """One reorganisation as asked: ``units`` are the units it acts on (those that merge, the one
    split, renamed, re-parented or ceasing); ``into`` an existing unit's code or new units."""

    kind: ReorganisationKind
    effective: date
    units: tuple[str, ...] = ()
    into_existing: str | None = None
    new_units: tuple[NewUnitDraft, ...] = ()
    name: str | None = None
    unit_kind: str | None = None
    parent: str | None = None
    note: str = ""
    reorganisation_id: str = ""


@dataclass(frozen=True, slots=True)
class ReorganisationResult:
    reorganisation_id: str
    kind: str
    effective: date
    note: str
    units: tuple[str, ...] = field(default=())
    recorded_now: bool = True


class UnitsPort(Protocol):
    async def list_units(self, parent: str | None, as_of: date, context: RequestContext) -> list[Unit]: ...

    async def get_unit(self, code: str, as_of: date | None, context: RequestContext) -> Unit:
        """Raises ``NotFound`` for an unknown unit or one that does not exist on ``as_of``."""
        ...

    async def get_lineage(self, code: str, context: RequestContext) -> UnitLineage: ...

    async def get_unit_bodies(self, code: str, as_of: date | None, context: RequestContext) -> list[UnitBody]:
        """Raises ``NotFound`` as :meth:`get_unit` does."""
        ...

    async def reorganise(self, draft: ReorganisationDraft, context: RequestContext) -> ReorganisationResult:
        """Raises ``InvalidRequest`` (refused, nothing recorded) or ``NotFound``."""
        ...
