"""Bootstrapping a service on PostgreSQL migrates the event store into its database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .conftest import SERVICES

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_bootstrap_on_postgresql_creates_the_event_store_tables(name: str, pg_url: str) -> None:
    modules = SERVICES[name]
    container = await modules.bootstrap.bootstrap(modules.config.Settings(database_url=pg_url))
    try:

        def table_names(connection: Connection) -> set[str]:
            return set(sa.inspect(connection).get_table_names())

        async with container.engine.connect() as conn:
            tables = await conn.run_sync(table_names)
        assert container.engine.dialect.name == "postgresql"
        assert {"events", "idempotency_records", "snapshots", "alembic_version"} <= tables
        # A fresh store holds only what the service publishes at its first start: reporting's
        # indicator catalogue (#13), one event.
        assert await container.store.last_position() == (1 if name == "reporting" else 0)
    finally:
        await container.aclose()
