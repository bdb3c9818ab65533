"""The staged events of a set-based rebuild (#13) that died are dropped by the next one; those of a
rebuild still running (of other projections, under other leases) are left alone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.reporting.adapters.bulk_rebuild import _claimed, _drop_leftovers
from oneoffice.reporting.adapters.bulk_staging import create_staging

pytestmark = pytest.mark.integration


async def _tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        names = await conn.scalars(sa.text("SELECT relname::text FROM pg_class WHERE relname LIKE 'bulk%'"))
        return set(names)


async def test_a_running_rebuilds_staging_is_kept_and_a_dead_ones_is_dropped(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await create_staging(conn, "bulk_events_running")
        await create_staging(conn, "bulk_events_dead")

    async with _claimed(engine, "bulk_events_running"):
        async with engine.begin() as conn:
            await _drop_leftovers(conn)
        assert await _tables(engine) == {"bulk_events_running"}

    # Once that rebuild is over (or its process gone), what it left is a leftover too.
    async with engine.begin() as conn:
        await _drop_leftovers(conn)
    assert await _tables(engine) == set()


async def test_the_shares_of_a_running_load_are_kept_and_those_of_a_dead_one_dropped_with_its_view(
    engine: AsyncEngine,
) -> None:
    async with engine.begin() as conn:
        for name in (
            "bulk_events_live_s0",
            "bulk_events_live_s1",
            "bulk_events_gone_s0",
            "bulk_events_gone_s1",
        ):
            await create_staging(conn, name)
        await conn.execute(
            sa.text(
                "CREATE VIEW bulk_events_gone AS SELECT * FROM bulk_events_gone_s0 "
                "UNION ALL SELECT * FROM bulk_events_gone_s1"
            )
        )

    async with _claimed(engine, "bulk_events_live"):
        async with engine.begin() as conn:
            await _drop_leftovers(conn)
        assert await _tables(engine) == {"bulk_events_live_s0", "bulk_events_live_s1"}
