"""The people part of ``oneoffice.staff.v1.StaffService``: staff of communes, the office team and
model adoption. Reads need ``staff:read`` on the commune, changes ``staff:manage`` (a transfer: on
both communes, so one outside the caller's scope is refused); changes are recorded in the caller's name.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.eventcore.grpc_caller import require

from ..application.accounts import Caller
from ..application.people import PeopleService, TeamChange
from ..domain.model_adoption import ModelAdopted
from ..domain.office_team import TeamView
from ..domain.people import JoinStaff, PersonView
from ..domain.people_errors import InvalidStaffChange, PersonNotFound
from .grpc_errors import abort_with

T = TypeVar("T")

CORRELATION_HEADER = "x-correlation-id"


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidStaffChange(
            "invalid_date",
            f"Ngày '{field}' không hợp lệ (định dạng YYYY-MM-DD).",
            f"Invalid date '{field}' (format YYYY-MM-DD).",
        ) from None


def _allowance(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InvalidStaffChange(
            "invalid_allowance",
            f"Hệ số phụ cấp '{text}' không hợp lệ.",
            f"Invalid allowance coefficient '{text}'.",
        )
    return value


def person_message(view: PersonView) -> pb.Person:
    return pb.Person(
        person_id=view.person_id,
        name=view.name,
        title=view.title,
        category=view.category,
        bodies=list(view.bodies),
        allowance=str(view.allowance),
        commune_id=view.commune_id or "",
        joined_on=view.joined_on.isoformat(),
        left_on=view.left_on.isoformat() if view.left_on else "",
        username=view.username or "",
    )


def team_message(commune_id: str, view: TeamView | None) -> pb.OfficeTeam:
    if view is None:
        return pb.OfficeTeam(commune_id=commune_id, exists=False)
    return pb.OfficeTeam(
        commune_id=commune_id,
        exists=True,
        decision_number=view.decision_number,
        decision_date=view.decision_date.isoformat(),
        lead=view.lead,
        members=list(view.members),
        carried_from="" if view.commune_id == commune_id else view.commune_id,
    )


def adoption_message(event: ModelAdopted, new: bool = False) -> pb.ModelAdoption:
    return pb.ModelAdoption(
        commune_id=event.commune_id,
        adopted_on=event.adopted_on.isoformat(),
        wave=event.wave,
        decision=event.decision,
        recorded_now=new,
    )


async def _caller(context: Any, commune_id: str) -> Caller:
    identity = await require(context, Permission.STAFF_MANAGE, commune_id)
    headers = {key: str(value) for key, value in context.invocation_metadata() or ()}
    return Caller(actor=identity.username, correlation_id=headers.get(CORRELATION_HEADER, ""))


async def _answer(call: Awaitable[T], context: Any) -> T:
    try:
        return await call
    except Exception as exc:
        await abort_with(context, exc)


class PeopleRpcs:
    def __init__(self, people: PeopleService) -> None:
        self._people = people

    async def JoinStaff(self, request: pb.JoinStaffRequest, context: Any) -> pb.PersonReply:
        caller = await _caller(context, request.commune_id)

        async def call() -> pb.PersonReply:
            command = JoinStaff(
                person_id=request.person_id.strip() or str(uuid.uuid4()),
                name=request.name,
                title=request.title,
                category=request.category,
                bodies=tuple(request.bodies),
                allowance=_allowance(request.allowance),
                commune_id=request.commune_id,
                effective=_day(request.effective, "effective"),
                username=request.username or None,
            )
            view, new = await self._people.join(caller, command)
            return pb.PersonReply(person=person_message(view), recorded_now=new)

        return await _answer(call(), context)

    async def ListStaff(self, request: pb.ListStaffRequest, context: Any) -> pb.ListStaffResponse:
        await require(context, Permission.STAFF_READ, request.commune_id)

        async def call() -> pb.ListStaffResponse:
            people = await self._people.staff_of(request.commune_id, _day(request.as_of, "as_of"))
            return pb.ListStaffResponse(people=[person_message(p) for p in people])

        return await _answer(call(), context)

    async def GetPerson(self, request: pb.GetPersonRequest, context: Any) -> pb.Person:
        await require(context, Permission.STAFF_READ, request.commune_id)

        async def call() -> pb.Person:
            day = _day(request.as_of, "as_of")
            view = await self._people.person(request.person_id, day)
            if view.commune_id != request.commune_id:
                raise PersonNotFound(request.person_id, request.commune_id)
            return person_message(view)

        return await _answer(call(), context)

    async def TransferPerson(self, request: pb.TransferPersonRequest, context: Any) -> pb.Person:
        caller = await _caller(context, request.commune_id)
        # The target commune must be the caller's too.
        await require(context, Permission.STAFF_MANAGE, request.to_commune)

        async def call() -> pb.Person:
            day = _day(request.effective, "effective")
            view = await self._people.transfer(
                caller, request.person_id, request.commune_id, request.to_commune, day
            )
            return person_message(view)

        return await _answer(call(), context)

    async def LeaveStaff(self, request: pb.LeaveStaffRequest, context: Any) -> pb.Person:
        caller = await _caller(context, request.commune_id)

        async def call() -> pb.Person:
            day = _day(request.effective, "effective")
            return person_message(
                await self._people.leave(caller, request.person_id, request.commune_id, day)
            )

        return await _answer(call(), context)

    async def GetOfficeTeam(self, request: pb.GetOfficeTeamRequest, context: Any) -> pb.OfficeTeam:
        await require(context, Permission.STAFF_READ, request.commune_id)

        async def call() -> pb.OfficeTeam:
            day = _day(request.as_of, "as_of")
            return team_message(request.commune_id, await self._people.office_team(request.commune_id, day))

        return await _answer(call(), context)

    async def ChangeOfficeTeam(self, request: pb.ChangeOfficeTeamRequest, context: Any) -> pb.OfficeTeam:
        caller = await _caller(context, request.commune_id)

        async def call() -> pb.OfficeTeam:
            change = TeamChange(
                kind=request.kind,
                effective=_day(request.effective, "effective"),
                decision_number=request.decision_number,
                decision_date=_day(request.decision_date, "decision_date") if request.decision_date else None,
                lead=request.lead,
                members=tuple(request.members),
                person_id=request.person_id,
            )
            view = await self._people.change_team(caller, request.commune_id, change)
            return team_message(request.commune_id, view)

        return await _answer(call(), context)

    async def AdoptModel(self, request: pb.AdoptModelRequest, context: Any) -> pb.ModelAdoption:
        caller = await _caller(context, request.commune_id)

        async def call() -> pb.ModelAdoption:
            day = _day(request.adopted_on, "adopted_on")
            event, new = await self._people.adopt(
                caller, request.commune_id, day, request.wave, request.decision
            )
            return adoption_message(event, new)

        return await _answer(call(), context)

    async def ListModelAdoptions(
        self, request: pb.ListModelAdoptionsRequest, context: Any
    ) -> pb.ListModelAdoptionsResponse:
        async def call() -> pb.ListModelAdoptionsResponse:
            day = _day(request.as_of, "as_of") if request.as_of else None
            return pb.ListModelAdoptionsResponse(
                adoptions=[adoption_message(a) for a in await self._people.adoptions(day)]
            )

        return await _answer(call(), context)
