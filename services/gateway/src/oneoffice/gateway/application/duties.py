"""What the gateway needs of the staff service's duties: the catalogue, a commune's roster,
absences and coverage (the port; its gRPC adapter is :mod:`..adapters.grpc_duties`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class CatalogueDuty:
    code: str
    name_vi: str
    name_en: str
    description: str = ""
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DutyCatalogue:
    version: int
    note: str
    duties: tuple[CatalogueDuty, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    duty: str
    primary: str
    backup: str
    effective: date
    carried_from: str | None = None  # the merged-away unit that recorded it (None: the commune's own)


@dataclass(frozen=True, slots=True)
class DutyGap:
    duty: str
    has_primary: bool
    has_backup: bool


@dataclass(frozen=True, slots=True)
class Absence:
    absence_id: str
    person: str
    kind: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class DutyRoster:
    commune_id: str
    catalogue_version: int | None
    duties: tuple[str, ...]
    assignments: tuple[Assignment, ...]
    gaps: tuple[DutyGap, ...]
    absences: tuple[Absence, ...]


@dataclass(frozen=True, slots=True)
class Cover:
    duty: str
    primary: str | None
    backup: str | None
    covered_by: str | None
    status: str  # primary, backup, escalated, unassigned
    absence_id: str | None
    carried_from: str | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    commune_id: str
    on: date
    team_lead: str | None
    covers: tuple[Cover, ...]


@dataclass(frozen=True, slots=True)
class AbsenceDraft:
    person: str
    kind: str
    start: date
    end: date


class DutiesPort(Protocol):
    async def catalogue(self, version: int | None, context: RequestContext) -> DutyCatalogue: ...

    async def publish_catalogue(
        self, duties: tuple[CatalogueDuty, ...], note: str, context: RequestContext
    ) -> DutyCatalogue: ...

    async def adopt(self, commune_id: str, version: int | None, context: RequestContext) -> DutyRoster: ...

    async def assign(
        self, commune_id: str, duty: str, primary: str, backup: str, context: RequestContext
    ) -> DutyRoster: ...

    async def roster(self, commune_id: str, context: RequestContext) -> DutyRoster: ...

    async def record_absence(
        self, commune_id: str, draft: AbsenceDraft, context: RequestContext
    ) -> Absence: ...

    async def coverage(self, commune_id: str, on: date | None, context: RequestContext) -> Coverage: ...
