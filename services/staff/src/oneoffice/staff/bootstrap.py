"""The composition root of the staff service: every adapter is a parameter with a default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore

from .config import Settings

# Alembic version directories of this service's own tables, upgraded with the event store's.
VERSION_LOCATIONS: tuple[Path, ...] = ()


@dataclass(slots=True)
class StaffContainer:
    settings: Settings
    engine: AsyncEngine
    store: EventStore

    async def aclose(self) -> None:
        await self.store.close()
        await self.engine.dispose()


async def bootstrap(
    settings: Settings, *, engine: AsyncEngine | None = None, clock: Clock | None = None
) -> StaffContainer:
    """Open the database, bring its schema up to date, and wire the service."""
    engine = engine or create_engine(settings.database_url)
    try:
        await upgrade(engine, version_locations=VERSION_LOCATIONS)
    except BaseException:
        await engine.dispose()
        raise
    store = EventStore(engine, clock or SystemClock())
    return StaffContainer(settings=settings, engine=engine, store=store)
