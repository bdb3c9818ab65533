"""The reorganisations one can ask of the register of administrative units (commands).

Each names itself with ``reorganisation_id`` (the seed uses fixed ids, the API the caller's
idempotency key or a fresh one): a reorganisation already recorded under that id is not decided again.
A unit's ``code`` may be left out: a synthetic one is then derived from its name and its parent's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class UnitSpec:
    name: str
    kind: str
    parent: str | None
    code: str | None = None
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EstablishUnit:
    reorganisation_id: str
    effective: date
    unit: UnitSpec
    note: str = ""


@dataclass(frozen=True, slots=True)
class MergeUnits:
    """``units`` merge into ``into``: a new unit (a spec) or the code of a unit that absorbs them."""

    reorganisation_id: str
    effective: date
    units: tuple[str, ...]
    into: UnitSpec | str
    note: str = ""


@dataclass(frozen=True, slots=True)
class SplitUnit:
    reorganisation_id: str
    effective: date
    unit: str
    into: tuple[UnitSpec, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class RenameUnit:
    reorganisation_id: str
    effective: date
    unit: str
    name: str
    kind: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReparentUnit:
    reorganisation_id: str
    effective: date
    unit: str
    parent: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class CeaseUnit:
    reorganisation_id: str
    effective: date
    unit: str
    note: str = ""


Reorganisation = EstablishUnit | MergeUnits | SplitUnit | RenameUnit | ReparentUnit | CeaseUnit
