"""Checkpoint row locks per partition, and the SQLite store's durable commits."""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa

from oneoffice.eventcore.applier import BatchApplier, Deliveries
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.schema import subscription_checkpoints as checkpoints
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase

from .conftest import NoteTaken
from .projections import NotesProjection

META = Metadata(actor="clerk", correlation_id="corr")


async def test_a_transaction_holding_one_partitions_checkpoint_does_not_block_another_partition(
    create_pg_database: CreateDatabase,
) -> None:
    engine = create_engine(await create_pg_database("locks"))
    try:
        await upgrade(engine)
        store = EventStore(engine)
        for n, commune in enumerate(["c0", "c1", "c0", "c1"]):
            await store.append(
                f"s{n}", commune, [NoteTaken(text="a", n=n)], expected_version=0, metadata=META
            )
        page = await store.read_all(0, 10)
        await store.close()
        runner = ProjectionRunner(engine, NotesProjection())
        await runner.start()
        applier = BatchApplier(engine, "notes", runner)
        # Partition p holds commune c<p>, as a topic keyed by commune would; offsets count from 0.
        for partition, events in enumerate([page[0::2], page[1::2]]):
            first = Deliveries([0], [events[0][0]], [events[0][1]])
            await applier.apply("topic", partition, first, expected=None)
        stored = await applier.stored_checkpoints("topic")
        async with engine.connect() as holder:  # another group member's transaction on partition 0
            await holder.execute(sa.select(checkpoints).where(checkpoints.c.partition == 0).with_for_update())
            second = Deliveries([1], [page[3][0]], [page[3][1]])
            outcome = await asyncio.wait_for(applier.apply("topic", 1, second, expected=stored[1]), timeout=5)
            await holder.rollback()
        assert outcome.applied == 1
    finally:
        await engine.dispose()


async def test_the_sqlite_store_commits_appends_with_synchronous_full(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'events.db'}")
    await upgrade(engine)
    store = EventStore(engine)
    try:
        await store.append("s", "c", [NoteTaken(text="a")], expected_version=0, metadata=META)
        connection = store._backend._inline_conn  # type: ignore[attr-defined]
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2, (
            "FULL: the WAL is synced per commit"
        )
    finally:
        await store.close()
        await engine.dispose()
