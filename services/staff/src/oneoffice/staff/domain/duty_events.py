"""Events of the duty catalogue and of a commune's duty roster, as plain immutable values.

The service stores them under the versioned contract of ``oneoffice.contracts.events.staff``; the
translation both ways is :mod:`oneoffice.staff.application.duty_contract_events`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Duty:
    """One duty of the district-wide catalogue (e.g. receive and register incoming documents)."""

    code: str
    name_vi: str
    name_en: str
    description: str
    bodies: tuple[str, ...]


class AbsenceKind(StrEnum):
    LEAVE = "leave"  # nghỉ phép
    TRAINING = "training"  # đi học, tập huấn
    BUSINESS_TRIP = "business_trip"  # đi công tác
    SICK = "sick"  # nghỉ ốm


@dataclass(frozen=True, slots=True)
class CatalogueVersionPublished:
    version: int
    duties: tuple[Duty, ...]
    note: str


@dataclass(frozen=True, slots=True)
class CatalogueAdopted:
    commune_id: str
    version: int
    duty_codes: tuple[str, ...]
    effective: date


@dataclass(frozen=True, slots=True)
class DutyAssigned:
    commune_id: str
    duty: str
    primary: str
    backup: str
    effective: date


@dataclass(frozen=True, slots=True)
class AbsenceRecorded:
    commune_id: str
    absence_id: str
    person: str
    kind: AbsenceKind
    start: date
    end: date  # the last day away (inclusive)


@dataclass(frozen=True, slots=True)
class CoverageStarted:
    """From ``on``, the backup does the absent primary's duty."""

    commune_id: str
    coverage_id: str  # deterministic: f"{absence_id}/{duty}"
    absence_id: str
    duty: str
    absent: str
    covered_by: str
    on: date


@dataclass(frozen=True, slots=True)
class CoverageEscalated:
    """From ``on``, primary and backup are both away: the duty goes to the team lead (or no one)."""

    commune_id: str
    coverage_id: str
    absence_id: str
    duty: str
    absent: str
    backup: str
    team_lead: str | None
    on: date


@dataclass(frozen=True, slots=True)
class CoverageEnded:
    """From ``on`` (the day after the absence's last), the primary does the duty again."""

    commune_id: str
    coverage_id: str
    absence_id: str
    duty: str
    on: date


CoverageEvent = CoverageStarted | CoverageEscalated | CoverageEnded
RosterEvent = CatalogueAdopted | DutyAssigned | AbsenceRecorded | CoverageEvent
