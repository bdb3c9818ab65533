"""Every service's CLI mounts ``audit`` on its own store (SQLite here, embedded mode); the documents
CLI also answers ``audit history`` and ``audit as-of`` from the events."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa
import typer
from typer.testing import CliRunner

from oneoffice.documents.entrypoints.cli import app as documents_cli
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.schema import events
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.entrypoints.cli import app as reporting_cli
from oneoffice.staff.entrypoints.cli import app as staff_cli

pytestmark = pytest.mark.integration


class Registered(DomainEvent):
    event_type: ClassVar[str] = "documents.IncomingDocumentRegistered"
    document_id: str
    commune_id: str
    incoming_number: int


class PassedOn(DomainEvent):
    event_type: ClassVar[str] = "documents.DocumentPassedOn"
    document_id: str
    commune_id: str
    recipient: str


async def _filled(url: str, *, tamper: bool) -> None:
    clock = FixedClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC))
    engine = create_engine(url)
    await upgrade(engine)
    store = EventStore(engine, clock)
    for n, commune in enumerate(("16876", "16882", "16876")):
        await store.append(
            f"doc-{n}",
            commune,
            [Registered(document_id=f"doc-{n}", commune_id=commune, incoming_number=n + 1)],
            expected_version=0,
            metadata=Metadata("vanthu", "corr"),
        )
        clock.advance(timedelta(minutes=10))
    await store.append(
        "doc-0",
        "16876",
        [PassedOn(document_id="doc-0", commune_id="16876", recipient="lanhdao")],
        expected_version=1,
        metadata=Metadata("lanhdao", "corr"),
    )
    if tamper:
        async with engine.begin() as conn:
            await conn.execute(sa.delete(events).where(events.c.position == 1))
    await store.close()
    await engine.dispose()


@pytest.mark.parametrize(
    ("cli", "service"), [(staff_cli, "STAFF"), (reporting_cli, "REPORTING"), (documents_cli, "DOCUMENTS")]
)
def test_every_service_verifies_its_own_store_and_names_a_deleted_event(
    cli: typer.Typer, service: str, tmp_path: Path
) -> None:
    env = {f"ONEOFFICE_{service}_BLOB_DIR": str(tmp_path / "blobs")}
    for tamper in (False, True):
        url = f"sqlite+aiosqlite:///{tmp_path / f'{service}-{tamper}.db'}"
        asyncio.run(_filled(url, tamper=tamper))
        env[f"ONEOFFICE_{service}_DATABASE_URL"] = url
        result = CliRunner().invoke(cli, ["audit", "verify"], env=env)
        if tamper:
            assert result.exit_code == 1, result.output
            assert f"BROKEN store={service.lower()} commune=16876 position=3" in result.stdout
        else:
            assert result.exit_code == 0, result.output
            assert "2 communes, 4 events verified: intact" in result.stdout


def test_the_documents_cli_shows_a_document_history_and_a_commune_as_of_a_moment(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}"
    asyncio.run(_filled(url, tamper=False))
    env = {"ONEOFFICE_DOCUMENTS_DATABASE_URL": url}

    history = CliRunner().invoke(documents_cli, ["audit", "history", "doc-0"], env=env)
    earlier = CliRunner().invoke(documents_cli, ["audit", "as-of", "16876", "2026-11-25T01:05:00Z"], env=env)
    before = CliRunner().invoke(
        documents_cli, ["audit", "history", "doc-0", "--as-of", "2020-01-01"], env=env
    )
    unknown = CliRunner().invoke(documents_cli, ["audit", "history", "doc-9"], env=env)

    assert history.exit_code == 0, history.output
    lines = history.stdout.splitlines()
    assert "vanthu  documents.IncomingDocumentRegistered  Vào sổ văn bản đến" in lines[1]
    assert "lanhdao  documents.DocumentPassedOn  Chuyển văn bản: recipient=lanhdao" in lines[2]
    assert earlier.exit_code == 0 and "commune 16876 at 2026-11-25T01:05:00Z: 1 documents" in earlier.stdout
    assert before.exit_code == 1 and "before the first event" in before.output
    assert unknown.exit_code == 1 and "No document 'doc-9'" in unknown.output
