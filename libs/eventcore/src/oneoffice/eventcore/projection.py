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
from datetime import timedelta
from typing import ClassVar

import sqlalchemy as sa
import structlog
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from . import continuity
from .clock import Clock, SystemClock
from .database import write_locking
from .envelope import Envelope, StoredEvent, decode
from .handlers import EventHandler
from .rebuild_lease import DEFAULT_TTL, RebuildLease, RebuildLeaseHeld, RebuildLeaseLost
from .schema import projection_generations as generations
from .schema import subscription_checkpoints

log = structlog.get_logger("oneoffice.eventcore.projection")

__all__ = [
    "Projection",
    "ProjectionRunner",
    "RebuildConflict",
    "RebuildLeaseHeld",
    "RebuildLeaseLost",
    "Replay",
]

Tables = Mapping[str, sa.Table]


class RebuildConflict(RuntimeError):
    """Another rebuild switched generations, or the live subscription never let this one catch up."""


class Projection(ABC):
    """A read model: its tables (per generation) and how one event changes them."""

    name: ClassVar[str]

    @abstractmethod
    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        """The tables of one generation, keyed by a logical name; real names end with ``suffix``."""

    @abstractmethod
    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        """Apply one event; events of other types are ignored."""

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        """Apply events in order. Override to write a whole batch in a few statements."""
        for event in events:
            await self.apply(conn, tables, event)

    async def apply_stored(
        self, conn: AsyncConnection, tables: Tables, events: Sequence[StoredEvent]
    ) -> None:
        """Apply stored events. Override to let the database read the envelopes (set-based)."""
        await self.apply_batch(conn, tables, [decode(e) for e in events])


class _GenerationHandler:
    def __init__(self, projection: Projection, tables: Tables) -> None:
        self._projection = projection
        self._tables = tables

    @property
    def projection(self) -> Projection:
        """The projection it applies events to (a set-based rebuild may fill its tables instead)."""
        return self._projection

    @property
    def tables(self) -> Tables:
        """The generation's tables it writes."""
        return self._tables

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        await self._projection.apply_batch(conn, self._tables, events)

    async def handle_stored(self, conn: AsyncConnection, events: Sequence[StoredEvent]) -> None:
        await self._projection.apply_stored(conn, self._tables, events)


Replay = Callable[[EventHandler, str], Awaitable[None]]
"""Runs a subscription named by the second argument with the given handler until caught up."""


