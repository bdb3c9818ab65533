"""Fixtures shared by every test.

Integration tests run against the real PostgreSQL and Kafka that `make test`
(deploy/local/test.sh) starts; it exports where they are:

- ``ONEOFFICE_TEST_PG_DSN``: an admin DSN (``postgresql://user:pass@127.0.0.1:5432/postgres``)
  allowed to create databases;
- ``ONEOFFICE_TEST_KAFKA_BOOTSTRAP``: ``host:port`` of the broker;
- ``ONEOFFICE_TEST_RUN_ID``: a short id that prefixes every database and topic of this run, so two
  runs never see each other's data.

A test that needs one of them and finds it missing fails with a message; it never skips silently.

Every service and gateway a test starts (in this process or as a child process) shares the internal
secret of :mod:`tests.caller`, as a deployment's processes would; a test that wants another sets it.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import asyncpg
import pytest

from tests.caller import SERVICE_PREFIXES, TEST_INTERNAL_SECRET
from tests.hang_report import pytest_runtest_setup, pytest_runtest_teardown, remember_loop

_counter = itertools.count(1)

for _prefix in SERVICE_PREFIXES:
    os.environ.setdefault(f"ONEOFFICE_{_prefix}_INTERNAL_SECRET", TEST_INTERNAL_SECRET)


# Under pytest-xdist (`make test` runs two workers) each worker is its own run: its databases, topics
# and consumer groups carry the worker's name too, so the workers never meet.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


@pytest.fixture(scope="session")
def run_id() -> str:
    return (os.environ.get("ONEOFFICE_TEST_RUN_ID") or uuid.uuid4().hex[:8]) + _WORKER


def require_pg_admin_dsn() -> str:
    dsn = os.environ.get("ONEOFFICE_TEST_PG_DSN")
    if not dsn:
        pytest.fail(
            "ONEOFFICE_TEST_PG_DSN is not set: run the suite with `make test`, which starts PostgreSQL"
        )
    return dsn


@pytest.fixture(scope="session")
def pg_admin_dsn() -> str:
    return require_pg_admin_dsn()


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    bootstrap = os.environ.get("ONEOFFICE_TEST_KAFKA_BOOTSTRAP")
    if not bootstrap:
        pytest.fail(
            "ONEOFFICE_TEST_KAFKA_BOOTSTRAP is not set: run the suite with `make test`, which starts Kafka"
        )
    return bootstrap


def unique_name(run_id: str, label: str) -> str:
    """A database or topic name unique to this run and this call."""
    return f"oneoffice_{run_id}_{label}_{next(_counter)}".lower()


CreateDatabase = Callable[[str], Awaitable[str]]


@pytest.fixture
async def create_pg_database(run_id: str) -> AsyncIterator[CreateDatabase]:
    """Factory: creates a fresh PostgreSQL database and returns its SQLAlchemy asyncpg URL.

    Every database it created is dropped when the test ends. PostgreSQL is only required once the
    factory is called, so tests parametrised over SQLite and PostgreSQL can share it.
    """
    created: list[str] = []

    async def create(label: str = "db") -> str:
        pg_admin_dsn = require_pg_admin_dsn()
        name = unique_name(run_id, label)
        conn = await asyncpg.connect(pg_admin_dsn)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        created.append(name)
        base = pg_admin_dsn.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
        return f"{base}/{name}"

    yield create

    if not created:
        return
    conn = await asyncpg.connect(require_pg_admin_dsn())
    try:
        for name in created:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
async def pg_url(create_pg_database: CreateDatabase) -> str:
    """A fresh, empty PostgreSQL database for this test (SQLAlchemy asyncpg URL)."""
    return await create_pg_database("t")


# tests.hang_report's hooks, imported above: pytest registers the hooks a conftest module holds.
__all__ = ["pytest_runtest_setup", "pytest_runtest_teardown"]


@pytest.fixture(scope="session", autouse=True)
async def _session_loop_for_hang_reports() -> None:
    """The session's event loop, where a hung test's tasks are (see :mod:`tests.hang_report`)."""
    remember_loop(asyncio.get_running_loop())
