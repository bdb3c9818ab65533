"""What the gateway needs of the staff service's people, office teams and model adoption, as a port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol

from .ports import RequestContext

TeamChangeKind = Literal["set_up", "lead", "join", "leave"]


@dataclass(frozen=True, slots=True)
class Person:
    person_id: str
    name: str
    title: str
    category: str
    bodies: tuple[str, ...]
    allowance: Decimal
    commune_id: str | None
    joined_on: date
    left_on: date | None = None
    username: str | None = None


@dataclass(frozen=True, slots=True)
class PersonDraft:
    name: str
    title: str
    category: str
    bodies: tuple[str, ...]
    allowance: Decimal
    effective: date
    username: str | None = None
    person_id: str = ""


@dataclass(frozen=True, slots=True)
class OfficeTeam:
    commune_id: str
    decision_number: str
    decision_date: date
    lead: str
    members: tuple[str, ...]
    carried_from: str | None = None  # the merged-away unit whose team this is (None: its own)


@dataclass(frozen=True, slots=True)
class TeamChangeDraft:
    kind: TeamChangeKind
    effective: date
    decision_number: str = ""
    decision_date: date | None = None
    lead: str = ""
    members: tuple[str, ...] = ()
    person_id: str = ""


@dataclass(frozen=True, slots=True)
class ModelAdoption:
    commune_id: str
    adopted_on: date
    wave: str
    decision: str
    recorded_now: bool = False


class PeoplePort(Protocol):
    async def join(self, commune_id: str, draft: PersonDraft, context: RequestContext) -> tuple[Person, bool]:
        """The person recorded and whether now; raises ``InvalidRequest`` or ``Forbidden``."""
        ...

    async def list_staff(self, commune_id: str, as_of: date, context: RequestContext) -> list[Person]: ...

    async def get_person(
        self, commune_id: str, person_id: str, as_of: date, context: RequestContext
    ) -> Person:
        """Raises ``NotFound`` when the person is not staff of the commune on ``as_of``."""
        ...

    async def transfer(
        self, commune_id: str, person_id: str, to_commune: str, effective: date, context: RequestContext
    ) -> Person: ...

    async def leave(
        self, commune_id: str, person_id: str, effective: date, context: RequestContext
    ) -> Person: ...

    async def office_team(
        self, commune_id: str, as_of: date, context: RequestContext
    ) -> OfficeTeam | None: ...

    async def change_team(
        self, commune_id: str, change: TeamChangeDraft, context: RequestContext
    ) -> OfficeTeam | None: ...

    async def adopt_model(
        self, commune_id: str, adopted_on: date, wave: str, decision: str, context: RequestContext
    ) -> ModelAdoption: ...

    async def model_adoptions(self, as_of: date | None, context: RequestContext) -> list[ModelAdoption]: ...
