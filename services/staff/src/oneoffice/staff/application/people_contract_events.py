"""The events of people, office teams and model adoption as the contract publishes them, and back.

The domain's events and the contract's carry the same fields (tuples in the domain, lists on the
wire), so one table of pairs is the whole translation.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from oneoffice.contracts.events import staff as contract
from oneoffice.eventcore.events import DomainEvent

from ..domain import model_adoption, office_team, people

PAIRS: tuple[tuple[type[Any], type[DomainEvent]], ...] = (
    (people.PersonJoined, contract.PersonJoinedStaff),
    (people.PersonTransferred, contract.PersonTransferred),
    (people.PersonLeft, contract.PersonLeftStaff),
    (office_team.OfficeTeamSetUp, contract.OfficeTeamSetUp),
    (office_team.OfficeTeamLeadChanged, contract.OfficeTeamLeadChanged),
    (office_team.OfficeTeamMemberJoined, contract.OfficeTeamMemberJoined),
    (office_team.OfficeTeamMemberLeft, contract.OfficeTeamMemberLeft),
    (model_adoption.ModelAdopted, contract.OneOfficeModelAdopted),
)
_TO = dict(PAIRS)
_FROM = {wire: domain for domain, wire in PAIRS}


def to_contract(event: Any) -> DomainEvent:
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    return _TO[type(event)](**{k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()})


def from_contract(event: DomainEvent) -> Any:
    kind = _FROM.get(type(event))
    if kind is None:
        raise TypeError(f"not an event of people, teams or adoptions: {event.event_type}")
    values = {f.name: getattr(event, f.name) for f in dataclasses.fields(kind)}
    return kind(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})
