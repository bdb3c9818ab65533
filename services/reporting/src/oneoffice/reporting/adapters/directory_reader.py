"""Reads the directory (:mod:`.directory_projection`): people's names and the bodies of a commune."""

from __future__ import annotations

from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.projection import ProjectionRunner

from .directory_projection import BODIES, NAMES


class SqlDirectory:
    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def names(self, keys: Collection[str]) -> dict[str, str]:
        """The name of each person id or username of ``keys`` the staff events named (others left out)."""
        if not keys:
            return {}
        async with self._engine.connect() as conn:
            t = (await self._runner.tables(conn))[NAMES]
            rows = await conn.execute(sa.select(t.c.key, t.c.name).where(t.c.key.in_(sorted(set(keys)))))
            return {key: name for key, name in rows}

    async def bodies(self, commune_id: str) -> frozenset[str]:
        """The bodies the commune's office serves (empty: none known, e.g. before its staff events)."""
        async with self._engine.connect() as conn:
            t = (await self._runner.tables(conn))[BODIES]
            rows = await conn.execute(sa.select(t.c.body_code).where(t.c.commune_id == commune_id))
            return frozenset(rows.scalars())
