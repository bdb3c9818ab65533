"""Alembic migrations of the event store, and the programmatic upgrade every service calls.

The event store's revisions carry the branch label ``eventcore``; a service adds its own version
directory (its projection tables) and both branches are upgraded to ``heads`` together, tracked in
one ``alembic_version`` table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

HERE = Path(__file__).resolve().parent


def alembic_config(url: str | None = None, version_locations: Sequence[str | Path] = ()) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    locations = [str(HERE / "versions"), *(str(p) for p in version_locations)]
    cfg.set_main_option("version_locations", ":".join(locations))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


async def upgrade(
    engine: AsyncEngine, version_locations: Sequence[str | Path] = (), revision: str = "heads"
) -> None:
    """Upgrade the database behind ``engine`` to ``revision`` (default: every head)."""
    cfg = alembic_config(version_locations=version_locations)

    def run(connection: Connection) -> None:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)

    async with engine.begin() as conn:
        await conn.run_sync(run)


async def current_heads(engine: AsyncEngine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    async with engine.connect() as conn:
        return await conn.run_sync(read)
