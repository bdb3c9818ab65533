"""The alembic migrations build exactly the schema the store's table definitions describe."""

from __future__ import annotations

import asyncio
import sys

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection, make_url

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.migrations import current_heads, upgrade
from oneoffice.eventcore.schema import metadata
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase

from .conftest import MakeEngine, NoteTaken

META = Metadata(actor="clerk", correlation_id="corr")
# The newest revision: one head, the end of one chain.
HEAD = "eventcore_0005"


async def test_migrated_schema_matches_table_definitions(make_engine: MakeEngine) -> None:
    engine = await make_engine()

    def diff(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))

    async with engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_upgrade_twice_is_a_no_op_at_the_same_head(make_engine: MakeEngine) -> None:
    engine = await make_engine()
    heads = await current_heads(engine)
    await upgrade(engine)
    assert await current_heads(engine) == heads == {HEAD}


_UPGRADE_SCRIPT = """
import asyncio, sys
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.migrations import upgrade

async def main() -> None:
    engine = create_engine(sys.argv[1])
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()

asyncio.run(main())
"""


async def test_several_bootstraps_upgrading_one_fresh_database_at_once_all_succeed(
    create_pg_database: CreateDatabase,
) -> None:
    url = await create_pg_database("upgrade_race")
    # Separate processes, like replicas starting together.
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", _UPGRADE_SCRIPT, url, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(4)
    ]
    outcomes = [(await p.wait(), (await p.stderr.read()).decode()[-300:]) for p in processes if p.stderr]

    assert [error for code, error in outcomes if code != 0] == []
    engine = create_engine(url)
    try:
        assert await current_heads(engine) == {HEAD}
    finally:
        await engine.dispose()


@pytest.mark.parametrize("isolation", ["repeatable read", "serializable"])
async def test_appending_outside_read_committed_is_refused_with_a_clear_error(
    create_pg_database: CreateDatabase, isolation: str
) -> None:
    url = await create_pg_database("isolation")
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    database = make_url(url).database
    async with create_engine(url).connect() as conn:
        await conn.exec_driver_sql(
            f"ALTER DATABASE \"{database}\" SET default_transaction_isolation = '{isolation}'"
        )
        await conn.commit()
    engine = create_engine(url)  # new sessions: every transaction now runs at ``isolation``
    store = EventStore(engine)
    try:
        with pytest.raises(asyncpg.InvalidTransactionStateError, match="only under READ COMMITTED"):
            await store.append("s-1", "c-1", [NoteTaken(text="t")], expected_version=0, metadata=META)
        assert await store.last_position() == 0
    finally:
        await store.close()
        await engine.dispose()
