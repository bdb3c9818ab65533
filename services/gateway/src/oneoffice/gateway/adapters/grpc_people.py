"""The :class:`PeoplePort` over ``oneoffice.staff.v1.StaffService`` (people, office team, adoption)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import grpc

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc

from ..application.people import ModelAdoption, OfficeTeam, Person, PersonDraft, TeamChangeDraft
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "staff"


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def person(message: Any) -> Person:
    return Person(
        person_id=message.person_id,
        name=message.name,
        title=message.title,
        category=message.category,
        bodies=tuple(message.bodies),
        allowance=Decimal(message.allowance),
        commune_id=message.commune_id or None,
        joined_on=date.fromisoformat(message.joined_on),
        left_on=_day(message.left_on),
        username=message.username or None,
    )


def team(message: Any) -> OfficeTeam | None:
    if not message.exists:
        return None
    return OfficeTeam(
        commune_id=message.commune_id,
        decision_number=message.decision_number,
        decision_date=date.fromisoformat(message.decision_date),
        lead=message.lead,
        members=tuple(message.members),
        carried_from=message.carried_from or None,
    )


def adoption(message: Any) -> ModelAdoption:
    return ModelAdoption(
        commune_id=message.commune_id,
        adopted_on=date.fromisoformat(message.adopted_on),
        wave=message.wave,
        decision=message.decision,
        recorded_now=message.recorded_now,
    )


class GrpcPeople:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def join(self, commune_id: str, draft: PersonDraft, context: RequestContext) -> tuple[Person, bool]:
        request = pb.JoinStaffRequest(
            commune_id=commune_id,
            person_id=draft.person_id,
            name=draft.name,
            title=draft.title,
            category=draft.category,
            bodies=list(draft.bodies),
            allowance=str(draft.allowance),
            effective=draft.effective.isoformat(),
            username=draft.username or "",
        )
        reply = await self._call("JoinStaff", request, context)
        return person(reply.person), reply.recorded_now

    async def list_staff(self, commune_id: str, as_of: date, context: RequestContext) -> list[Person]:
        request = pb.ListStaffRequest(commune_id=commune_id, as_of=as_of.isoformat())
        return [person(p) for p in (await self._call("ListStaff", request, context)).people]

    async def get_person(
        self, commune_id: str, person_id: str, as_of: date, context: RequestContext
    ) -> Person:
        request = pb.GetPersonRequest(commune_id=commune_id, person_id=person_id, as_of=as_of.isoformat())
        return person(await self._call("GetPerson", request, context))

    async def transfer(
        self, commune_id: str, person_id: str, to_commune: str, effective: date, context: RequestContext
    ) -> Person:
        request = pb.TransferPersonRequest(
            commune_id=commune_id, person_id=person_id, to_commune=to_commune, effective=effective.isoformat()
        )
        return person(await self._call("TransferPerson", request, context))

    async def leave(
        self, commune_id: str, person_id: str, effective: date, context: RequestContext
    ) -> Person:
        request = pb.LeaveStaffRequest(
            commune_id=commune_id, person_id=person_id, effective=effective.isoformat()
        )
        return person(await self._call("LeaveStaff", request, context))

    async def office_team(self, commune_id: str, as_of: date, context: RequestContext) -> OfficeTeam | None:
        request = pb.GetOfficeTeamRequest(commune_id=commune_id, as_of=as_of.isoformat())
        return team(await self._call("GetOfficeTeam", request, context))

    async def change_team(
        self, commune_id: str, change: TeamChangeDraft, context: RequestContext
    ) -> OfficeTeam | None:
        request = pb.ChangeOfficeTeamRequest(
            commune_id=commune_id,
            kind=change.kind,
            effective=change.effective.isoformat(),
            decision_number=change.decision_number,
            decision_date=change.decision_date.isoformat() if change.decision_date else "",
            lead=change.lead,
            members=list(change.members),
            person_id=change.person_id,
        )
        return team(await self._call("ChangeOfficeTeam", request, context))

    async def adopt_model(
        self, commune_id: str, adopted_on: date, wave: str, decision: str, context: RequestContext
    ) -> ModelAdoption:
        request = pb.AdoptModelRequest(
            commune_id=commune_id, adopted_on=adopted_on.isoformat(), wave=wave, decision=decision
        )
        return adoption(await self._call("AdoptModel", request, context))

    async def model_adoptions(self, as_of: date | None, context: RequestContext) -> list[ModelAdoption]:
        request = pb.ListModelAdoptionsRequest(as_of=as_of.isoformat() if as_of else "")
        return [adoption(a) for a in (await self._call("ListModelAdoptions", request, context)).adoptions]

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        stub = pb_grpc.StaffServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            return await getattr(stub, method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
