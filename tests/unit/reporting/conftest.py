"""The projection's database for unit tests: a SQLite file in the test's own folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.incoming_register_projection import IncomingRegisterProjection


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}")
    await upgrade(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def projection() -> IncomingRegisterProjection:
    return IncomingRegisterProjection()


@pytest.fixture
async def runner(engine: AsyncEngine, projection: IncomingRegisterProjection) -> ProjectionRunner:
    runner = ProjectionRunner(engine, projection)
    await runner.start()
    return runner
