"""What the register of administrative units records: one event per reorganisation, each effective
on a date and naming the reorganisation it answers (``reorganisation_id``: asking twice records once).

A merger records the bodies it carries from each merged unit to the successor and the units it moves
under the successor, as data of the merge: no earlier event is ever rewritten.

A commune's bodies (reference §1) are part of the event that brings it into being (``UnitEstablished``,
or the new unit of a merger or split), not separate ``BodyRegistered`` events: the bodies come into
being with the commune in one decision, on the one registry stream, so recording them in that event
keeps them atomic with it; the registry answers which bodies a unit serves on a day, since when and
which merged units carried them (``UnitRegistry.bodies``). The contract's ``BodyRegistered`` is not
emitted by this service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .units import NewUnit


@dataclass(frozen=True, slots=True)
class CarriedBody:
    from_unit: str
    body: str


@dataclass(frozen=True, slots=True)
class UnitEstablished:
    reorganisation_id: str
    effective: date
    unit: NewUnit
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitsMerged:
    """``merged`` cease on ``effective`` and continue in ``successor``: a new unit (``new_successor``)
    or one that exists and absorbs them (it keeps its code)."""

    reorganisation_id: str
    effective: date
    merged: tuple[str, ...]
    successor: str
    new_successor: NewUnit | None
    bodies_carried: tuple[CarriedBody, ...] = ()
    children_moved: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitSplit:
    """``unit`` ceases on ``effective``; each unit of ``into`` begins that day."""

    reorganisation_id: str
    effective: date
    unit: str
    into: tuple[NewUnit, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitRenamed:
    """A new name, and perhaps a new kind (a xã becoming a thị trấn); the code stays."""

    reorganisation_id: str
    effective: date
    code: str
    name: str
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitReparented:
    reorganisation_id: str
    effective: date
    code: str
    parent: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitCeased:
    """A unit ends without successor (the district level abolished on 1 July 2025)."""

    reorganisation_id: str
    effective: date
    code: str
    note: str = ""


UnitEvent = UnitEstablished | UnitsMerged | UnitSplit | UnitRenamed | UnitReparented | UnitCeased
