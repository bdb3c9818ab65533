"""Request and response bodies of the duties API (catalogue, assignments, absences, coverage)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

PERSON_PATTERN = r"^[0-9A-Za-z._:-]{1,64}$"
DUTY_CODE_PATTERN = r"^[A-Z][A-Z0-9_]{1,39}$"
# A catalogue version travels as a protobuf int32: a larger one is refused here, not a 500 there.
MAX_VERSION = 2**31 - 1
PersonId = Annotated[str, Field(pattern=PERSON_PATTERN, description="Staff person id.")]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CatalogueDutyModel(_Out):
    code: Annotated[str, Field(pattern=DUTY_CODE_PATTERN, examples=["INCOMING_REGISTER"])]
    name_vi: Annotated[str, Field(min_length=1, max_length=200)]
    name_en: Annotated[str, Field(max_length=200)] = ""
    description: Annotated[str, Field(max_length=2000)] = ""
    bodies: list[Annotated[str, Field(max_length=32)]] = Field(
        default_factory=list, description="Codes of the bodies it serves (bodies.csv)."
    )


class CatalogueOut(_Out):
    version: int
    note: str
    duties: list[CatalogueDutyModel]


class CatalogueVersionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duties: list[CatalogueDutyModel] = Field(min_length=1, max_length=200)
    note: Annotated[str, Field(max_length=500)] = ""


class AdoptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(
        default=None, ge=1, le=MAX_VERSION, description="The version adopted; none: the latest."
    )


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    primary: PersonId
    backup: PersonId


class AssignmentOut(_Out):
    duty: str
    primary: str
    backup: str
    effective: date
    carried_from: str | None = Field(
        default=None,
        description="Null: the commune's own. Otherwise the unit merged into it that recorded the "
        "assignment (in force until the commune reassigns the duty).",
    )


class GapOut(_Out):
    duty: str
    has_primary: bool
    has_backup: bool


class AbsenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person: PersonId
    kind: Literal["leave", "training", "business_trip", "sick"]
    start: date
    end: date = Field(description="Last day away (inclusive).")


class AbsenceOut(_Out):
    absence_id: str
    person: str
    kind: str
    start: date
    end: date


class RosterOut(_Out):
    commune_id: str
    catalogue_version: int | None
    duties: list[str]
    assignments: list[AssignmentOut]
    gaps: list[GapOut]
    absences: list[AbsenceOut]


class DutyGapsOut(BaseModel):
    commune_id: str
    catalogue_version: int | None
    gaps: list[GapOut] = Field(description="Adopted duties without a primary or a backup.")


class CoverOut(_Out):
    duty: str
    primary: str | None
    backup: str | None
    covered_by: str | None = Field(description="Who does the duty that day (the team lead when escalated).")
    status: str = Field(description="primary, backup, escalated or unassigned.")
    absence_id: str | None
    carried_from: str | None = Field(
        default=None, description="Null: under the commune's own assignment; else the merged unit's."
    )


class CoverageOut(_Out):
    commune_id: str
    on: date
    team_lead: str | None
    covers: list[CoverOut]
