"""Events the staff service publishes on ``oneoffice.staff.events.v1``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from oneoffice.eventcore.events import DomainEvent, Upcaster

DocumentFamily = Literal["STATE", "PARTY", "FRONT", "YOUTH"]
"""Which rules a body's documents follow: State (NĐ 30/2020), Party (QĐ 66-QĐ/TW), Front (State-style
number, HD 91/HD-MTTW-BTT) or Youth Union (Party-style number, QĐ 367-QĐ/TWĐTN-VP). Mass
organisations with no rules of their own are STATE."""


class BodyRegistered(DomainEvent):
    """A body (Đảng ủy, HĐND, UBND, MTTQ, a mass organisation) joined those a commune office serves."""

    event_type: ClassVar[str] = "staff.BodyRegistered"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="Commune whose office serves the body.")
    body_code: str = Field(description="Stable code of the body, e.g. DANG_UY, HDND, UBND, MTTQ, DOAN_TN.")
    name: str = Field(description="Vietnamese name of the body, e.g. 'Ủy ban nhân dân'.")
    family: DocumentFamily = Field(description="Document family: header, number format and numbering scope.")


Role = Literal["clerk", "handler", "leader", "team_lead", "district_viewer", "auditor", "admin"]
"""What a user account may do: văn thư, cán bộ xử lý, lãnh đạo, tổ trưởng, huyện (read-only over many
communes), kiểm toán (read-only everything, history included), quản trị."""


# Accounts: one stream per username (``account-<username>``), so the store keeps usernames unique.
# The password hash travels in AccountCreated and AccountPasswordChanged because the account is
# rebuilt from its events: an argon2 hash (never the password), which must still never be logged.


class AccountCreated(DomainEvent):
    """A user account was opened for a person (its password hash included: see the module note)."""

    event_type: ClassVar[str] = "staff.AccountCreated"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="Login name: lowercase letters, digits, '.', '_' or '-', 3 to 64.")
    display_name: str = Field(description="The person's name as shown, e.g. 'Nguyễn Thị Lan'.")
    roles: list[Role] = Field(description="What the account may do.")
    scope: list[str] = Field(
        description="Administrative unit codes the account reaches: commune codes, or a district "
        "code meaning every commune of the district."
    )
    password_hash: str = Field(description="Argon2 hash (PHC string) of the password; never the password.")


class AccountRolesChanged(DomainEvent):
    """An account's roles were replaced."""

    event_type: ClassVar[str] = "staff.AccountRolesChanged"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")
    roles: list[Role] = Field(description="The roles from now on.")


class AccountScopeChanged(DomainEvent):
    """The administrative units an account reaches were replaced."""

    event_type: ClassVar[str] = "staff.AccountScopeChanged"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")
    scope: list[str] = Field(description="Administrative unit codes from now on.")


class AccountDisabled(DomainEvent):
    """An account was disabled: it no longer logs in and its tokens are refused."""

    event_type: ClassVar[str] = "staff.AccountDisabled"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")


class AccountPasswordChanged(DomainEvent):
    """An account's password was replaced (the new argon2 hash, never the password)."""

    event_type: ClassVar[str] = "staff.AccountPasswordChanged"
    schema_version: ClassVar[int] = 1

    username: str = Field(description="The account.")
    password_hash: str = Field(description="Argon2 hash (PHC string) of the new password.")


# Administrative units: one stream for the country's register (``unit-registry``), one event per
# reorganisation, each effective on a date. Events carry no commune id (one Kafka key: one order).

UnitKind = Literal["province", "district", "commune", "ward", "township"]
"""tỉnh, huyện, xã, phường, thị trấn."""


class NewUnit(BaseModel):
    """A unit a reorganisation brings into being."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="Official code (e.g. '16876'), or a synthetic one (e.g. 'TD-HOA-BINH').")
    name: str = Field(description="Vietnamese name without its kind, e.g. 'Tương Dương'.")
    kind: UnitKind = Field(description="Kind of unit.")
    parent: str | None = Field(description="Code of the unit it is under (none for a province).")
    synthetic: bool = Field(description="True when the code was derived from the names (no published code).")
    bodies: list[str] = Field(
        description="Codes of the bodies its office serves (bodies.csv), for a commune."
    )


class CarriedBody(BaseModel):
    """A body of a merged unit that continues in the successor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    from_unit: str = Field(description="Code of the merged unit the body served.")
    body: str = Field(description="Body code, e.g. 'UBND'.")


