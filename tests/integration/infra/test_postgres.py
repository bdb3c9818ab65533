"""The PostgreSQL that `make test` starts (deploy/local/postgres.sh) is recent enough and lets the test
role create and drop databases, which every integration test relies on."""

from __future__ import annotations

import asyncpg
import pytest

from tests.conftest import unique_name

pytestmark = pytest.mark.integration


async def test_server_is_postgresql_15_or_newer(pg_admin_dsn: str) -> None:
    conn = await asyncpg.connect(pg_admin_dsn)
    try:
        version = conn.get_server_version()
        assert version.major >= 15, f"PostgreSQL {version.major} is too old: 15 or newer is required"
    finally:
        await conn.close()


async def test_test_role_logs_in_with_a_password_over_tcp(pg_admin_dsn: str) -> None:
    conn = await asyncpg.connect(pg_admin_dsn)
    try:
        assert await conn.fetchval("SELECT inet_server_addr() IS NOT NULL")  # TCP, not a Unix socket
        assert await conn.fetchval("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user")
    finally:
        await conn.close()


async def test_test_role_can_create_use_and_drop_a_database(pg_admin_dsn: str, run_id: str) -> None:
    name = unique_name(run_id, "infra_pg")
    admin = await asyncpg.connect(pg_admin_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            db = await asyncpg.connect(pg_admin_dsn.rsplit("/", 1)[0] + f"/{name}")
            try:
                await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
                await db.execute("INSERT INTO t VALUES (1), (2)")
                assert await db.fetchval("SELECT count(*) FROM t") == 2
            finally:
                await db.close()
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        assert await admin.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", name) == 0
    finally:
        await admin.close()
