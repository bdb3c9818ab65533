"""The alembic migrations build exactly the schema the store's table definitions describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from oneoffice.eventcore.migrations import current_heads, upgrade
from oneoffice.eventcore.schema import metadata

from .conftest import MakeEngine


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
    assert await current_heads(engine) == heads == {"0003_continuity"}
