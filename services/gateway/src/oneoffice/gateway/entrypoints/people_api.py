"""JSON API of the people of a commune office, its office team, and the one-office model adoption.

Reads need ``staff:read`` on the commune of the path, changes ``staff:manage``; a transfer needs it
on the target commune too (checked here and again by the staff service).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel, Field

from oneoffice.contracts.access import Decision, Permission

from ..application.calendar import office_today
from ..application.people import (
    ModelAdoption,
    OfficeTeam,
    PeoplePort,
    Person,
    PersonDraft,
    TeamChangeDraft,
)
from ..application.ports import RequestContext
from .access import SignedIn, refusal, requires
from .deps import ClockDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1", tags=["staff"])

ReadsStaff = Annotated[RequestContext, Depends(requires(Permission.STAFF_READ))]
ManagesStaff = Annotated[RequestContext, Depends(requires(Permission.STAFF_MANAGE))]
PersonId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
AsOf = Annotated[date | None, Query(description="The day asked about (YYYY-MM-DD); default today.")]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=200, description="Repeat it to retry safely."),
]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    422: {"description": "Refused, nothing recorded (Vietnamese, English on request)", **_PROBLEM},
    503: {"description": "The staff service is not answering", **_PROBLEM},
}
# Only the routes naming a person can miss one (a commune that does not exist is refused with 422).
_PERSON_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No such person in that commune (on that day)", **_PROBLEM},
    **_ERRORS,
}


def get_people(request: Request) -> PeoplePort:
    people: PeoplePort = request.app.state.people
    return people


PeopleDep = Annotated[PeoplePort, Depends(get_people)]


class PersonIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["Lô Thị Hoa"])
    title: str = Field(
        max_length=200, description="A title of staff-titles.csv", examples=["Văn phòng Đảng ủy"]
    )
    category: str = Field(max_length=40, description="cán bộ, công chức, không chuyên trách or hợp đồng")
    bodies: list[str] = Field(max_length=20, description="Codes of bodies served", examples=[["DANG_UY"]])
    allowance: Decimal = Field(description="Allowance coefficient", examples=["1.0"], max_digits=6)
    effective: date = Field(description="First working day in the commune")
    username: str | None = Field(default=None, max_length=64, description="The person's account, if any")


class PersonOut(BaseModel):
    person_id: str
    name: str
    title: str
    category: str
    bodies: list[str]
    allowance: Decimal
    commune_id: str | None = Field(description="Where the person works on the day asked (null once left)")
    joined_on: date
    left_on: date | None
    username: str | None

    @classmethod
    def of(cls, person: Person) -> PersonOut:
        return cls(
            person_id=person.person_id,
            name=person.name,
            title=person.title,
            category=person.category,
            bodies=list(person.bodies),
            allowance=person.allowance,
            commune_id=person.commune_id,
            joined_on=person.joined_on,
            left_on=person.left_on,
            username=person.username,
        )


class StaffListOut(BaseModel):
    commune_id: str
    as_of: date
    people: list[PersonOut]


class TransferIn(BaseModel):
    to_commune: str = Field(pattern=COMMUNE_ID_PATTERN, examples=["16882"])
    effective: date


class LeaveIn(BaseModel):
    effective: date


class OfficeTeamOut(BaseModel):
    commune_id: str
    as_of: date
    exists: bool = Field(description="false: the commune has no office team on that day")
    decision_number: str | None = None
    decision_date: date | None = None
    lead: str | None = Field(default=None, description="person_id of the team lead")
    members: list[str] = Field(default_factory=list, description="person_ids, the lead included")
    carried_from: str | None = Field(
        default=None,
        description="Null: the commune's own team. Otherwise the unit merged into it whose team this "
        "is (read until the commune sets up its own).",
    )

    @classmethod
    def of(cls, commune_id: str, as_of: date, team: OfficeTeam | None) -> OfficeTeamOut:
        if team is None:
            return cls(commune_id=commune_id, as_of=as_of, exists=False)
        return cls(
            commune_id=commune_id,
            as_of=as_of,
            exists=True,
            decision_number=team.decision_number,
            decision_date=team.decision_date,
            lead=team.lead,
            members=list(team.members),
            carried_from=team.carried_from,
        )


class OfficeTeamIn(BaseModel):
    """Set the team up by a decision."""

    decision_number: str = Field(min_length=1, max_length=100, examples=["15/QĐ-UBND"])
    decision_date: date
    effective: date
    lead: str = Field(max_length=64, description="person_id of the lead")
    members: list[str] = Field(default_factory=list, max_length=50)


class OfficeTeamChangeIn(BaseModel):
    kind: Literal["lead", "join", "leave"]
    effective: date
    person_id: str = Field(max_length=64, description="The new lead, or the member who joins or leaves")
    decision_number: str = Field(default="", max_length=100)


class ModelAdoptionIn(BaseModel):
    adopted_on: date
    wave: str = Field(default="", max_length=100, examples=["2017 pilot"])
    decision: str = Field(default="", max_length=200)


class ModelAdoptionOut(BaseModel):
    commune_id: str
    adopted_on: date
    wave: str
    decision: str

    @classmethod
    def of(cls, adoption: ModelAdoption) -> ModelAdoptionOut:
        return cls(
            commune_id=adoption.commune_id,
            adopted_on=adoption.adopted_on,
            wave=adoption.wave,
            decision=adoption.decision,
        )


class ModelAdoptionListOut(BaseModel):
    as_of: date | None
    adoptions: list[ModelAdoptionOut]


STAFF = "/communes/{commune_id}/staff"


@router.post(STAFF, status_code=201, response_model=PersonOut, responses=_ERRORS)
async def join_staff(
    commune_id: str,
    body: PersonIn,
    response: Response,
    people: PeopleDep,
    context: ManagesStaff,
    idempotency_key: IdempotencyKey = None,
) -> PersonOut:
    """A person joins the commune's staff (title, category, bodies served, allowance) from a day."""
    person_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"oneoffice:person:{commune_id}:{idempotency_key}"))
    draft = PersonDraft(
        name=body.name,
        title=body.title,
        category=body.category,
        bodies=tuple(body.bodies),
        allowance=body.allowance,
        effective=body.effective,
        username=body.username,
        person_id=person_id if idempotency_key else "",
    )
    person, new = await people.join(commune_id, draft, context)
    if not new:
        response.status_code = 200
    return PersonOut.of(person)


