"""Event store fixtures: the same tests run in memory, on SQLite (embedded) and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import ClassVar, Protocol

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.append_plan import BeforeCommitHook
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase


class NoteTaken(DomainEvent):
    """A test-only event."""

    event_type: ClassVar[str] = "test.NoteTaken"
    schema_version: ClassVar[int] = 1
    text: str
    n: int = 0


MakeEngine = Callable[[], Awaitable[AsyncEngine]]
AnyStore = EventStore | InMemoryEventStore


class MakeStore(Protocol):
    """Another store on the same events (another process on the same database)."""

    def __call__(self, *, before_commit: BeforeCommitHook | None = None) -> Awaitable[AnyStore]: ...


@asynccontextmanager
async def _engines(
    backend: str, tmp_path: Path, create_pg_database: CreateDatabase
) -> AsyncIterator[MakeEngine]:
    url: str | None = None
    engines: list[AsyncEngine] = []

    async def make() -> AsyncEngine:
        nonlocal url
        if url is None:
            if backend == "sqlite":
                url = f"sqlite+aiosqlite:///{tmp_path / 'events.db'}"
            else:
                url = await create_pg_database("store")
            engine = create_engine(url)
            await upgrade(engine)
        else:
            engine = create_engine(url)
        engines.append(engine)
        return engine

    try:
        yield make
    finally:
        for engine in engines:
            await engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
async def make_engine(
    request: pytest.FixtureRequest, tmp_path: Path, create_pg_database: CreateDatabase
) -> AsyncIterator[MakeEngine]:
    """Factory of engines on one freshly migrated database of the parametrised SQL backend."""
    async with _engines(request.param, tmp_path, create_pg_database) as make:
        yield make


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def make_store(
    request: pytest.FixtureRequest, tmp_path: Path, create_pg_database: CreateDatabase
) -> AsyncIterator[MakeStore]:
    """Factory of stores on one fresh log: in memory, or a migrated SQLite or PostgreSQL database.

    The store's contract tests take this (or ``store``), so the in-memory store used by the unit
    tests is held to the same rules as the SQL stores.
    """
    stores: list[AnyStore] = []
    async with _engines(request.param, tmp_path, create_pg_database) as make_engine:
        memory = InMemoryEventStore()

        async def make(*, before_commit: BeforeCommitHook | None = None) -> AnyStore:
            store: AnyStore
            if request.param == "memory":
                store = memory.sharing(before_commit=before_commit)
            else:
                store = EventStore(await make_engine(), before_commit=before_commit)
            stores.append(store)
            return store

        yield make
        for store in stores:
            await store.close()


@pytest.fixture
async def store(make_store: MakeStore) -> AnyStore:
    return await make_store()


@pytest.fixture
async def sql_store(make_engine: MakeEngine) -> EventStore:
    """A SQL store, for the tests that edit its tables behind its back."""
    return EventStore(await make_engine())
