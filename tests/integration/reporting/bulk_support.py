"""What the set-based rebuild's tests share: a projection's rows from applying relayed records (see
:mod:`tests.relayed_records`) event by event, against its rows from a set-based fill over the same
records staged in PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.envelope import decode
from oneoffice.eventcore.projection import Projection
from oneoffice.reporting.adapters.bulk_staging import create_staging, stage_records
from tests.relayed_records import PARTITIONS, TOPICS, Publisher, Record, Records, province_records, records_of

__all__ = ["PARTITIONS", "TOPICS", "Publisher", "Record", "Records", "province_records", "records_of"]

Rows = dict[str, list[tuple[Any, ...]]]


async def _rows(engine: AsyncEngine, tables: dict[str, sa.Table]) -> Rows:
    async with engine.connect() as conn:
        return {
            logical: sorted((tuple(row) for row in await conn.execute(sa.select(table))), key=repr)
            for logical, table in sorted(tables.items())
        }


async def _fresh_tables(engine: AsyncEngine, projection: Projection, suffix: str) -> dict[str, sa.Table]:
    tables = projection.define_tables(sa.MetaData(), suffix)
    async with engine.begin() as conn:
        await conn.run_sync(next(iter(tables.values())).metadata.create_all)
    return tables


async def incremental_rows(
    engine: AsyncEngine,
    projection: Projection,
    records: Records,
    *,
    batch: int = 400,
    order: Sequence[str] = TOPICS,
) -> Rows:
    """The projection's rows after applying every record event by event (``apply_batch`` in batches
    of ``batch``, one topic after another in ``order``, each partition in offset order)."""
    tables = await _fresh_tables(engine, projection, "_inc")
    for service in order:
        for partition in sorted(records[service]):
            stored = [
                (int(dict(r.headers)["oneoffice-position"]), r.value) for r in records[service][partition]
            ]
            for start in range(0, len(stored), batch):
                async with engine.begin() as conn:
                    await projection.apply_batch(
                        conn, tables, [decode(e) for e in stored[start : start + batch]]
                    )
    return await _rows(engine, tables)


async def filled_rows(engine: AsyncEngine, projection: Any, records: Records) -> Rows:
    """The projection's rows from its set-based ``fill`` over every record staged in PostgreSQL."""
    tables = await _fresh_tables(engine, projection, "_bulk")
    async with engine.begin() as conn:
        staged = await create_staging(conn, "bulk_events_test")
        for index, service in enumerate(TOPICS):
            for partition, part_records in sorted(records[service].items()):
                await stage_records(conn, staged, index, partition, part_records)
    async with engine.begin() as conn:
        await projection.fill(conn, tables, staged)
    return await _rows(engine, tables)
