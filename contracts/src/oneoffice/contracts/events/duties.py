"""Duty catalogue, assignments, absences and coverage: staff events on ``oneoffice.staff.events.v1``.

The catalogue is district-wide (stream ``duty-catalogue``, no commune id); everything else is one
stream per commune (``duty-roster-<commune>``), keyed by the commune. Persons are staff person ids.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from oneoffice.eventcore.events import DomainEvent

AbsenceKind = Literal["leave", "training", "business_trip", "sick"]
"""nghỉ phép, đi học/tập huấn, đi công tác, nghỉ ốm."""


class CatalogueDuty(BaseModel):
    """One duty of the district-wide catalogue."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="Stable code, e.g. 'INCOMING_REGISTER'.")
    name_vi: str = Field(description="Vietnamese name, e.g. 'Tiếp nhận, đăng ký văn bản đến'.")
    name_en: str = Field(description="English name.")
    description: str = Field(description="What the duty covers.")
    bodies: list[str] = Field(description="Codes of the bodies it serves (bodies.csv).")


class DutyCatalogueVersionPublished(DomainEvent):
    """A new version of the district-wide duty catalogue (the whole list of duties)."""

    event_type: ClassVar[str] = "staff.DutyCatalogueVersionPublished"
    schema_version: ClassVar[int] = 1

    version: int = Field(description="1, 2, …: one more than the previous.")
    duties: list[CatalogueDuty]
    note: str = Field(description="Basis or remarks.")


class DutyCatalogueAdopted(DomainEvent):
    """A commune adopted a version of the catalogue: its duties are the ones it assigns."""

    event_type: ClassVar[str] = "staff.DutyCatalogueAdopted"
    schema_version: ClassVar[int] = 1

    commune_id: str
    version: int
    duty_codes: list[str] = Field(description="The duties of that version.")
    effective: date = Field(description="The day the commune adopted it.")


class DutyAssigned(DomainEvent):
    """A duty of a commune got a primary and a backup (two different staff of the commune)."""

    event_type: ClassVar[str] = "staff.DutyAssigned"
    schema_version: ClassVar[int] = 1

    commune_id: str
    duty: str = Field(description="Duty code of the adopted catalogue.")
    primary: str = Field(description="Person id of who does the duty.")
    backup: str = Field(description="Person id of who covers when the primary is away.")
    effective: date = Field(description="The first day the assignment holds.")


class AbsenceRecorded(DomainEvent):
    """A member of staff will be (or was) away from ``start`` to ``end`` inclusive."""

    event_type: ClassVar[str] = "staff.AbsenceRecorded"
    schema_version: ClassVar[int] = 1

    commune_id: str
    absence_id: str
    person: str = Field(description="Person id.")
    kind: AbsenceKind
    start: date = Field(description="First day away.")
    end: date = Field(description="Last day away.")


class CoverageStarted(DomainEvent):
    """From ``on``, the backup does the absent primary's duty (emitted when the day comes)."""

    event_type: ClassVar[str] = "staff.CoverageStarted"
    schema_version: ClassVar[int] = 1

    commune_id: str
    coverage_id: str = Field(description="'<absence id>/<duty>': one coverage per absence and duty.")
    absence_id: str
    duty: str
    absent: str = Field(description="Person id of the absent primary.")
    covered_by: str = Field(description="Person id of the backup.")
    on: date


class CoverageEscalated(DomainEvent):
    """From ``on``, the primary and the backup are both away: the duty goes to the team lead."""

    event_type: ClassVar[str] = "staff.CoverageEscalated"
    schema_version: ClassVar[int] = 1

    commune_id: str
    coverage_id: str
    absence_id: str
    duty: str
    absent: str
    backup: str = Field(description="Person id of the backup, away too.")
    team_lead: str | None = Field(description="Person id of the office team lead (none when unknown).")
    on: date


class CoverageEnded(DomainEvent):
    """From ``on`` (the day after the absence's last), the primary does the duty again."""

    event_type: ClassVar[str] = "staff.CoverageEnded"
    schema_version: ClassVar[int] = 1

    commune_id: str
    coverage_id: str
    absence_id: str
    duty: str
    on: date


DUTY_EVENTS: tuple[type[DomainEvent], ...] = (
    DutyCatalogueVersionPublished,
    DutyCatalogueAdopted,
    DutyAssigned,
    AbsenceRecorded,
    CoverageStarted,
    CoverageEscalated,
    CoverageEnded,
)
