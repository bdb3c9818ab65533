"""A database-level lease: one rebuild of a projection at a time, whichever process runs it.

The server and the command line (``rebuild-projections``) are different processes on one database,
so an in-process lock cannot keep two rebuilds apart. The lease is a row (projection, owner,
expiry) rather than a PostgreSQL advisory lock because the same rule must hold on SQLite (the
embedded mode, whose CLI runs beside the server on one file), and a row says who holds it and until
when. The holder renews it while it works; a holder that died loses it when it expires. Every
transaction of the rebuild that changes shared state (drops, the switch) first checks, under a row
lock, that the lease is still its own, so a holder paused past its expiry changes nothing.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from .cancelling import cancel_and_wait
from .clock import Clock, SystemClock
from .schema import projection_rebuild_leases as leases

log = structlog.get_logger("oneoffice.eventcore.rebuild_lease")

DEFAULT_TTL = timedelta(seconds=60)


class RebuildLeaseHeld(RuntimeError):
    """Another rebuild of this projection holds the lease (in this process or another one)."""

    def __init__(self, name: str, owner: str, expires_at: datetime) -> None:
        super().__init__(f"a rebuild of {name} is already running ({owner}, lease until {expires_at})")
        self.name = name
        self.owner = owner
        self.expires_at = expires_at


class RebuildLeaseLost(RuntimeError):
    """This rebuild's lease expired or was taken over: it must change nothing more."""


def default_owner() -> str:
    """Host, process and a random part: unique per lease, readable by an operator."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class RebuildLease:
    def __init__(
        self,
        engine: AsyncEngine,
        name: str,
        *,
        clock: Clock | None = None,
        ttl: timedelta = DEFAULT_TTL,
        owner: str | None = None,
    ) -> None:
        self._engine = engine
        self.name = name
        self.owner = owner or default_owner()
        self._clock = clock or SystemClock()
        self._ttl = ttl

    async def acquire(self) -> None:
        """Take the lease, or raise :class:`RebuildLeaseHeld` naming its holder."""
        now = self._clock.now()
        insert = postgresql.insert if self._engine.dialect.name == "postgresql" else sqlite.insert
        statement = insert(leases).values(
            name=self.name, owner=self.owner, acquired_at=now, expires_at=now + self._ttl
        )
        # One statement, atomic on both dialects: insert, or take over an expired lease.
        statement = statement.on_conflict_do_update(
            index_elements=[leases.c.name],
            set_={
                "owner": statement.excluded.owner,
                "acquired_at": statement.excluded.acquired_at,
                "expires_at": statement.excluded.expires_at,
            },
            where=leases.c.expires_at <= now,
        )
        async with self._engine.begin() as conn:
            await conn.execute(statement)
            row = (
                await conn.execute(
                    sa.select(leases.c.owner, leases.c.expires_at).where(leases.c.name == self.name)
                )
            ).one()
        if row.owner != self.owner:
            raise RebuildLeaseHeld(self.name, row.owner, row.expires_at)
        log.info("rebuild lease acquired", projection=self.name, owner=self.owner)

    async def check(self, conn: AsyncConnection) -> None:
        """Inside a transaction: lock the lease row and raise :class:`RebuildLeaseLost` unless it is ours.

        Rebuild transactions take it first, before checkpoints and generations (one lock order).
        """
        query = sa.select(leases.c.owner, leases.c.expires_at).where(leases.c.name == self.name)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = (await conn.execute(query)).one_or_none()
        if row is None or row.owner != self.owner or row.expires_at <= self._clock.now():
            raise RebuildLeaseLost(f"the rebuild lease of {self.name} held by {self.owner} was lost")

    async def renew(self) -> bool:
        """Push the expiry forward; False when the lease is no longer ours."""
        now = self._clock.now()
        async with self._engine.begin() as conn:
            result = await conn.execute(
                leases.update()
                .where(leases.c.name == self.name, leases.c.owner == self.owner, leases.c.expires_at > now)
                .values(expires_at=now + self._ttl)
            )
        return bool(result.rowcount)

    async def release(self) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                leases.delete().where(leases.c.name == self.name, leases.c.owner == self.owner)
            )

    @asynccontextmanager
    async def held(self) -> AsyncIterator[RebuildLease]:
        """Acquire, renew every third of the time to live while the body runs, release at the end."""
        await self.acquire()
        renewing = asyncio.create_task(self._keep_renewing(), name=f"rebuild-lease:{self.name}")
        try:
            yield self
        finally:
            await cancel_and_wait(renewing)
            try:
                await self.release()
            except Exception as exc:  # the rebuild's own outcome matters more; the lease expires
                log.warning("rebuild lease not released", projection=self.name, error=type(exc).__name__)

    async def _keep_renewing(self) -> None:
        interval = self._ttl.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                if not await self.renew():
                    log.error("rebuild lease lost", projection=self.name, owner=self.owner)
                    return  # the next check() refuses to change anything
            except Exception as exc:  # a database hiccup: the lease lives on until its expiry
                log.warning("rebuild lease not renewed", projection=self.name, error=type(exc).__name__)
