"""The planner settings a set-based fill runs under, for its statements only (then put back).

A fill's statements are few, large and run once: compiling them just in time (``jit``) costs more
than it saves (about 0.8 s for the incoming register's over 390,000 staged events), and the default
``work_mem`` (4 MB) sends their sorts and hashes of a few hundred thousand rows to disk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

SETTINGS = {"jit": "off", "work_mem": "64MB"}


@asynccontextmanager
async def fill_settings(conn: AsyncConnection) -> AsyncIterator[None]:
    """``SETTINGS`` for the statements run inside, local to the transaction, the previous values after."""
    previous = {name: (await conn.execute(sa.text(f"SHOW {name}"))).scalar_one() for name in SETTINGS}
    await _set(conn, SETTINGS)
    try:
        yield
    finally:
        await _set(conn, previous)


async def _set(conn: AsyncConnection, settings: dict[str, str]) -> None:
    for name, value in settings.items():
        await conn.execute(sa.select(sa.func.set_config(name, value, True)))
