"""Projections (read models built from events) and the runner that keeps them.

Each projection's tables exist in *generations* (``<table>_g<N>``). The runner applies events to
the active generation inside the subscription's transaction. A rebuild fills generation N+1 from
the whole log while generation N keeps answering queries and following new events, then switches
in one transaction: the active generation and the subscription's checkpoints move together, and the
live subscription, seeing its checkpoint moved, follows from where the rebuild stopped.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import ClassVar

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from .clock import Clock, SystemClock
from .envelope import Envelope
from .handlers import EventHandler
from .schema import projection_generations as generations
from .schema import subscription_checkpoints

log = structlog.get_logger("oneoffice.eventcore.projection")

Tables = Mapping[str, sa.Table]


class Projection(ABC):
    """A read model: its tables (per generation) and how one event changes them."""

    name: ClassVar[str]

    @abstractmethod
    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        """The tables of one generation, keyed by a logical name; real names end with ``suffix``."""

    @abstractmethod
    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        """Apply one event; events of other types are ignored."""


class _GenerationHandler:
    def __init__(self, projection: Projection, tables: Tables) -> None:
        self._projection = projection
        self._tables = tables

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        for event in events:
            await self._projection.apply(conn, self._tables, event)


Replay = Callable[[EventHandler, str], Awaitable[None]]
"""Runs a subscription named by the second argument with the given handler until caught up."""


class ProjectionRunner:
    """An :class:`EventHandler` applying events to the active generation of one projection."""

    def __init__(self, engine: AsyncEngine, projection: Projection, clock: Clock | None = None) -> None:
        self._engine = engine
        self._projection = projection
        self._clock = clock or SystemClock()
        self._tables: dict[int, dict[str, sa.Table]] = {}

    @property
    def name(self) -> str:
        return self._projection.name

    def _tables_of(self, generation: int) -> dict[str, sa.Table]:
        if generation not in self._tables:
            metadata = sa.MetaData()
            self._tables[generation] = self._projection.define_tables(metadata, f"_g{generation}")
        return self._tables[generation]

    async def start(self) -> None:
        """Create the first generation when the projection is new."""
        async with self._engine.begin() as conn:
            generation = await self._generation(conn)
            if generation is None:
                generation = 1
                await conn.execute(
                    generations.insert().values(name=self.name, generation=1, switched_at=self._clock.now())
                )
            await self._create(conn, generation)

    async def _create(self, conn: AsyncConnection, generation: int) -> None:
        tables = self._tables_of(generation)
        metadata = next(iter(tables.values())).metadata
        await conn.run_sync(metadata.create_all)

    async def _generation(self, conn: AsyncConnection) -> int | None:
        value = await conn.scalar(sa.select(generations.c.generation).where(generations.c.name == self.name))
        return None if value is None else int(value)

    async def active_generation(self) -> int:
        async with self._engine.connect() as conn:
            generation = await self._generation(conn)
        if generation is None:
            raise LookupError(f"projection {self.name} was never started")
        return generation

    async def tables(self, conn: AsyncConnection) -> Tables:
        """The active generation's tables, as seen by ``conn``'s transaction (for queries)."""
        generation = await self._generation(conn)
        if generation is None:
            raise LookupError(f"projection {self.name} was never started")
        return self._tables_of(generation)

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        await _GenerationHandler(self._projection, await self.tables(conn)).handle(conn, events)

    async def rebuild(self, subscription: str, replay: Replay) -> int:
        """Rebuild into a fresh generation, then switch to it atomically; returns its number.

        ``subscription`` is the live subscription feeding this runner: its checkpoints are replaced
        by the rebuild's in the switching transaction.
        """
        current = await self.active_generation()
        new = current + 1
        async with self._engine.begin() as conn:
            await self._drop(conn, new)  # leftovers of an interrupted rebuild
            await self._create(conn, new)
        rebuild_subscription = f"{subscription}#g{new}"
        async with self._engine.begin() as conn:
            await conn.execute(
                subscription_checkpoints.delete().where(
                    subscription_checkpoints.c.subscription == rebuild_subscription
                )
            )
        log.info("projection rebuild started", projection=self.name, generation=new)
        await replay(_GenerationHandler(self._projection, self._tables_of(new)), rebuild_subscription)
        async with self._engine.begin() as conn:
            locked = sa.select(generations.c.generation).where(generations.c.name == self.name)
            if conn.dialect.name == "postgresql":
                locked = locked.with_for_update()
            await conn.execute(locked)
            await conn.execute(
                generations.update()
                .where(generations.c.name == self.name)
                .values(generation=new, switched_at=self._clock.now())
            )
            await conn.execute(
                subscription_checkpoints.delete().where(
                    subscription_checkpoints.c.subscription == subscription
                )
            )
            await conn.execute(
                subscription_checkpoints.update()
                .where(subscription_checkpoints.c.subscription == rebuild_subscription)
                .values(subscription=subscription)
            )
        async with self._engine.begin() as conn:
            await self._drop(conn, current)
        log.info("projection switched to rebuilt generation", projection=self.name, generation=new)
        return new

    async def _drop(self, conn: AsyncConnection, generation: int) -> None:
        tables = self._tables_of(generation)
        metadata = next(iter(tables.values())).metadata
        await conn.run_sync(metadata.drop_all)
