"""What a service's composition root hands back: its parts, and one ``aclose()`` for all it made.

A bootstrap pushes every resource on an :class:`~contextlib.AsyncExitStack` as it makes it (an
engine's ``dispose``, a follower's ``stop``), inside ``async with``: if a later step fails, leaving
the block undoes exactly what was made. On success it moves the stack into the container
(``_resources=stack.pop_all()``), whose ``aclose()`` then undoes it all, in reverse order.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from .append_plan import max_event_bytes
from .clock import Clock
from .database import create_engine
from .migrations import upgrade
from .settings import GrpcServiceSettings
from .store import EventStore
from .telemetry.service import ServiceTelemetry


@dataclass(slots=True)
class ServiceContainer:
    # Keyword-only, so a container's own fields, with or without defaults, come first.
    _resources: AsyncExitStack = field(default_factory=AsyncExitStack, kw_only=True)

    async def aclose(self) -> None:
        await self._resources.aclose()


async def open_event_store(
    resources: AsyncExitStack,
    settings: GrpcServiceSettings,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    engine: AsyncEngine | None = None,
    version_locations: Sequence[Path] = (),
) -> EventStore:
    """A service's own database, brought up to date, and its event store; both undone by ``resources``.

    From ``settings``: the database URL, and the largest event the store keeps (what the service's
    topic takes per message, less the relay's headers), the same rule in every service.
    ``engine`` replaces the one made from the URL (it is disposed all the same).
    """
    database_url = settings.database_url
    engine = engine or create_engine(database_url)
    resources.push_async_callback(engine.dispose)
    telemetry.instrument_engine(engine)
    await upgrade(engine, version_locations=version_locations)
    store = EventStore(
        engine,
        clock,
        tracer_provider=telemetry.tracer_provider,
        on_appended=telemetry.on_appended(),
        max_event_bytes=max_event_bytes(settings.kafka_max_message_bytes),
    )
    resources.push_async_callback(store.close)
    return store
