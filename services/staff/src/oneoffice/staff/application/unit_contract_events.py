"""The units' events as the contract publishes them, and back: the translation at the store's edge."""

from __future__ import annotations

from oneoffice.contracts.events import staff as contract
from oneoffice.eventcore.events import DomainEvent

from ..domain.unit_events import (
    CarriedBody,
    UnitCeased,
    UnitEstablished,
    UnitEvent,
    UnitRenamed,
    UnitReparented,
    UnitsMerged,
    UnitSplit,
)
from ..domain.units import NewUnit, UnitKind


def _unit_out(unit: NewUnit) -> contract.NewUnit:
    return contract.NewUnit(
        code=unit.code,
        name=unit.name,
        kind=unit.kind.value,
        parent=unit.parent,
        synthetic=unit.synthetic,
        bodies=list(unit.bodies),
    )


def _unit_in(unit: contract.NewUnit) -> NewUnit:
    return NewUnit(unit.code, unit.name, UnitKind(unit.kind), unit.parent, unit.synthetic, tuple(unit.bodies))


def to_contract(event: UnitEvent) -> DomainEvent:
    common = {"reorganisation_id": event.reorganisation_id, "effective": event.effective, "note": event.note}
    match event:
        case UnitEstablished():
            return contract.UnitEstablished(**common, unit=_unit_out(event.unit))
        case UnitsMerged():
            new = None if event.new_successor is None else _unit_out(event.new_successor)
            return contract.UnitsMerged(
                **common,
                merged=list(event.merged),
                successor=event.successor,
                new_successor=new,
                bodies_carried=[
                    contract.CarriedBody(from_unit=c.from_unit, body=c.body) for c in event.bodies_carried
                ],
                children_moved=list(event.children_moved),
            )
        case UnitSplit():
            return contract.UnitSplit(**common, unit=event.unit, into=[_unit_out(u) for u in event.into])
        case UnitRenamed():
            return contract.UnitRenamed(
                **common, code=event.code, name=event.name, kind=UnitKind(event.kind).value
            )
        case UnitReparented():
            return contract.UnitReparented(**common, code=event.code, parent=event.parent)
        case UnitCeased():
            return contract.UnitCeased(**common, code=event.code)


def from_contract(event: DomainEvent) -> UnitEvent:
    match event:
        case contract.UnitEstablished():
            return UnitEstablished(event.reorganisation_id, event.effective, _unit_in(event.unit), event.note)
        case contract.UnitsMerged():
            return UnitsMerged(
                event.reorganisation_id,
                event.effective,
                tuple(event.merged),
                event.successor,
                None if event.new_successor is None else _unit_in(event.new_successor),
                tuple(CarriedBody(c.from_unit, c.body) for c in event.bodies_carried),
                tuple(event.children_moved),
                event.note,
            )
        case contract.UnitSplit():
            into = tuple(_unit_in(u) for u in event.into)
            return UnitSplit(event.reorganisation_id, event.effective, event.unit, into, event.note)
        case contract.UnitRenamed():
            return UnitRenamed(
                event.reorganisation_id, event.effective, event.code, event.name, event.kind, event.note
            )
        case contract.UnitReparented():
            return UnitReparented(
                event.reorganisation_id, event.effective, event.code, event.parent, event.note
            )
        case contract.UnitCeased():
            return UnitCeased(event.reorganisation_id, event.effective, event.code, event.note)
    raise TypeError(f"not a unit event: {event.event_type}")
