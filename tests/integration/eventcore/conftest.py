"""Event store fixtures: the same tests run on SQLite (embedded) and on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.events import DomainEvent
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


@pytest.fixture(params=["sqlite", "postgres"])
async def make_engine(
    request: pytest.FixtureRequest, tmp_path: Path, create_pg_database: CreateDatabase
) -> AsyncIterator[MakeEngine]:
    """Factory of engines on one freshly migrated database of the parametrised backend."""
    url: str | None = None
    engines: list[AsyncEngine] = []

    async def make() -> AsyncEngine:
        nonlocal url
        if url is None:
            if request.param == "sqlite":
                url = f"sqlite+aiosqlite:///{tmp_path / 'events.db'}"
            else:
                url = await create_pg_database("store")
            engine = create_engine(url)
            await upgrade(engine)
        else:
            engine = create_engine(url)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        await engine.dispose()


@pytest.fixture
async def store(make_engine: MakeEngine) -> EventStore:
    return EventStore(await make_engine())