class UnitEstablished(DomainEvent):
    """A unit began (or was first recorded) on the effective date."""

    event_type: ClassVar[str] = "staff.UnitEstablished"
    schema_version: ClassVar[int] = 1

    reorganisation_id: str = Field(
        description="Names the reorganisation: recorded once whatever the retries."
    )
    effective: date = Field(description="The first day the unit exists.")
    unit: NewUnit
    note: str = Field(description="Legal basis or remarks, e.g. what was inferred.")


class UnitsMerged(DomainEvent):
    """Units ceased on the effective date and continue in one successor, new or existing."""

    event_type: ClassVar[str] = "staff.UnitsMerged"
    schema_version: ClassVar[int] = 1

    reorganisation_id: str = Field(description="Names the reorganisation.")
    effective: date = Field(
        description="The first day of the successor; the merged units' last is the day before."
    )
    merged: list[str] = Field(description="Codes of the units that cease.")
    successor: str = Field(description="Code of the unit they continue in.")
    new_successor: NewUnit | None = Field(description="The successor, when the merger creates it.")
    bodies_carried: list[CarriedBody] = Field(
        description="Bodies of the merged units that move to the successor."
    )
    children_moved: list[str] = Field(description="Units under the merged units, now under the successor.")
    note: str = Field(description="Legal basis or remarks.")


class UnitSplit(DomainEvent):
    """A unit ceased on the effective date and continues in several new units."""

    event_type: ClassVar[str] = "staff.UnitSplit"
    schema_version: ClassVar[int] = 1

    reorganisation_id: str = Field(description="Names the reorganisation.")
    effective: date = Field(description="The first day of the new units.")
    unit: str = Field(description="Code of the unit that ceases.")
    into: list[NewUnit] = Field(description="The units it is split into.")
    note: str = Field(description="Legal basis or remarks.")


class UnitRenamed(DomainEvent):
    """A unit took a new name (and perhaps a new kind) from the effective date; its code stays."""

    event_type: ClassVar[str] = "staff.UnitRenamed"
    schema_version: ClassVar[int] = 1

    reorganisation_id: str = Field(description="Names the reorganisation.")
    effective: date = Field(description="The first day of the new name.")
    code: str = Field(description="The unit.")
    name: str = Field(description="Its name from then on.")
    kind: UnitKind = Field(description="Its kind from then on.")
    note: str = Field(description="Legal basis or remarks.")


class UnitReparented(DomainEvent):
    """A unit is under another from the effective date (communes under the province in 2025)."""

    event_type: ClassVar[str] = "staff.UnitReparented"
    schema_version: ClassVar[int] = 1

    reorganisation_id: str = Field(description="Names the reorganisation.")
    effective: date = Field(description="The first day under the new parent.")
    code: str = Field(description="The unit.")
    parent: str | None = Field(description="Code of its parent from then on (none: a province).")
    note: str = Field(description="Legal basis or remarks.")


class UnitCeased(DomainEvent):
    """A unit ended without successor (e.g. the district level abolished on 1 July 2025)."""

    event_type: ClassVar[str] = "staff.UnitCeased"
    schema_version: ClassVar[int] = 1

    reorganisation_id: str = Field(description="Names the reorganisation.")
    effective: date = Field(description="The first day the unit no longer exists.")
    code: str = Field(description="The unit.")
    note: str = Field(description="Legal basis or remarks.")


# People, office teams and model adoption. People: one stream ``staff-register``; a commune's
# office team: ``office-team-<commune>``; adoptions of the one-office model: ``model-adoptions``.

StaffCategory = Literal["cán bộ", "công chức", "không chuyên trách", "hợp đồng"]