class ProjectionRunner:
    """An :class:`EventHandler` applying events to the active generation of one projection."""

    def __init__(self, engine: AsyncEngine, projection: Projection, clock: Clock | None = None) -> None:
        self._engine = engine
        # Every transaction here that writes reads first (the lease, the generation, checkpoints).
        self._writer = write_locking(engine)
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
        """Create the first generation when the projection is new.

        On SQLite the transaction takes the write lock as it opens (:func:`.database.write_locking`).
        """
        async with self._writer.begin() as conn:
            generation = await self._generation(conn)
            if generation is None:
                # Two processes may start a new projection at once: the second insert does nothing.
                insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
                await conn.execute(
                    insert(generations)
                    .values(name=self.name, generation=1, switched_at=self._clock.now())
                    .on_conflict_do_nothing(index_elements=["name"])
                )
                generation = await self._generation(conn) or 1
            await self._create(conn, generation)

    async def _create(self, conn: AsyncConnection, generation: int) -> None:
        tables = self._tables_of(generation)
        metadata = next(iter(tables.values())).metadata
        await conn.run_sync(metadata.create_all)

    async def _generation(self, conn: AsyncConnection, *, share_lock: bool = False) -> int | None:
        query = sa.select(generations.c.generation).where(generations.c.name == self.name)
        if share_lock and conn.dialect.name == "postgresql":
            query = query.with_for_update(read=True)
        value = await conn.scalar(query)
        return None if value is None else int(value)

    async def active_generation(self) -> int:
        async with self._engine.connect() as conn:
            generation = await self._generation(conn)
        if generation is None:
            raise LookupError(f"projection {self.name} was never started")
        return generation

    async def tables(self, conn: AsyncConnection) -> Tables:
        """The active generation's tables, as seen by ``conn``'s transaction (for queries).

        On PostgreSQL the generation row is share-locked until the transaction ends, so a switch
        (and the drop of the old tables after it) waits for queries already reading them.
        """
        generation = await self._generation(conn, share_lock=True)
        if generation is None:
            raise LookupError(f"projection {self.name} was never started")
        return self._tables_of(generation)

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        await _GenerationHandler(self._projection, await self.tables(conn)).handle(conn, events)

    async def handle_stored(self, conn: AsyncConnection, events: Sequence[StoredEvent]) -> None:
        await _GenerationHandler(self._projection, await self.tables(conn)).handle_stored(conn, events)

    async def rebuild(
        self,
        subscription: str,
        replay: Replay,
        *,
        max_rounds: int = 20,
        lease_ttl: timedelta = DEFAULT_TTL,
    ) -> int:
        """Rebuild into a fresh generation, then switch to it atomically; returns its number.

        ``subscription`` is the live subscription feeding this runner. ``replay`` runs a
        subscription of the given name from its own checkpoints until caught up; it is called again
        (and resumes) while the live subscription is ahead of it, so the switch happens only when
        the new generation has applied everything the old one had. In the switching transaction the
        live subscription's checkpoints are replaced by the rebuild's, under row locks.

        The whole rebuild holds the projection's lease in the database (:mod:`.rebuild_lease`):
        a rebuild elsewhere raises :class:`RebuildLeaseHeld`, and one whose lease was lost raises
        :class:`RebuildLeaseLost` before it changes anything more.
        """
        lease = RebuildLease(self._engine, self.name, clock=self._clock, ttl=lease_ttl)
        async with lease.held():
            async with self._writer.begin() as conn:
                await lease.check(conn)
                current = await self._generation(conn, share_lock=True)
                if current is None:
                    raise LookupError(f"projection {self.name} was never started")
                new = current + 1
                await self._drop(conn, new, leftover_of=current)  # of an interrupted rebuild
                await self._create(conn, new)
                rebuild_subscription = f"{subscription}#g{new}"
                await conn.execute(
                    subscription_checkpoints.delete().where(
                        subscription_checkpoints.c.subscription == rebuild_subscription
                    )
                )
                await continuity.forget_heads(conn, rebuild_subscription)
            log.info("projection rebuild started", projection=self.name, generation=new, owner=lease.owner)
            handler = _GenerationHandler(self._projection, self._tables_of(new))
            for _ in range(max_rounds):
                await replay(handler, rebuild_subscription)
                if await self._switch(lease, subscription, rebuild_subscription, current, new):
                    break
            else:
                raise RebuildConflict(f"{self.name}: the live subscription kept moving ahead of the rebuild")
            async with self._writer.begin() as conn:
                await lease.check(conn)
                await self._drop(conn, current)
        log.info("projection switched to rebuilt generation", projection=self.name, generation=new)
        return new

    async def _switch(self, lease: RebuildLease, live: str, rebuilt: str, current: int, new: int) -> bool:
        """Switch when the rebuild has caught up with the live subscription; False to replay more.

        Locks in one order, the live applier's: checkpoint rows (ordered by key), then the
        generation row. The applier locks its checkpoint rows and then share-locks the generation
        (:meth:`tables`); taking the generation first here would deadlock with it.
        """
        async with self._writer.begin() as conn:
            await lease.check(conn)
            checkpoints_of = (
                sa.select(subscription_checkpoints)
                .where(subscription_checkpoints.c.subscription.in_([live, rebuilt]))
                .order_by(
                    subscription_checkpoints.c.subscription,
                    subscription_checkpoints.c.source,
                    subscription_checkpoints.c.partition,
                )
            )
            locked = sa.select(generations.c.generation).where(generations.c.name == self.name)
            if conn.dialect.name == "postgresql":
                checkpoints_of = checkpoints_of.with_for_update()
                locked = locked.with_for_update()
            rows = (await conn.execute(checkpoints_of)).mappings().all()
            if await conn.scalar(locked) != current:
                raise RebuildConflict(f"{self.name}: another rebuild switched generations meanwhile")
            positions: dict[str, dict[tuple[str, int], int]] = {live: {}, rebuilt: {}}
            for row in rows:
                positions[row["subscription"]][(row["source"], row["partition"])] = row["next_offset"]
            behind = [
                key for key, offset in positions[live].items() if positions[rebuilt].get(key, 0) < offset
            ]
            if behind:
                return False
            await conn.execute(
                generations.update()
                .where(generations.c.name == self.name)
                .values(generation=new, switched_at=self._clock.now())
            )
            await conn.execute(
                subscription_checkpoints.delete().where(subscription_checkpoints.c.subscription == live)
            )
            await conn.execute(
                subscription_checkpoints.update()
                .where(subscription_checkpoints.c.subscription == rebuilt)
                .values(subscription=live)
            )
            await continuity.move_heads(conn, rebuilt, live)  # the chain heads go with the checkpoints
        return True

    async def _drop(self, conn: AsyncConnection, generation: int, *, leftover_of: int | None = None) -> None:
        """Drop a generation's tables: one below the active one, or (``leftover_of``) the next one.

        Never the active generation nor one above it, except the leftovers of an interrupted
        rebuild at exactly ``leftover_of + 1``, and only while ``leftover_of`` is still active; the
        caller holds the rebuild lease, so no other rebuild is filling them.
        """
        active = await self._generation(conn, share_lock=True)
        allowed = (
            active is not None and generation < active
            if leftover_of is None
            else active == leftover_of and generation == leftover_of + 1
        )
        if not allowed:
            raise RebuildConflict(
                f"{self.name}: refusing to drop generation {generation} (the active one is {active})"
            )
        tables = self._tables_of(generation)
        metadata = next(iter(tables.values())).metadata
        await conn.run_sync(metadata.drop_all)
