"""PostgreSQL: no ping at every checkout, yet a pooled connection the server ended is survived.

The store retries once: a connection seen closed before anything was sent is simply replaced; one
that dies during an append is checked by its event ids (committed or not) before the one retry.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import asyncpg
import pytest

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata, StoredEvent
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase

from .conftest import NoteTaken

META = Metadata(actor="clerk", correlation_id="corr")


@pytest.fixture
async def pg(create_pg_database: CreateDatabase) -> AsyncIterator[tuple[str, EventStore]]:
    url = await create_pg_database("dead")
    engine = create_engine(url, pool_size=1, max_overflow=0)  # one pooled connection: the one killed
    await upgrade(engine)
    store = EventStore(engine)
    yield url, store
    await store.close()
    await engine.dispose()


async def _terminate_others(url: str) -> int:
    """pg_terminate_backend of every other session on the test database (the pooled one)."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"), ssl=False)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    finally:
        await conn.close()


def test_engines_do_not_ping_at_every_checkout_and_hide_parameters() -> None:
    engine = create_engine("postgresql+asyncpg://u:p@127.0.0.1/db")
    assert engine.pool._pre_ping is False
    assert engine.sync_engine.hide_parameters is True
    assert create_engine("sqlite+aiosqlite:///x.db").sync_engine.hide_parameters is True


async def test_appends_and_reads_survive_the_pooled_connection_being_terminated_between_them(
    pg: tuple[str, EventStore],
) -> None:
    url, store = pg
    await store.append("s-1", "c-1", [NoteTaken(text="a")], expected_version=0, metadata=META)
    assert await _terminate_others(url) == 1

    await store.append("s-1", "c-1", [NoteTaken(text="b")], expected_version=1, metadata=META)

    assert await _terminate_others(url) == 1
    assert [e.payload["text"] for e in await store.read_stream("s-1")] == ["a", "b"]
    assert await _terminate_others(url) == 1
    assert len(await store.read_all(0, 10)) == 2


async def test_an_append_whose_connection_dies_before_commit_is_retried_once_and_recorded_once(
    create_pg_database: CreateDatabase,
) -> None:
    url = await create_pg_database("dead_commit")
    engine = create_engine(url, pool_size=2, max_overflow=0)
    await upgrade(engine)
    attempts = 0

    async def die_on_first_attempt(_: Sequence[StoredEvent]) -> None:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            await _terminate_others(url)

    store = EventStore(engine, before_commit=die_on_first_attempt)
    try:
        await store.append("s-1", "c-1", [NoteTaken(text="a")], expected_version=0, metadata=META)

        assert attempts == 2
        assert [e.payload["text"] for e in await store.read_stream("s-1")] == ["a"]
    finally:
        await store.close()
        await engine.dispose()
