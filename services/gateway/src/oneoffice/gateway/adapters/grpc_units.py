"""The :class:`UnitsPort` over ``oneoffice.staff.v1.StaffService`` (administrative units)."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc

from ..application.ports import RequestContext
from ..application.units import (
    LineageStep,
    NewUnitDraft,
    ReorganisationDraft,
    ReorganisationResult,
    Unit,
    UnitBody,
    UnitLineage,
)
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "staff"


def _unit(message: Any) -> Unit:
    return Unit(
        code=message.code,
        name=message.name,
        kind=message.kind,
        parent=message.parent or None,
        synthetic=message.synthetic,
        valid_from=date.fromisoformat(message.valid_from),
        valid_to=date.fromisoformat(message.valid_to) if message.valid_to else None,
        bodies=tuple(message.bodies),
    )


def _step(message: Any) -> LineageStep:
    return LineageStep(
        message.kind,
        date.fromisoformat(message.effective),
        _unit(message.predecessor),
        _unit(message.successor),
    )


def _spec(draft: NewUnitDraft) -> pb.NewUnitSpec:
    return pb.NewUnitSpec(
        code=draft.code or "",
        name=draft.name,
        kind=draft.kind,
        parent=draft.parent or "",
        bodies=list(draft.bodies),
    )


def reorganise_request(draft: ReorganisationDraft) -> pb.ReorganiseRequest:
    """The wire request; what a kind does not use is left out (the service refuses what is missing)."""
    first = draft.units[0] if draft.units else ""
    common: dict[str, Any] = {
        "reorganisation_id": draft.reorganisation_id,
        "effective": draft.effective.isoformat(),
        "note": draft.note,
    }
    match draft.kind:
        case "establish":
            spec = _spec(draft.new_units[0]) if draft.new_units else pb.NewUnitSpec()
            return pb.ReorganiseRequest(**common, establish=pb.Establish(unit=spec))
        case "merge":
            if draft.into_existing:
                merge = pb.Merge(units=list(draft.units), into_existing=draft.into_existing)
            else:
                into = _spec(draft.new_units[0]) if draft.new_units else pb.NewUnitSpec()
                merge = pb.Merge(units=list(draft.units), into_new=into)
            return pb.ReorganiseRequest(**common, merge=merge)
        case "split":
            split = pb.Split(unit=first, into=[_spec(u) for u in draft.new_units])
            return pb.ReorganiseRequest(**common, split=split)
        case "rename":
            rename = pb.Rename(unit=first, name=draft.name or "", kind=draft.unit_kind or "")
            return pb.ReorganiseRequest(**common, rename=rename)
        case "reparent":
            return pb.ReorganiseRequest(**common, reparent=pb.Reparent(unit=first, parent=draft.parent or ""))
        case "cease":
            return pb.ReorganiseRequest(**common, cease=pb.Cease(unit=first))


class GrpcUnits:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    def _stub(self) -> Any:
        return pb_grpc.StaffServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]

    async def list_units(self, parent: str | None, as_of: date, context: RequestContext) -> list[Unit]:
        request = pb.ListUnitsRequest(parent=parent or "", as_of=as_of.isoformat())
        response = await self._call("ListUnits", request, context)
        return [_unit(u) for u in response.units]

    async def get_unit(self, code: str, as_of: date | None, context: RequestContext) -> Unit:
        request = pb.GetUnitRequest(code=code, as_of=as_of.isoformat() if as_of else "")
        return _unit(await self._call("GetUnit", request, context))

    async def get_lineage(self, code: str, context: RequestContext) -> UnitLineage:
        response = await self._call("GetLineage", pb.GetLineageRequest(code=code), context)
        return UnitLineage(
            _unit(response.unit),
            tuple(_step(s) for s in response.came_from),
            tuple(_step(s) for s in response.became),
        )

    async def get_unit_bodies(self, code: str, as_of: date | None, context: RequestContext) -> list[UnitBody]:
        request = pb.GetUnitBodiesRequest(code=code, as_of=as_of.isoformat() if as_of else "")
        response = await self._call("GetUnitBodies", request, context)
        return [
            UnitBody(b.code, b.name_vi, b.name_en, date.fromisoformat(b.since), tuple(b.carried_from))
            for b in response.bodies
        ]

    async def reorganise(self, draft: ReorganisationDraft, context: RequestContext) -> ReorganisationResult:
        response = await self._call("Reorganise", reorganise_request(draft), context)
        return ReorganisationResult(
            reorganisation_id=response.reorganisation_id,
            kind=response.kind,
            effective=date.fromisoformat(response.effective),
            note=response.note,
            units=tuple(response.units),
            recorded_now=response.recorded_now,
        )

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        try:
            return await getattr(self._stub(), method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
