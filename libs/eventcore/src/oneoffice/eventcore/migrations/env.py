"""Alembic environment: uses the connection handed over by :func:`upgrade`, else the configured URL."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.schema import metadata

config = context.config

# Replicas that start together all upgrade: on PostgreSQL each takes this transaction-scoped
# advisory lock before alembic reads the version table, so one upgrades and the others then find
# the database current. (Two int4 keys: a key space apart from the append lock's bigint key.)
UPGRADE_LOCK = (235867598, 2)


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock({}, {})".format(*UPGRADE_LOCK))
        context.run_migrations()


async def _run_with_url(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run)
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_with_url(config.get_main_option("sqlalchemy.url") or ""))
