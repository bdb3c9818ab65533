"""A documents event store to feed the reporting service from, and bounded waiting."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.adapters.incoming_register_projection import TABLE
from oneoffice.reporting.bootstrap import ReportingContainer

WAIT_SECONDS = 60.0


async def open_documents_store(url: str) -> EventStore:
    """The documents service's event store, migrated (its events are appended here directly)."""
    engine = create_engine(url)
    await upgrade(engine)
    return EventStore(engine)


async def close_store(store: EventStore) -> None:
    await store.close()
    await store.engine.dispose()


async def append_registrations(store: EventStore, events: list[IncomingDocumentRegistered]) -> None:
    """Each registration appended to its body's register stream, as the documents service does."""
    for event in events:
        stream = f"incoming-register:{event.commune_id}:{event.body_code}:{event.year}"
        await store.append(
            stream,
            event.commune_id,
            [event],
            expected_version=await store.stream_version(stream),
            metadata=Metadata(actor="user-vanthu-01", correlation_id=str(uuid.uuid4())),
        )


async def register_rows(container: ReportingContainer) -> list[dict[str, Any]]:
    """The whole incoming register table of the active generation, in a stable order."""
    async with container.engine.connect() as conn:
        table = (await container.incoming_register.tables(conn))[TABLE]
        result = await conn.execute(sa.select(table).order_by(table.c.document_id))
        return [dict(row._mapping) for row in result]


async def wait_until(check: Callable[[], Awaitable[bool]], what: str, timeout: float = WAIT_SECONDS) -> None:
    try:
        async with asyncio.timeout(timeout):
            # Polling: the state is in a database, which signals nothing.
            while not await check():  # noqa: ASYNC110
                await asyncio.sleep(0.1)
    except TimeoutError:
        raise AssertionError(f"still waiting after {timeout} s for {what}") from None


async def wait_for_documents(container: ReportingContainer, document_ids: set[str]) -> None:
    async def arrived() -> bool:
        return document_ids <= {row["document_id"] for row in await register_rows(container)}

    await wait_until(arrived, f"{len(document_ids)} documents in the incoming register")


@pytest.fixture
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a fresh PostgreSQL database (the set-based fills' tests)."""
    engine = create_engine(pg_url)
    yield engine
    await engine.dispose()


def projections(container: ReportingContainer) -> list[Any]:
    assert container.registers is not None and container.dashboard is not None
    return [
        container.incoming_register,
        container.work_board,
        container.registers.runner,
        container.dashboard.runner,
    ]


async def every_row(container: ReportingContainer) -> dict[str, list[str]]:
    """Every row of the active generation of the four projections, by table, in a stable order."""
    rows: dict[str, list[str]] = {}
    async with container.engine.connect() as conn:
        for runner in projections(container):
            for name, table in (await runner.tables(conn)).items():
                result = await conn.execute(sa.select(table))
                rows[f"{runner.name}/{name}"] = sorted(repr(tuple(row)) for row in result)
    return rows
