"""Row changes of a batch go out as one executemany per statement and round, in key order."""

from __future__ import annotations

from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.eventcore.batched_writes import BatchedWrites

_TABLE = sa.Table("t", sa.MetaData(), sa.Column("k", sa.String, primary_key=True), sa.Column("v", sa.Integer))
INSERT = sa.insert(_TABLE)
UPDATE = sa.update(_TABLE).where(_TABLE.c.k == sa.bindparam("k_k")).values(v=sa.bindparam("v"))


class RecordingConnection:
    """Hand-written fake: records what would be executed (as SQLAlchemy would: a SQLite dialect)."""

    dialect = sqlite.dialect()

    def __init__(self) -> None:
        self.executed: list[tuple[object, Any]] = []

    async def execute(self, statement: object, parameters: Any = None) -> None:
        self.executed.append((statement, parameters))


async def _flush(writes: BatchedWrites) -> list[tuple[object, Any]]:
    conn = RecordingConnection()
    await writes.flush(cast(AsyncConnection, conn))
    return conn.executed


async def test_changes_of_different_keys_share_one_statement_per_round() -> None:
    writes = BatchedWrites()
    for n in range(3):
        writes.add(("t", n), INSERT, {"k": str(n), "v": n})

    assert await _flush(writes) == [(INSERT, [{"k": "0", "v": 0}, {"k": "1", "v": 1}, {"k": "2", "v": 2}])]


async def test_a_later_change_of_a_key_waits_for_the_next_round() -> None:
    writes = BatchedWrites()
    writes.add(("t", "a"), INSERT, {"k": "a", "v": 1})
    writes.add(("t", "a"), UPDATE, {"k_k": "a", "v": 2})
    writes.add(("t", "b"), UPDATE, {"k_k": "b", "v": 3})
    writes.add(("t", "a"), UPDATE, {"k_k": "a", "v": 4})
    writes.add(("t", "c"), INSERT, {"k": "c", "v": 5})

    assert await _flush(writes) == [
        (INSERT, [{"k": "a", "v": 1}, {"k": "c", "v": 5}]),
        (UPDATE, {"k_k": "b", "v": 3}),
        (UPDATE, {"k_k": "a", "v": 2}),
        (UPDATE, {"k_k": "a", "v": 4}),
    ]


async def test_several_rows_of_one_change_go_in_the_same_round_and_a_flush_leaves_nothing() -> None:
    writes = BatchedWrites()
    writes.add(("people", "t1"), UPDATE, {"k_k": "t1", "v": 0})
    writes.add_many(("people", "t1"), INSERT, [{"k": "x", "v": 1}, {"k": "y", "v": 1}])
    writes.add_many(("people", "t2"), INSERT, [])
    assert len(writes) == 3

    assert await _flush(writes) == [
        (UPDATE, {"k_k": "t1", "v": 0}),
        (INSERT, [{"k": "x", "v": 1}, {"k": "y", "v": 1}]),
    ]
    assert len(writes) == 0
    assert await _flush(writes) == []
