"""Use cases of the administrative units: load → decide → save on the one registry stream.

A reorganisation already recorded under its id answers what was recorded (asking twice, the seed
applied at every start, a retried request: one event). A commune established without bodies gets
the bodies every commune office serves (reference §1).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.reorganisations import EstablishUnit, Reorganisation, SplitUnit, UnitSpec
from ..domain.unit_errors import RegistryBusy
from ..domain.unit_events import UnitEvent
from ..domain.unit_history import Lineage, ServedBody, UnitView
from ..domain.unit_registry import REGISTRY_STREAM, UnitRegistry
from ..domain.units import UnitKind
from .accounts import Caller
from .ports import Clock, EventStorePort
from .unit_contract_events import from_contract, to_contract

# The registry belongs to no one commune: its events carry no commune id (one Kafka key, one order).
NO_COMMUNE = ""


@dataclass(frozen=True, slots=True)
class Recorded:
    """A reorganisation as recorded, and whether this request recorded it (or an earlier one had)."""

    event: UnitEvent
    new: bool


class UnitRegistryService:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        default_bodies: tuple[str, ...] = (),
        *,
        max_attempts: int = 5,
        retry_delay: float = 0.005,
    ) -> None:
        self._store = store
        self._registry = registry
        self._clock = clock
        self._default_bodies = default_bodies
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay

    async def reorganise(self, caller: Caller, command: Reorganisation) -> Recorded:
        """Raises ``InvalidReorganisation``, ``UnitNotFound`` or ``RegistryBusy``."""
        command = self._with_default_bodies(command)

        async def attempt() -> Recorded:
            units = await self.load()
            event = units.reorganise(command)
            if event is None:
                earlier = units.recorded(command.reorganisation_id)
                assert earlier is not None
                return Recorded(earlier, new=False)
            await self._save(units, event, caller)
            return Recorded(event, new=True)

        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=RegistryBusy
        )

    async def unit(self, code: str, as_of: date | None = None) -> UnitView:
        return (await self.load()).unit(code, as_of)

    async def children(self, parent: str | None, as_of: date) -> list[UnitView]:
        return (await self.load()).children(parent, as_of)

    async def bodies(self, code: str, as_of: date | None = None) -> tuple[ServedBody, ...]:
        return (await self.load()).bodies(code, as_of)

    async def lineage(self, code: str) -> Lineage:
        return (await self.load()).lineage(code)

    async def exists_on(self, code: str, day: date) -> bool:
        """Whether ``code`` names a unit that exists on ``day`` (the seam for refusing unknown units)."""
        return (await self.load()).exists_on(code, day)

    async def merged_into(self, code: str) -> list[tuple[str, date]]:
        """The units merged directly into ``code``, with the merge day, latest first."""
        return (await self.load()).merged_into(code)

    async def successors(self, code: str) -> list[tuple[date, str]]:
        """The units ``code`` merged into, in turn, with the merge days (earliest first)."""
        return (await self.load()).successors(code)

    async def load(self) -> UnitRegistry:
        units = UnitRegistry()
        for envelope in await self._store.read_stream(REGISTRY_STREAM):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            units.apply(from_contract(event))
        return units

    async def _save(self, units: UnitRegistry, event: UnitEvent, caller: Caller) -> None:
        await self._store.append(
            REGISTRY_STREAM,
            NO_COMMUNE,
            [to_contract(event)],
            expected_version=units.version,
            metadata=caller.metadata(),
            occurred_at=self._clock.now(),
        )
        units.apply(event)

    def _with_default_bodies(self, command: Reorganisation) -> Reorganisation:
        match command:
            case EstablishUnit():
                return replace(command, unit=self._bodies(command.unit))
            case SplitUnit():
                return replace(command, into=tuple(self._bodies(spec) for spec in command.into))
        # A merger's successor gets the bodies it carries from the merged units.
        return command

    def _bodies(self, spec: UnitSpec) -> UnitSpec:
        commune_level = spec.kind in {k.value for k in UnitKind if k.is_commune_level}
        if spec.bodies or not commune_level:
            return spec
        return replace(spec, bodies=self._default_bodies)
