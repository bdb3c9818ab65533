"""Reads the incoming register from the projection's active generation.

The generation and the rows are read in one transaction, so a page never mixes two generations. A
rebuild that switches generations and drops the old tables between those two reads makes the
second fail on PostgreSQL; the read is then repeated on the new generation.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.projection import ProjectionRunner

from ..domain.incoming_register import IncomingRegisterLine
from .incoming_register_projection import TABLE

_ATTEMPTS = 3


class SqlIncomingRegisterReader:
    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def read_page(
        self, commune_id: str, body_code: str, year: int, *, after_number: int, limit: int
    ) -> Sequence[IncomingRegisterLine]:
        for attempt in range(1, _ATTEMPTS + 1):
            generation = await self._runner.active_generation()
            try:
                return await self._read(commune_id, body_code, year, after_number, limit)
            except DBAPIError:
                if attempt == _ATTEMPTS or await self._runner.active_generation() == generation:
                    raise
        raise AssertionError("unreachable")

    async def _read(
        self, commune_id: str, body_code: str, year: int, after_number: int, limit: int
    ) -> list[IncomingRegisterLine]:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))[TABLE]
            query = (
                sa.select(table)
                .where(
                    table.c.commune_id == commune_id,
                    table.c.body_code == body_code,
                    table.c.year == year,
                    table.c.incoming_number > after_number,
                )
                .order_by(table.c.incoming_number)
                .limit(limit)
            )
            # The columns are named after the fields of a register line.
            return [IncomingRegisterLine(**row._mapping) for row in await conn.execute(query)]
