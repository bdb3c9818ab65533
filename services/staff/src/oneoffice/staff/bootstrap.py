"""The composition root of the staff service: every adapter is a parameter with a default."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.passwords import Argon2Passwords
from .adapters.title_data import staff_titles
from .adapters.unit_data import body_codes
from .application.accounts import AccountService
from .application.people import PeopleService
from .application.ports import PasswordHasher
from .application.staff_directory import RegisterStaffDirectory
from .application.units import UnitRegistryService
from .config import Settings

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
    directory: RegisterStaffDirectory
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("staff"))


async def bootstrap(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    follow_events: bool = True,
    telemetry: ServiceTelemetry | None = None,
    passwords: PasswordHasher | None = None,
) -> StaffContainer:
    """Open the database, bring its schema up to date, and wire the service.

    ``follow_events`` is the service kit's switch for one-off commands; staff follows nothing yet.
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
        container = StaffContainer(
            settings=settings,
            engine=store.engine,
            store=store,
            accounts=AccountService(store, build_registry(), clock, passwords or Argon2Passwords()),
            units=units,
            people=people,
            directory=RegisterStaffDirectory(people),
            telemetry=telemetry,
            _resources=resources.pop_all(),
        )
    return container
