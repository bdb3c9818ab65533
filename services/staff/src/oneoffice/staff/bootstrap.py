"""The composition root of the staff service: every adapter is a parameter with a default."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store, outbox_relay
from oneoffice.eventcore.follower import FollowerLoop
from oneoffice.eventcore.kafka.producer import EventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.passwords import Argon2Passwords
from .adapters.title_data import staff_titles
from .adapters.unit_data import body_codes
from .application.accounts import AccountService
from .application.coverage_scheduler import CoverageScheduler
from .application.duties import DutyService
from .application.people import PeopleService
from .application.ports import PasswordHasher
from .application.staff_directory import RegisterStaffDirectory, StaffDirectory
from .application.units import UnitRegistryService
from .config import Settings

log = structlog.get_logger("oneoffice.staff.coverage_scheduler")

# Alembic version directories of this service's own tables, upgraded with the event store's.
VERSION_LOCATIONS: tuple[Path, ...] = ()


@dataclass(slots=True)
class StaffContainer(ServiceContainer):
    settings: Settings
    engine: AsyncEngine
    store: EventStore
    accounts: AccountService
    units: UnitRegistryService
    people: PeopleService
    directory: StaffDirectory
    duties: DutyService
    coverage: CoverageScheduler
    # The outbox relay to the staff topic (only with ``kafka_bootstrap``).
    relay: OutboxRelay | None = None
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("staff"))


async def bootstrap(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    follow_events: bool = True,
    telemetry: ServiceTelemetry | None = None,
    passwords: PasswordHasher | None = None,
    staff_directory: StaffDirectory | None = None,
    coverage_tick_seconds: float = 60.0,
    producer: EventProducer | None = None,
) -> StaffContainer:
    """Open the database, bring its schema up to date, and wire the service.

    ``follow_events`` is the service kit's switch for one-off commands: without it the coverage
    scheduler does not tick, and the outbox relay to the staff topic (only with ``kafka_bootstrap``;
    ``producer`` replaces its Kafka producer) does not publish. ``staff_directory``: who is staff
    of a commune (default: the people's register of this service).
    """
    telemetry = telemetry or ServiceTelemetry.create("staff")
    clock = clock or SystemClock()
    async with AsyncExitStack() as resources:
        store = await open_event_store(
            resources,
            settings,
            clock=clock,
            telemetry=telemetry,
            engine=engine,
            version_locations=VERSION_LOCATIONS,
        )
        units = UnitRegistryService(store, build_registry(), clock, body_codes())
        people = PeopleService(store, build_registry(), clock, units, staff_titles(), body_codes())
        # Who is staff of a commune on a day: the people's register (tests may give another).
        directory = staff_directory or RegisterStaffDirectory(people)
        duties = DutyService(
            store,
            build_registry(),
            clock,
            directory,
            units.exists_on,
            merged_into=units.merged_into,
            successors=units.successors,
        )
        coverage = CoverageScheduler(duties, directory, store.communes)
        if follow_events:
            ticks = FollowerLoop(
                "coverage-scheduler",
                _count(coverage),
                poll_interval=coverage_tick_seconds,
                on_error=_log_tick_error,
            )
            ticks.start()
            resources.push_async_callback(ticks.stop)
        relay: OutboxRelay | None = None
        if settings.kafka_bootstrap:
            relay = outbox_relay(
                "staff", resources, settings, store, clock=clock, telemetry=telemetry, producer=producer
            )
            if follow_events:
                relay.start()
                resources.push_async_callback(relay.stop)
        container = StaffContainer(
            settings=settings,
            engine=store.engine,
            store=store,
            accounts=AccountService(store, build_registry(), clock, passwords or Argon2Passwords()),
            units=units,
            people=people,
            directory=directory,
            duties=duties,
            coverage=coverage,
            relay=relay,
            telemetry=telemetry,
            _resources=resources.pop_all(),
        )
    return container


def _count(scheduler: CoverageScheduler) -> Callable[[], Awaitable[int]]:
    async def tick() -> int:
        return len(await scheduler.tick())

    return tick


def _log_tick_error(error: Exception) -> None:
    # The loop retries with a back-off; what failed must still be seen.
    log.warning("coverage_tick_failed", error=repr(error))
