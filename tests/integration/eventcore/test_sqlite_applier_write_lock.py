"""SQLite: a consumer's transaction takes the write lock when it opens (BEGIN IMMEDIATE).

Otherwise an append committed between the transaction's first read and its first write makes that
write fail at once with "database is locked" (WAL cannot upgrade a stale read snapshot).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.eventcore.applier import BatchApplier, Deliveries
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Envelope, Metadata
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore

from .conftest import NoteTaken

META = Metadata(actor="clerk", correlation_id="corr")


async def test_an_append_between_the_consumers_read_and_write_does_not_fail_its_transaction(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'embedded.db'}")
    await upgrade(engine)
    store = EventStore(engine)
    async with engine.begin() as conn:
        await conn.exec_driver_sql("CREATE TABLE notes (n INTEGER)")
    page = await store.append("s-1", "c-1", [NoteTaken(text="t")], expected_version=0, metadata=META)
    appends: list[asyncio.Task[object]] = []

    class ReadsThenWrites:
        async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
            await conn.execute(sa.text("SELECT count(*) FROM notes"))
            # Another writer (a clerk's registration) appends meanwhile; give it time to commit.
            append = store.append("s-2", "c-1", [NoteTaken(text="t")], expected_version=0, metadata=META)
            appends.append(asyncio.ensure_future(append))
            await asyncio.wait(appends, timeout=0.5)
            await conn.execute(sa.text("INSERT INTO notes VALUES (1)"))

    applier = BatchApplier(engine, "notes", ReadsThenWrites())
    try:
        outcome = await applier.apply("store", 0, Deliveries.from_store(page), expected=None)
        await asyncio.gather(*appends)

        assert outcome.applied == 1
        assert await store.last_position() == 2, "the concurrent append went through too"
        async with engine.connect() as conn:
            assert await conn.scalar(sa.text("SELECT count(*) FROM notes")) == 1
    finally:
        await store.close()
        await engine.dispose()