@router.get(STAFF, response_model=StaffListOut, responses=_ERRORS)
async def list_staff(
    commune_id: str, people: PeopleDep, clock: ClockDep, context: ReadsStaff, as_of: AsOf = None
) -> StaffListOut:
    """The commune's staff on a day (those of communes merged into it included), with bodies and allowance."""
    day = as_of or office_today(clock.now())
    listed = await people.list_staff(commune_id, day, context)
    return StaffListOut(commune_id=commune_id, as_of=day, people=[PersonOut.of(p) for p in listed])


@router.get(STAFF + "/{person_id}", response_model=PersonOut, responses=_PERSON_ERRORS)
async def get_person(
    commune_id: str,
    person_id: PersonId,
    people: PeopleDep,
    clock: ClockDep,
    context: ReadsStaff,
    as_of: AsOf = None,
) -> PersonOut:
    """One person of the commune's staff on a day."""
    day = as_of or office_today(clock.now())
    return PersonOut.of(await people.get_person(commune_id, person_id, day, context))


@router.post(STAFF + "/{person_id}/transfer", response_model=PersonOut, responses=_PERSON_ERRORS)
async def transfer(
    commune_id: str, person_id: PersonId, body: TransferIn, people: PeopleDep, context: ManagesStaff
) -> PersonOut:
    """The person moves to another commune from a day (a commune the caller manages staff of, too)."""
    assert context.identity is not None
    decision = context.identity.decide(Permission.STAFF_MANAGE, body.to_commune)
    if decision is not Decision.ALLOWED:
        raise refusal(decision, body.to_commune)
    return PersonOut.of(
        await people.transfer(commune_id, person_id, body.to_commune, body.effective, context)
    )


@router.post(STAFF + "/{person_id}/leave", response_model=PersonOut, responses=_PERSON_ERRORS)
async def leave(
    commune_id: str, person_id: PersonId, body: LeaveIn, people: PeopleDep, context: ManagesStaff
) -> PersonOut:
    """The person leaves the commune offices from a day (once)."""
    return PersonOut.of(await people.leave(commune_id, person_id, body.effective, context))


TEAM = "/communes/{commune_id}/office-team"


@router.get(TEAM, response_model=OfficeTeamOut, responses=_ERRORS)
async def office_team(
    commune_id: str, people: PeopleDep, clock: ClockDep, context: ReadsStaff, as_of: AsOf = None
) -> OfficeTeamOut:
    """The commune's office team (tổ văn phòng) on a day: its decision, lead and members."""
    day = as_of or office_today(clock.now())
    return OfficeTeamOut.of(commune_id, day, await people.office_team(commune_id, day, context))


@router.put(TEAM, response_model=OfficeTeamOut, responses=_ERRORS)
async def set_up_team(
    commune_id: str, body: OfficeTeamIn, people: PeopleDep, context: ManagesStaff
) -> OfficeTeamOut:
    """Set the office team up by a decision (the same decision again changes nothing)."""
    change = TeamChangeDraft(
        kind="set_up",
        effective=body.effective,
        decision_number=body.decision_number,
        decision_date=body.decision_date,
        lead=body.lead,
        members=tuple(body.members),
    )
    return OfficeTeamOut.of(commune_id, body.effective, await people.change_team(commune_id, change, context))


@router.post(TEAM + "/changes", response_model=OfficeTeamOut, responses=_ERRORS)
async def change_team(
    commune_id: str, body: OfficeTeamChangeIn, people: PeopleDep, context: ManagesStaff
) -> OfficeTeamOut:
    """Change the team from a day: a new lead, a member who joins, a member who leaves."""
    change = TeamChangeDraft(
        kind=body.kind,
        effective=body.effective,
        decision_number=body.decision_number,
        lead=body.person_id if body.kind == "lead" else "",
        person_id=body.person_id,
    )
    return OfficeTeamOut.of(commune_id, body.effective, await people.change_team(commune_id, change, context))


@router.post("/communes/{commune_id}/model-adoption", status_code=201, response_model=ModelAdoptionOut,
             responses=_ERRORS)  # fmt: skip
async def adopt_model(
    commune_id: str, body: ModelAdoptionIn, response: Response, people: PeopleDep, context: ManagesStaff
) -> ModelAdoptionOut:
    """The commune adopts the one-office model on a day (once; the same day again records nothing)."""
    adoption = await people.adopt_model(commune_id, body.adopted_on, body.wave, body.decision, context)
    if not adoption.recorded_now:
        response.status_code = 200
    return ModelAdoptionOut.of(adoption)


@router.get("/model-adoptions", response_model=ModelAdoptionListOut, responses=_ERRORS)
async def model_adoptions(people: PeopleDep, context: SignedIn, as_of: AsOf = None) -> ModelAdoptionListOut:
    """The communes that adopted the one-office model by a day (without ``as_of``: all of them)."""
    listed = await people.model_adoptions(as_of, context)
    return ModelAdoptionListOut(as_of=as_of, adoptions=[ModelAdoptionOut.of(a) for a in listed])
