"""``oneoffice.staff.v1.DutyService``: wire messages in, duty use cases, wire out.

Each call checks its caller (the identity the gateway signed) against the access table for the
commune it names; commands are recorded in the caller's name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.staff.v1 import duties_pb2 as pb
from oneoffice.eventcore.grpc_caller import require

from ..application.accounts import Caller
from ..application.duties import DutyService
from ..domain.duty_errors import InvalidDutyCommand
from ..domain.duty_events import AbsenceKind, AbsenceRecorded, CatalogueVersionPublished, Duty
from ..domain.merged_roster import MergedRoster
from .grpc_errors import abort_with

T = TypeVar("T")

SERVICE_NAME = "oneoffice.staff.v1.DutyService"
CORRELATION_HEADER = "x-correlation-id"


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidDutyCommand(
            [
                (
                    "invalid_date",
                    f"Ngày '{field}' không hợp lệ (định dạng YYYY-MM-DD).",
                    f"Invalid date '{field}' (format YYYY-MM-DD).",
                )
            ]
        ) from None


def _kind(text: str) -> AbsenceKind:
    try:
        return AbsenceKind(text)
    except ValueError:
        raise InvalidDutyCommand(
            [
                (
                    "invalid_absence_kind",
                    f"Loại vắng mặt '{text}' không hợp lệ (leave, training, business_trip, sick).",
                    f"Invalid absence kind '{text}' (leave, training, business_trip, sick).",
                )
            ]
        ) from None


def catalogue_message(published: CatalogueVersionPublished) -> pb.DutyCatalogue:
    return pb.DutyCatalogue(
        version=published.version,
        note=published.note,
        duties=[
            pb.CatalogueDuty(
                code=d.code,
                name_vi=d.name_vi,
                name_en=d.name_en,
                description=d.description,
                bodies=list(d.bodies),
            )
            for d in published.duties
        ],
    )


def _absence(a: AbsenceRecorded) -> pb.Absence:
    return pb.Absence(
        absence_id=a.absence_id,
        person=a.person,
        kind=a.kind.value,
        start=a.start.isoformat(),
        end=a.end.isoformat(),
    )


def roster_message(merged: MergedRoster, today: date) -> pb.DutyRoster:
    """The roster as it stands today, with what the units merged into the commune carried."""
    roster = merged.roster
    held = [h for duty in merged.duties(today) for h in merged.holders(duty, today)]
    return pb.DutyRoster(
        commune_id=roster.commune_id,
        catalogue_version=roster.adopted.version if roster.adopted else 0,
        duties=list(merged.duties(today)),
        assignments=[
            pb.Assignment(
                duty=h.assignment.duty,
                primary=h.assignment.primary,
                backup=h.assignment.backup,
                effective=h.assignment.effective.isoformat(),
                carried_from="" if h.unit == roster.commune_id else h.unit,
            )
            for h in held
        ],
        gaps=[pb.DutyGap(duty=d, has_primary=p, has_backup=b) for d, p, b in merged.gaps(today)],
        absences=[_absence(a) for a in (*roster.absences, *merged.carried_absences())],
    )


async def _caller(context: Any, permission: Permission, commune_id: str | None = None) -> Caller:
    identity = await require(context, permission, commune_id)
    headers = {key: str(value) for key, value in context.invocation_metadata() or ()}
    return Caller(actor=identity.username, correlation_id=headers.get(CORRELATION_HEADER, ""))


async def _answer(call: Callable[[], Awaitable[T]], context: Any) -> T:
    try:
        return await call()
    except Exception as exc:
        await abort_with(context, exc)


class DutyRpcs:
    def __init__(self, duties: DutyService) -> None:
        self._duties = duties

    async def _roster(self, commune_id: str) -> pb.DutyRoster:
        return roster_message(await self._duties.merged_roster(commune_id), self._duties.today())

    async def GetDutyCatalogue(self, request: pb.GetDutyCatalogueRequest, context: Any) -> pb.DutyCatalogue:
        async def call() -> pb.DutyCatalogue:
            return catalogue_message(await self._duties.catalogue(request.version or None))

        return await _answer(call, context)

    async def PublishDutyCatalogue(
        self, request: pb.PublishDutyCatalogueRequest, context: Any
    ) -> pb.DutyCatalogue:
        caller = await _caller(context, Permission.DUTY_CATALOGUE_MANAGE)
        duties = [Duty(d.code, d.name_vi, d.name_en, d.description, tuple(d.bodies)) for d in request.duties]

        async def call() -> pb.DutyCatalogue:
            return catalogue_message(await self._duties.publish_catalogue(caller, duties, request.note))

        return await _answer(call, context)

    async def AdoptDutyCatalogue(self, request: pb.AdoptDutyCatalogueRequest, context: Any) -> pb.DutyRoster:
        caller = await _caller(context, Permission.DUTIES_MANAGE, request.commune_id)

        async def call() -> pb.DutyRoster:
            await self._duties.adopt(caller, request.commune_id, request.version or None)
            return await self._roster(request.commune_id)

        return await _answer(call, context)

    async def AssignDuty(self, request: pb.AssignDutyRequest, context: Any) -> pb.DutyRoster:
        caller = await _caller(context, Permission.DUTIES_MANAGE, request.commune_id)

        async def call() -> pb.DutyRoster:
            r = request
            await self._duties.assign(caller, r.commune_id, r.duty, r.primary.strip(), r.backup.strip())
            return await self._roster(r.commune_id)

        return await _answer(call, context)

    async def GetDutyRoster(self, request: pb.GetDutyRosterRequest, context: Any) -> pb.DutyRoster:
        await require(context, Permission.DUTIES_READ, request.commune_id)

        async def call() -> pb.DutyRoster:
            return await self._roster(request.commune_id)

        return await _answer(call, context)

    async def RecordAbsence(self, request: pb.RecordAbsenceRequest, context: Any) -> pb.Absence:
        caller = await _caller(context, Permission.ABSENCES_RECORD, request.commune_id)

        async def call() -> pb.Absence:
            r = request
            kind, start, end = _kind(r.kind), _day(r.start, "start"), _day(r.end, "end")
            return _absence(
                await self._duties.record_absence(caller, r.commune_id, r.person.strip(), kind, start, end)
            )

        return await _answer(call, context)

    async def GetCoverage(self, request: pb.GetCoverageRequest, context: Any) -> pb.Coverage:
        await require(context, Permission.DUTIES_READ, request.commune_id)

        async def call() -> pb.Coverage:
            day = _day(request.on, "on") if request.on else self._duties.today()
            view = await self._duties.coverage(request.commune_id, day)
            return pb.Coverage(
                commune_id=view.commune_id,
                on=view.day.isoformat(),
                team_lead=view.team_lead or "",
                covers=[
                    pb.Cover(
                        duty=c.duty,
                        primary=c.primary or "",
                        backup=c.backup or "",
                        covered_by=c.covered_by or "",
                        status=c.status.value,
                        absence_id=c.absence_id or "",
                        carried_from=c.carried_from or "",
                    )
                    for c in view.covers
                ],
            )

        return await _answer(call, context)
