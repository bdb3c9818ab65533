"""The :class:`DutiesPort` over ``oneoffice.staff.v1.DutyService``."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc

from oneoffice.contracts.grpc.staff.v1 import duties_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import duties_pb2_grpc as pb_grpc

from ..application.duties import (
    Absence,
    AbsenceDraft,
    Assignment,
    CatalogueDuty,
    Cover,
    Coverage,
    DutyCatalogue,
    DutyGap,
    DutyRoster,
)
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "staff"


def _catalogue(message: Any) -> DutyCatalogue:
    duties = tuple(
        CatalogueDuty(d.code, d.name_vi, d.name_en, d.description, tuple(d.bodies)) for d in message.duties
    )
    return DutyCatalogue(message.version, message.note, duties)


def _absence(message: Any) -> Absence:
    return Absence(
        message.absence_id,
        message.person,
        message.kind,
        date.fromisoformat(message.start),
        date.fromisoformat(message.end),
    )


def _roster(message: Any) -> DutyRoster:
    return DutyRoster(
        commune_id=message.commune_id,
        catalogue_version=message.catalogue_version or None,
        duties=tuple(message.duties),
        assignments=tuple(
            Assignment(a.duty, a.primary, a.backup, date.fromisoformat(a.effective), a.carried_from or None)
            for a in message.assignments
        ),
        gaps=tuple(DutyGap(g.duty, g.has_primary, g.has_backup) for g in message.gaps),
        absences=tuple(_absence(a) for a in message.absences),
    )


def _coverage(message: Any) -> Coverage:
    covers = tuple(
        Cover(
            c.duty,
            c.primary or None,
            c.backup or None,
            c.covered_by or None,
            c.status,
            c.absence_id or None,
            c.carried_from or None,
        )
        for c in message.covers
    )
    return Coverage(message.commune_id, date.fromisoformat(message.on), message.team_lead or None, covers)


class GrpcDuties:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def catalogue(self, version: int | None, context: RequestContext) -> DutyCatalogue:
        request = pb.GetDutyCatalogueRequest(version=version or 0)
        return _catalogue(await self._call("GetDutyCatalogue", request, context))

    async def publish_catalogue(
        self, duties: tuple[CatalogueDuty, ...], note: str, context: RequestContext
    ) -> DutyCatalogue:
        request = pb.PublishDutyCatalogueRequest(
            duties=[
                pb.CatalogueDuty(
                    code=d.code,
                    name_vi=d.name_vi,
                    name_en=d.name_en,
                    description=d.description,
                    bodies=list(d.bodies),
                )
                for d in duties
            ],
            note=note,
        )
        return _catalogue(await self._call("PublishDutyCatalogue", request, context))

    async def adopt(self, commune_id: str, version: int | None, context: RequestContext) -> DutyRoster:
        request = pb.AdoptDutyCatalogueRequest(commune_id=commune_id, version=version or 0)
        return _roster(await self._call("AdoptDutyCatalogue", request, context))

    async def assign(
        self, commune_id: str, duty: str, primary: str, backup: str, context: RequestContext
    ) -> DutyRoster:
        request = pb.AssignDutyRequest(commune_id=commune_id, duty=duty, primary=primary, backup=backup)
        return _roster(await self._call("AssignDuty", request, context))

    async def roster(self, commune_id: str, context: RequestContext) -> DutyRoster:
        return _roster(
            await self._call("GetDutyRoster", pb.GetDutyRosterRequest(commune_id=commune_id), context)
        )

    async def record_absence(self, commune_id: str, draft: AbsenceDraft, context: RequestContext) -> Absence:
        request = pb.RecordAbsenceRequest(
            commune_id=commune_id,
            person=draft.person,
            kind=draft.kind,
            start=draft.start.isoformat(),
            end=draft.end.isoformat(),
        )
        return _absence(await self._call("RecordAbsence", request, context))

    async def coverage(self, commune_id: str, on: date | None, context: RequestContext) -> Coverage:
        request = pb.GetCoverageRequest(commune_id=commune_id, on=on.isoformat() if on else "")
        return _coverage(await self._call("GetCoverage", request, context))

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        stub = pb_grpc.DutyServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            return await getattr(stub, method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
