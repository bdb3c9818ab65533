"""A batch's row changes written on the real databases: the same rows whichever way they go out.

On PostgreSQL (asyncpg) a statement with several parameter sets goes to the driver's executemany
(compiled once, values through SQLAlchemy's bind processors); on SQLite, and for what that path
cannot take, through SQLAlchemy. Both must leave exactly the rows SQLAlchemy itself writes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore import batched_writes
from oneoffice.eventcore.batched_writes import BatchedWrites
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.db_errors import describe

from .conftest import MakeEngine

METADATA = sa.MetaData()
ROWS = sa.Table(
    "bw_rows",
    METADATA,
    sa.Column("k", sa.String(20), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("doc", sa.JSON, nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("made", sa.String(10), nullable=True, default="python"),
)
INSERT = ROWS.insert()
SET_N = ROWS.update().where(ROWS.c.k == sa.bindparam("k_k")).values(n=sa.bindparam("n"))
ADD_TO_N = ROWS.update().where(ROWS.c.k == sa.bindparam("k_k")).values(n=ROWS.c.n + sa.bindparam("by"))
CLOSE = ROWS.update().where(ROWS.c.k == sa.bindparam("k_k")).values(note="closed")
AT = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)


@pytest.fixture
async def pg_engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(pg_url)
    yield engine
    await engine.dispose()


async def _rows(conn: AsyncConnection) -> list[tuple[Any, ...]]:
    result = await conn.execute(sa.select(ROWS).order_by(ROWS.c.k))
    return [tuple(row) for row in result]


async def _written(engine: AsyncEngine, writes: BatchedWrites) -> list[tuple[Any, ...]]:
    async with engine.begin() as conn:
        await conn.run_sync(METADATA.create_all)
        await writes.flush(conn)
        return await _rows(conn)


def _changes() -> BatchedWrites:
    writes = BatchedWrites()
    for n in range(4):
        writes.add(
            ("rows", f"r{n}"),
            INSERT,
            {"k": f"r{n}", "n": n, "doc": {"số": n, "list": [n, "văn bản"]}, "at": AT, "note": None},
        )
    for n in range(4):
        writes.add(("rows", f"r{n}"), SET_N, {"k_k": f"r{n}", "n": 10 * n})
    for n in range(3):
        writes.add(("rows", f"r{n}"), ADD_TO_N, {"k_k": f"r{n}", "by": 5})
    for n in range(2):
        writes.add(("rows", f"r{n}"), CLOSE, {"k_k": f"r{n}"})
    return writes


EXPECTED = [
    ("r0", 5, {"số": 0, "list": [0, "văn bản"]}, AT, "closed", "python"),
    ("r1", 15, {"số": 1, "list": [1, "văn bản"]}, AT, "closed", "python"),
    ("r2", 25, {"số": 2, "list": [2, "văn bản"]}, AT, None, "python"),
    ("r3", 30, {"số": 3, "list": [3, "văn bản"]}, AT, None, "python"),
]


async def test_a_batch_leaves_the_rows_sqlalchemy_itself_writes(make_engine: MakeEngine) -> None:
    engine = await make_engine()
    rows = await _written(engine, _changes())
    if engine.dialect.name == "sqlite":  # SQLite gives the times back naive (UTC)
        rows = [(*row[:3], row[3].replace(tzinfo=UTC), *row[4:]) for row in rows]
    assert rows == EXPECTED


async def test_on_postgresql_statements_that_the_driver_can_take_go_to_it_others_through_sqlalchemy(
    pg_engine: AsyncEngine,
) -> None:
    engine = pg_engine
    batched_writes._COMPILED.clear()
    await _written(engine, _changes())
    compiled = {statement: form for statement, _, form in batched_writes._COMPILED.values()}
    # The insert computes a column default per row (made="python"): SQLAlchemy's.
    assert compiled[INSERT] is None
    assert {compiled[SET_N] is not None, compiled[ADD_TO_N] is not None, compiled[CLOSE] is not None} == {
        True
    }


async def test_an_insert_that_ignores_conflicts_keeps_the_first_row(pg_engine: AsyncEngine) -> None:
    engine = pg_engine
    upsert = pg_insert(ROWS).on_conflict_do_nothing()
    writes = BatchedWrites()
    writes.add_many(
        ("rows", "a"),
        upsert,
        [
            {"k": "a", "n": 1, "doc": None, "at": None, "note": "first", "made": "x"},
            {"k": "a", "n": 2, "doc": None, "at": None, "note": "second", "made": "x"},
            {"k": "b", "n": 3, "doc": [1, 2], "at": AT, "note": None, "made": "x"},
        ],
    )
    batched_writes._COMPILED.clear()
    assert await _written(engine, writes) == [
        ("a", 1, None, None, "first", "x"),
        ("b", 3, [1, 2], AT, None, "x"),
    ]
    assert [form is not None for _, _, form in batched_writes._COMPILED.values()] == [True]


async def test_a_failed_batch_on_the_driver_leaves_nothing_and_says_what_postgresql_said(
    pg_engine: AsyncEngine,
) -> None:
    engine = pg_engine
    writes = BatchedWrites()
    writes.add_many(("rows", "a"), SET_N, [{"k_k": "a", "n": 1}, {"k_k": "b", "n": None}])
    async with engine.begin() as conn:
        await conn.run_sync(METADATA.create_all)
        await conn.execute(INSERT, [{"k": "a", "n": 0}, {"k": "b", "n": 0}])
    with pytest.raises(Exception) as failed:
        async with engine.begin() as conn:
            await conn.execute(sa.select(ROWS.c.k).with_for_update())  # as the applier reads first
            await writes.flush(conn)
    assert not isinstance(failed.value, sa.exc.SQLAlchemyError)  # it went to the driver
    assert describe(failed.value) == "NotNullViolationError [23502]"  # classified by its SQLSTATE
    async with engine.connect() as conn:
        assert [row[:2] for row in await _rows(conn)] == [("a", 0), ("b", 0)]


async def test_a_flush_that_opens_its_transaction_still_belongs_to_it(make_engine: MakeEngine) -> None:
    engine = await make_engine()
    async with engine.begin() as conn:
        await conn.run_sync(METADATA.create_all)
        await conn.execute(INSERT, [{"k": "a", "n": 0}, {"k": "b", "n": 0}])
    writes = BatchedWrites()
    writes.add_many(("rows", "a"), SET_N, [{"k_k": "a", "n": 1}, {"k_k": "b", "n": 2}])
    async with engine.connect() as conn:
        await conn.begin()
        await writes.flush(conn)  # the first statement of the transaction
        await conn.rollback()
        assert [row[:2] for row in await _rows(conn)] == [("a", 0), ("b", 0)]
