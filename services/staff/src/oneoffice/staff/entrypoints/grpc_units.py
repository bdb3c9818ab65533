"""The administrative-units part of ``oneoffice.staff.v1.StaffService``: wire messages in, use
cases, wire out. Composed into the servicer beside the accounts part (:mod:`.grpc_server`).

Dates travel as ISO days; a malformed one is refused (INVALID_ARGUMENT) before any use case runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Mapping
from datetime import date
from typing import Any, TypeVar

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.eventcore.grpc_caller import require

from ..adapters.unit_data import body_names
from ..application.accounts import Caller
from ..application.units import Recorded, UnitRegistryService
from ..domain.reorganisations import (
    CeaseUnit,
    EstablishUnit,
    MergeUnits,
    RenameUnit,
    Reorganisation,
    ReparentUnit,
    SplitUnit,
    UnitSpec,
)
from ..domain.unit_errors import InvalidReorganisation
from ..domain.unit_events import (
    UnitCeased,
    UnitEstablished,
    UnitEvent,
    UnitRenamed,
    UnitReparented,
    UnitsMerged,
    UnitSplit,
)
from ..domain.unit_history import Lineage, LineageStep, ServedBody, UnitView
from .grpc_errors import abort_with

T = TypeVar("T")

# The flow of the call, as the accounts part reads it.
CORRELATION_HEADER = "x-correlation-id"

KINDS: dict[type[UnitEvent], str] = {
    UnitEstablished: "establish",
    UnitsMerged: "merge",
    UnitSplit: "split",
    UnitRenamed: "rename",
    UnitReparented: "reparent",
    UnitCeased: "cease",
}


def parse_day(text: str, field: str, *, required: bool = True) -> date | None:
    if not text and not required:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidReorganisation(
            "invalid_date",
            f"Ngày '{field}' không hợp lệ (định dạng YYYY-MM-DD).",
            f"Invalid date '{field}' (format YYYY-MM-DD).",
        ) from None


def unit_message(view: UnitView) -> pb.Unit:
    return pb.Unit(
        code=view.code,
        name=view.name,
        kind=view.kind.value,
        parent=view.parent or "",
        synthetic=view.synthetic,
        valid_from=view.valid_from.isoformat(),
        valid_to=view.valid_to.isoformat() if view.valid_to else "",
        bodies=list(view.bodies),
    )


def _step(step: LineageStep) -> pb.LineageStep:
    return pb.LineageStep(
        kind=step.link.kind,
        effective=step.link.effective.isoformat(),
        predecessor=unit_message(step.predecessor),
        successor=unit_message(step.successor),
    )


def _lineage(lineage: Lineage) -> pb.Lineage:
    return pb.Lineage(
        unit=unit_message(lineage.unit),
        came_from=[_step(s) for s in lineage.came_from],
        became=[_step(s) for s in lineage.became],
    )


def _spec(message: pb.NewUnitSpec) -> UnitSpec:
    return UnitSpec(
        name=message.name,
        kind=message.kind,
        parent=message.parent or None,
        code=message.code or None,
        bodies=tuple(message.bodies),
    )


def reorganisation(request: pb.ReorganiseRequest) -> Reorganisation:
    """The command a request asks for (raises ``InvalidReorganisation`` for a malformed one)."""
    rid = request.reorganisation_id.strip() or str(uuid.uuid4())
    day = parse_day(request.effective, "effective")
    assert day is not None
    note = request.note
    match request.WhichOneof("change"):
        case "establish":
            return EstablishUnit(rid, day, _spec(request.establish.unit), note)
        case "merge":
            merge = request.merge
            into: UnitSpec | str = (
                merge.into_existing if merge.WhichOneof("into") == "into_existing" else _spec(merge.into_new)
            )
            return MergeUnits(rid, day, tuple(merge.units), into, note)
        case "split":
            return SplitUnit(rid, day, request.split.unit, tuple(_spec(s) for s in request.split.into), note)
        case "rename":
            rename = request.rename
            return RenameUnit(rid, day, rename.unit, rename.name, rename.kind or None, note)
        case "reparent":
            return ReparentUnit(rid, day, request.reparent.unit, request.reparent.parent or None, note)
        case "cease":
            return CeaseUnit(rid, day, request.cease.unit, note)
    raise InvalidReorganisation(
        "invalid_reorganisation",
        "Hãy chọn một loại sắp xếp: establish, merge, split, rename, reparent, cease.",
        "Choose a kind of reorganisation: establish, merge, split, rename, reparent, cease.",
    )


def touched(event: UnitEvent) -> list[str]:
    """The units a reorganisation touched: those that cease first, then those that begin or change."""
    match event:
        case UnitsMerged():
            return [*event.merged, event.successor]
        case UnitSplit():
            return [event.unit, *(unit.code for unit in event.into)]
        case UnitEstablished():
            return [event.unit.code]
        case UnitRenamed() | UnitReparented() | UnitCeased():
            return [event.code]


def _response(recorded: Recorded) -> pb.ReorganiseResponse:
    event = recorded.event
    return pb.ReorganiseResponse(
        reorganisation_id=event.reorganisation_id,
        kind=KINDS[type(event)],
        effective=event.effective.isoformat(),
        note=event.note,
        units=touched(event),
        recorded_now=recorded.new,
    )


async def _reorganiser(context: Any) -> Caller:
    """Who reorganises: a caller holding ``units:manage`` (administrators); else the call ends
    PERMISSION_DENIED. The reorganisation is recorded in their name."""
    identity = await require(context, Permission.UNITS_MANAGE)
    headers = {key: str(value) for key, value in context.invocation_metadata() or ()}
    return Caller(actor=identity.username, correlation_id=headers.get(CORRELATION_HEADER, ""))


async def _answer(call: Awaitable[T], context: Any) -> T:
    try:
        return await call
    except Exception as exc:
        await abort_with(context, exc)


class UnitRpcs:
    """ListUnits, GetUnit, GetLineage and Reorganise over :class:`UnitRegistryService`."""

    def __init__(
        self, units: UnitRegistryService, names: Mapping[str, tuple[str, str]] | None = None
    ) -> None:
        self._units = units
        self._body_names = body_names() if names is None else names

    async def ListUnits(self, request: pb.ListUnitsRequest, context: Any) -> pb.ListUnitsResponse:
        async def call() -> pb.ListUnitsResponse:
            day = parse_day(request.as_of, "as_of")
            assert day is not None
            views = await self._units.children(request.parent or None, day)
            return pb.ListUnitsResponse(units=[unit_message(v) for v in views])

        return await _answer(call(), context)

    async def GetUnit(self, request: pb.GetUnitRequest, context: Any) -> pb.Unit:
        async def call() -> pb.Unit:
            day = parse_day(request.as_of, "as_of", required=False)
            return unit_message(await self._units.unit(request.code, day))

        return await _answer(call(), context)

    async def GetLineage(self, request: pb.GetLineageRequest, context: Any) -> pb.Lineage:
        async def call() -> pb.Lineage:
            return _lineage(await self._units.lineage(request.code))

        return await _answer(call(), context)

    async def GetUnitBodies(self, request: pb.GetUnitBodiesRequest, context: Any) -> pb.UnitBodies:
        async def call() -> pb.UnitBodies:
            day = parse_day(request.as_of, "as_of", required=False)
            served = await self._units.bodies(request.code, day)
            return pb.UnitBodies(
                code=request.code,
                as_of=day.isoformat() if day else "",
                bodies=[self._body(b) for b in served],
            )

        return await _answer(call(), context)

    def _body(self, body: ServedBody) -> pb.UnitBody:
        name_vi, name_en = self._body_names.get(body.code, (body.code, body.code))
        return pb.UnitBody(
            code=body.code,
            name_vi=name_vi,
            name_en=name_en,
            since=body.since.isoformat(),
            carried_from=list(body.carried_from),
        )

    async def Reorganise(self, request: pb.ReorganiseRequest, context: Any) -> pb.ReorganiseResponse:
        reorganiser = await _reorganiser(context)

        async def call() -> pb.ReorganiseResponse:
            return _response(await self._units.reorganise(reorganiser, reorganisation(request)))

        return await _answer(call(), context)
