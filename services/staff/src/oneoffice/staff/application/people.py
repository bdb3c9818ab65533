"""Use cases of people, office teams and model adoption: load → decide → save.

Who works where follows the units' history: the staff of a commune that merged into another are
staff of the successor from the merge date (:func:`merged_into`), read from the unit registry's
events at query time; no event of the old unit is rewritten.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.model_adoption import ADOPTIONS_STREAM, ModelAdopted, ModelAdoptions
from ..domain.office_team import OfficeTeam, TeamEvent, TeamView, team_stream
from ..domain.people import REGISTER_STREAM, JoinStaff, PeopleEvent, PersonView, StaffRegister, Successor
from ..domain.people_errors import InvalidStaffChange, PeopleBusy
from ..domain.unit_errors import UnitNotFound
from ..domain.unit_registry import UnitRegistry
from .accounts import Caller
from .people_contract_events import from_contract, to_contract
from .ports import Clock, EventStorePort
from .units import UnitRegistryService

T = TypeVar("T")


def merged_into(units: UnitRegistry) -> Successor:
    """The unit whose staff the staff of ``code`` are on ``day``: ``code`` itself, or the unit it
    merged into (transitively) on or before that day."""

    def successor(code: str, day: date) -> str:
        current, seen = code, {code}
        while True:
            try:
                became = units.lineage(current).became
            except UnitNotFound:
                return current
            step = next(
                (
                    s
                    for s in became
                    if s.link.kind == "merge" and s.link.predecessor == current and s.link.effective <= day
                ),
                None,
            )
            if step is None or step.link.successor in seen:
                return current
            current = step.link.successor
            seen.add(current)

    return successor


@dataclass(frozen=True, slots=True)
class TeamChange:
    """``kind``: ``set_up`` (decision, lead, members), ``lead`` (lead, decision), ``join`` or ``leave``
    (person_id)."""

    kind: str
    effective: date
    decision_number: str = ""
    decision_date: date | None = None
    lead: str = ""
    members: tuple[str, ...] = ()
    person_id: str = ""


class PeopleService:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        units: UnitRegistryService,
        titles: Mapping[str, str],
        bodies: tuple[str, ...],
        *,
        max_attempts: int = 5,
        retry_delay: float = 0.005,
    ) -> None:
        self._store = store
        self._registry = registry
        self._clock = clock
        self._units = units
        self._titles = titles
        self._bodies = bodies
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay

    # People

    async def join(self, caller: Caller, command: JoinStaff) -> tuple[PersonView, bool]:
        """The person as recorded, and whether this request recorded them."""

        async def attempt() -> tuple[PersonView, bool]:
            register, units = await self.load_register(), await self._units.load()
            event = register.join(command, units.exists_on, self._titles, self._bodies)
            if event is not None:
                await self._save(REGISTER_STREAM, register.version, event.commune_id, event, caller)
                register.apply(event)
            return register.person(
                command.person_id, command.effective, merged_into(units)
            ), event is not None

        return await self._retry(attempt)

    async def transfer(
        self, caller: Caller, person_id: str, from_commune: str, to_commune: str, day: date
    ) -> PersonView:
        async def attempt() -> PersonView:
            register, units = await self.load_register(), await self._units.load()
            successor = merged_into(units)
            event = register.transfer(person_id, from_commune, to_commune, day, units.exists_on, successor)
            await self._save(REGISTER_STREAM, register.version, to_commune, event, caller)
            register.apply(event)
            return register.person(person_id, day, successor)

        return await self._retry(attempt)

    async def leave(self, caller: Caller, person_id: str, commune_id: str, day: date) -> PersonView:
        async def attempt() -> PersonView:
            register, units = await self.load_register(), await self._units.load()
            successor = merged_into(units)
            event = register.leave(person_id, commune_id, day, successor)
            await self._save(REGISTER_STREAM, register.version, commune_id, event, caller)
            register.apply(event)
            return register.person(person_id, day, successor)

        return await self._retry(attempt)

    async def person(self, person_id: str, day: date) -> PersonView:
        register, units = await self.load_register(), await self._units.load()
        return register.person(person_id, day, merged_into(units))

    async def staff_of(self, commune_id: str, day: date) -> list[PersonView]:
        register, units = await self.load_register(), await self._units.load()
        return register.staff_of(commune_id, day, merged_into(units))

    async def commune_of(self, person_id: str, day: date) -> str | None:
        register, units = await self.load_register(), await self._units.load()
        return register.commune_of(person_id, day, merged_into(units))

    # The office team

    async def office_team(self, commune_id: str, day: date) -> TeamView | None:
        """The commune's own team on ``day``; without one, the team a unit merged into it on or
        before ``day`` had (latest merge first, transitively), as recorded on that unit's stream:
        its ``commune_id`` names that unit. As for staff, nothing is copied at the merge: the old
        units' teams stay as recorded and the successor reads them until it sets up its own."""
        if (own := (await self.load_team(commune_id)).on(day)) is not None:
            return own
        for unit, merged_on in await self._units.merged_into(commune_id):
            if merged_on <= day and (carried := await self.office_team(unit, day)) is not None:
                return carried
        return None

    async def change_team(self, caller: Caller, commune_id: str, change: TeamChange) -> TeamView | None:
        async def attempt() -> TeamView | None:
            team, register, units = (
                await self.load_team(commune_id),
                await self.load_register(),
                await self._units.load(),
            )
            successor = merged_into(units)

            def is_staff(person_id: str, day: date) -> bool:
                return register.commune_of(person_id, day, successor) == commune_id

            event: TeamEvent | None
            match change.kind:
                case "set_up":
                    event = team.set_up(
                        change.decision_number,
                        change.decision_date or change.effective,
                        change.effective,
                        change.lead,
                        change.members,
                        is_staff,
                    )
                case "lead":
                    event = team.change_lead(change.lead, change.effective, change.decision_number, is_staff)
                case "join":
                    event = team.join(change.person_id, change.effective, is_staff)
                case "leave":
                    event = team.leave(change.person_id, change.effective)
                case _:
                    raise InvalidStaffChange(
                        "invalid_team_change",
                        "Hãy chọn một loại thay đổi: set_up, lead, join, leave.",
                        "Choose a kind of change: set_up, lead, join, leave.",
                    )
            if event is not None:
                await self._save(team_stream(commune_id), team.version, commune_id, event, caller)
                team.apply(event)
            return team.on(change.effective)

        return await self._retry(attempt)

    # Model adoption

    async def adopt(
        self, caller: Caller, commune_id: str, day: date, wave: str, decision: str
    ) -> tuple[ModelAdopted, bool]:
        async def attempt() -> tuple[ModelAdopted, bool]:
            adoptions, units = await self.load_adoptions(), await self._units.load()
            event = adoptions.adopt(commune_id, day, wave, decision, units.exists_on)
            if event is None:
                return adoptions.adopted[commune_id], False
            await self._save(ADOPTIONS_STREAM, adoptions.version, commune_id, event, caller)
            adoptions.apply(event)
            return event, True

        return await self._retry(attempt)

    async def adoptions(self, day: date | None) -> list[ModelAdopted]:
        return (await self.load_adoptions()).as_of(day)

    # Loading and saving

    async def load_register(self) -> StaffRegister:
        register = StaffRegister()
        for event in await self._events(REGISTER_STREAM):
            register.apply(event)
        return register

    async def load_team(self, commune_id: str) -> OfficeTeam:
        team = OfficeTeam(commune_id)
        for event in await self._events(team_stream(commune_id)):
            team.apply(event)
        return team

    async def load_adoptions(self) -> ModelAdoptions:
        adoptions = ModelAdoptions()
        for event in await self._events(ADOPTIONS_STREAM):
            adoptions.apply(event)
        return adoptions

    async def _events(self, stream: str) -> list[Any]:
        return [
            from_contract(self._registry.decode(e.event_type, e.schema_version, e.payload))
            for e in await self._store.read_stream(stream)
        ]

    async def _save(
        self,
        stream: str,
        version: int,
        commune_id: str,
        event: PeopleEvent | TeamEvent | ModelAdopted,
        caller: Caller,
    ) -> None:
        await self._store.append(
            stream,
            commune_id,
            [to_contract(event)],
            expected_version=version,
            metadata=caller.metadata(),
            occurred_at=self._clock.now(),
        )

    async def _retry(self, attempt: Callable[[], Awaitable[T]]) -> T:
        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=PeopleBusy
        )
