"""The composition root of the staff service: every adapter is a parameter with a default."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .config import Settings

# Alembic version directories of this service's own tables, upgraded with the event store's.
VERSION_LOCATIONS: tuple[Path, ...] = ()


@dataclass(slots=True)
class StaffContainer:
    settings: Settings
    engine: AsyncEngine
    store: EventStore
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("staff"))
    # What bootstrap made, undone in reverse order by aclose().
    _resources: AsyncExitStack = field(default_factory=AsyncExitStack)

    async def aclose(self) -> None:
        await self._resources.aclose()


async def bootstrap(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    follow_events: bool = True,
    telemetry: ServiceTelemetry | None = None,
) -> StaffContainer:
    """Open the database, bring its schema up to date, and wire the service.

    ``follow_events`` is the service kit's switch for one-off commands; staff follows nothing yet.
    """
    telemetry = telemetry or ServiceTelemetry.create("staff")
    async with AsyncExitStack() as resources:
        engine = engine or create_engine(settings.database_url)
        resources.push_async_callback(engine.dispose)
        telemetry.instrument_engine(engine)
        await upgrade(engine, version_locations=VERSION_LOCATIONS)
        store = EventStore(
            engine,
            clock or SystemClock(),
            tracer_provider=telemetry.tracer_provider,
            on_appended=telemetry.on_appended(),
        )
        resources.push_async_callback(store.close)
        container = StaffContainer(
            settings=settings,
            engine=engine,
            store=store,
            telemetry=telemetry,
            _resources=resources.pop_all(),
        )
    return container
