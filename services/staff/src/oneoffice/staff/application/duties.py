"""Use cases of the duty catalogue and a commune's roster: load → decide → save.

The catalogue is one district-wide stream; each commune's roster is its own stream, appended with
the version it was loaded at (a concurrent change is retried on what is then there). A commune must
exist on the command's day (the unit registry); people must be staff of it (the staff directory).

Queries read a commune's roster together with the rosters of the units merged into it
(:mod:`..domain.merged_roster`): their assignments and open absences carry over from the merge day,
read from their own streams, nothing copied.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from typing import TypeVar

from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.coverage import Cover
from ..domain.duty_catalogue import CATALOGUE_STREAM, DutyCatalogue
from ..domain.duty_errors import RosterBusy
from ..domain.duty_events import (
    AbsenceKind,
    AbsenceRecorded,
    CatalogueAdopted,
    CatalogueVersionPublished,
    Duty,
    DutyAssigned,
    RosterEvent,
)
from ..domain.duty_roster import DutyRoster, Evaluation, Seen, roster_stream
from ..domain.merged_roster import MergedRoster
from ..domain.unit_errors import UnitNotFound
from .accounts import Caller
from .duty_contract_events import catalogue_from_contract, catalogue_to_contract, from_contract, to_contract
from .ports import Clock, EventStorePort
from .staff_directory import StaffDirectory

NO_COMMUNE = ""

E = TypeVar("E", bound=RosterEvent)

# The office's day is Vietnam's (UTC+7): an absence starts at local midnight, not UTC's.
OFFICE_TIME = timezone(timedelta(hours=7), "ICT")

ExistsOn = Callable[[str, date], Awaitable[bool]]
# The units merged directly into a commune, with the merge day, latest first (the unit registry).
MergedInto = Callable[[str], Awaitable[list[tuple[str, date]]]]
# The units a commune merged into, in turn, with the merge days (the unit registry).
Successors = Callable[[str], Awaitable[list[tuple[date, str]]]]


async def _none_merged(commune_id: str) -> list[tuple[str, date]]:
    return []


async def _no_successor(commune_id: str) -> list[tuple[date, str]]:
    return []


@dataclass(frozen=True, slots=True)
class CoverageView:
    commune_id: str
    day: date
    team_lead: str | None
    covers: list[Cover]


class DutyService:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        directory: StaffDirectory,
        exists_on: ExistsOn,
        *,
        merged_into: MergedInto = _none_merged,
        successors: Successors = _no_successor,
        max_attempts: int = 5,
        retry_delay: float = 0.005,
    ) -> None:
        self._store = store
        self._registry = registry
        self._clock = clock
        self._directory = directory
        self._exists_on = exists_on
        self._merged_into = merged_into
        self._successors = successors
        self._attempts = max_attempts
        self._delay = retry_delay

    def today(self) -> date:
        return self._clock.now().astimezone(OFFICE_TIME).date()

    # -- the catalogue ---------------------------------------------------------------------------

    async def publish_catalogue(
        self, caller: Caller, duties: Sequence[Duty], note: str = ""
    ) -> CatalogueVersionPublished:
        async def attempt() -> CatalogueVersionPublished:
            catalogue = await self.load_catalogue()
            event = catalogue.publish(tuple(duties), note)
            await self._store.append(
                CATALOGUE_STREAM,
                NO_COMMUNE,
                [catalogue_to_contract(event)],
                expected_version=catalogue.version,
                metadata=caller.metadata(),
                occurred_at=self._clock.now(),
            )
            return event

        return await retry_on_conflict(
            attempt, attempts=self._attempts, delay=self._delay, give_up=RosterBusy
        )

    async def catalogue(self, version: int | None = None) -> CatalogueVersionPublished:
        return (await self.load_catalogue()).get(version)

    async def load_catalogue(self) -> DutyCatalogue:
        catalogue = DutyCatalogue()
        for envelope in await self._store.read_stream(CATALOGUE_STREAM):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            catalogue.apply(catalogue_from_contract(event))
        return catalogue

    # -- a commune's roster ----------------------------------------------------------------------

    async def adopt(self, caller: Caller, commune_id: str, version: int | None) -> CatalogueAdopted:
        today = await self._existing(commune_id)
        published = await self.catalogue(version)
        return await self._decide(caller, commune_id, lambda roster: roster.adopt(published, today))

    async def assign(
        self, caller: Caller, commune_id: str, duty: str, primary: str, backup: str
    ) -> DutyAssigned:
        today = await self._existing(commune_id)
        not_staff = [
            p for p in (primary, backup) if p and not await self._directory.is_staff_of(p, commune_id, today)
        ]
        carried = (await self.merged_roster(commune_id)).carried_duties(today)
        return await self._decide(
            caller, commune_id, lambda roster: roster.assign(duty, primary, backup, today, not_staff, carried)
        )

    async def record_absence(
        self, caller: Caller, commune_id: str, person: str, kind: AbsenceKind, start: date, end: date
    ) -> AbsenceRecorded:
        await self._existing(commune_id, start)
        not_staff = not await self._directory.is_staff_of(person, commune_id, start)
        absence_id = str(uuid.uuid4())
        carried = (await self.merged_roster(commune_id)).carried_absences()
        return await self._decide(
            caller,
            commune_id,
            lambda roster: roster.record_absence(absence_id, person, kind, start, end, not_staff, carried),
        )

    async def coverage(self, commune_id: str, day: date) -> CoverageView:
        merged = await self.merged_roster(commune_id)
        lead = await self._directory.team_lead_of(commune_id, day)
        return CoverageView(commune_id, day, lead, merged.coverage_on(day, lead))

    async def merged_roster(self, commune_id: str, roster: DutyRoster | None = None) -> MergedRoster:
        """The commune's roster with what the units merged into it carried (``roster``: its own,
        when loaded already)."""
        own = roster or await self.roster(commune_id)
        carried = [
            (merged_on, await self.merged_roster(unit))
            for unit, merged_on in await self._merged_into(commune_id)
        ]
        return MergedRoster(own, tuple(carried))

    async def roster(self, commune_id: str) -> DutyRoster:
        roster = DutyRoster(commune_id)
        for envelope in await self._store.read_stream(roster_stream(commune_id)):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            roster.apply(from_contract(event))
        return roster

    async def seen_over_time(self, roster: DutyRoster) -> tuple[Seen, str]:
        """How coverage of ``roster``'s absences is evaluated on each day — through the commune's
        merged roster, and from each merge day on through its successor's — and the commune whose
        office it is today (itself, or the unit it merged into)."""
        chain = [(date.min, roster.commune_id), *await self._successors(roster.commune_id)]
        views = [
            (since, await self.merged_roster(code, roster if code == roster.commune_id else None))
            for since, code in chain
        ]

        def seen(day: date) -> Evaluation:
            return [view for since, view in views if since <= day][-1]

        return seen, [code for since, code in chain if since <= self.today()][-1]

    async def save(self, roster: DutyRoster, events: Sequence[RosterEvent], caller: Caller) -> None:
        """Append with the version ``roster`` was loaded at (raises ``ConcurrencyConflict``)."""
        await self._store.append(
            roster_stream(roster.commune_id),
            roster.commune_id,
            [to_contract(e) for e in events],
            expected_version=roster.version,
            metadata=caller.metadata(),
            occurred_at=self._clock.now(),
        )
        for event in events:
            roster.apply(event)

    async def _decide(self, caller: Caller, commune_id: str, decide: Callable[[DutyRoster], E]) -> E:
        async def attempt() -> E:
            roster = await self.roster(commune_id)
            event = decide(roster)
            await self.save(roster, [event], caller)
            return event

        return await retry_on_conflict(
            attempt, attempts=self._attempts, delay=self._delay, give_up=RosterBusy
        )

    async def _existing(self, commune_id: str, day: date | None = None) -> date:
        day = day or self.today()
        if not await self._exists_on(commune_id, day):
            raise UnitNotFound(commune_id, day)
        return day