class PersonJoinedStaff(DomainEvent):
    """A person started working in a commune office on a day."""

    event_type: ClassVar[str] = "staff.PersonJoinedStaff"
    schema_version: ClassVar[int] = 1

    person_id: str = Field(description="Server-generated id of the person.")
    name: str = Field(description="The person's name, e.g. 'Lô Thị Hoa'.")
    title: str = Field(description="Title from the NĐ 33/2023 list (Vietnamese), e.g. 'Văn phòng Đảng ủy'.")
    category: StaffCategory = Field(description="cán bộ, công chức, không chuyên trách or hợp đồng.")
    bodies: list[str] = Field(description="Codes of the bodies the person serves (DANG_UY, UBND, ...).")
    allowance: Decimal = Field(description="Allowance coefficient, e.g. 1.0.")
    commune_id: str = Field(description="Commune the person works in.")
    effective: date = Field(description="First working day there.")
    username: str | None = Field(description="Account of the person, if any.")


class PersonTransferred(DomainEvent):
    """A person moved to another commune's office from a day."""

    event_type: ClassVar[str] = "staff.PersonTransferred"
    schema_version: ClassVar[int] = 1

    person_id: str = Field(description="The person.")
    from_commune: str = Field(description="Commune left.")
    to_commune: str = Field(description="Commune joined.")
    effective: date = Field(description="First working day in the new commune.")


class PersonLeftStaff(DomainEvent):
    """A person stopped working in the commune offices from a day."""

    event_type: ClassVar[str] = "staff.PersonLeftStaff"
    schema_version: ClassVar[int] = 1

    person_id: str = Field(description="The person.")
    commune_id: str = Field(description="Commune the person left.")
    effective: date = Field(description="First day no longer staff.")


class OfficeTeamSetUp(DomainEvent):
    """A commune's office team (tổ văn phòng) was set up by a decision."""

    event_type: ClassVar[str] = "staff.OfficeTeamSetUp"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="The commune.")
    decision_number: str = Field(description="Number of the decision setting the team up.")
    decision_date: date = Field(description="Date of the decision.")
    effective: date = Field(description="First day of the team.")
    lead: str = Field(description="person_id of the team lead.")
    members: list[str] = Field(description="person_ids of the members, lead included.")


class OfficeTeamLeadChanged(DomainEvent):
    """Another person leads the office team from a day."""

    event_type: ClassVar[str] = "staff.OfficeTeamLeadChanged"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="The commune.")
    lead: str = Field(description="person_id of the new lead.")
    effective: date = Field(description="First day of the new lead.")
    decision_number: str = Field(description="Decision of the change, if any.")


class OfficeTeamMemberJoined(DomainEvent):
    """A person joined the office team from a day."""

    event_type: ClassVar[str] = "staff.OfficeTeamMemberJoined"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="The commune.")
    person_id: str = Field(description="The member.")
    effective: date = Field(description="First day in the team.")


class OfficeTeamMemberLeft(DomainEvent):
    """A person left the office team from a day."""

    event_type: ClassVar[str] = "staff.OfficeTeamMemberLeft"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="The commune.")
    person_id: str = Field(description="The member.")
    effective: date = Field(description="First day out of the team.")


class OneOfficeModelAdopted(DomainEvent):
    """A commune adopted the one-office model on a day (the 2017 pilot, later waves)."""

    event_type: ClassVar[str] = "staff.OneOfficeModelAdopted"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="The commune.")
    adopted_on: date = Field(description="First day of the model.")
    wave: str = Field(description="Which rollout, e.g. '2017 pilot'.")
    decision: str = Field(description="Decision or note.")


# Duties: the district-wide catalogue (stream ``duty-catalogue``, no commune id) and one roster
# stream per commune (``duty-roster-<commune>``) with its adoption, assignments, absences and the
# coverage they cause. Persons are staff person ids.
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


EVENTS: tuple[type[DomainEvent], ...] = (
    BodyRegistered,
    AccountCreated,
    AccountRolesChanged,
    AccountScopeChanged,
    AccountDisabled,
    AccountPasswordChanged,
    UnitEstablished,
    UnitsMerged,
    UnitSplit,
    UnitRenamed,
    UnitReparented,
    UnitCeased,
    PersonJoinedStaff,
    PersonTransferred,
    PersonLeftStaff,
    OfficeTeamSetUp,
    OfficeTeamLeadChanged,
    OfficeTeamMemberJoined,
    OfficeTeamMemberLeft,
    OneOfficeModelAdopted,
    *DUTY_EVENTS,
)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
