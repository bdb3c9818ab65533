"""``python -m oneoffice.reporting rebuild-projections`` replays the log into a fresh generation."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oneoffice.eventcore.rebuild_lease import RebuildLease
from oneoffice.reporting.bootstrap import bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.entrypoints.cli import app
from tests.unit.reporting.samples import registration

from .conftest import append_registrations, close_store, open_documents_store, register_rows

pytestmark = pytest.mark.integration


def _environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}"
    monkeypatch.setenv("ONEOFFICE_REPORTING_DATABASE_URL", url)
    monkeypatch.delenv("ONEOFFICE_REPORTING_KAFKA_BOOTSTRAP", raising=False)
    return url


def test_rebuild_from_the_documents_database_switches_to_a_generation_with_every_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporting_url = _environment(tmp_path, monkeypatch)
    documents_url = f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}"
    events = [registration(n) for n in range(1, 4)]

    async def register() -> None:
        store = await open_documents_store(documents_url)
        await append_registrations(store, events)
        await close_store(store)

    asyncio.run(register())

    result = CliRunner().invoke(app, ["rebuild-projections", "--documents-database", documents_url])

    assert result.exit_code == 0, result.output
    assert "now serving generation 2" in result.output
    assert "reporting.work_board: rebuilt, now serving generation 2" in result.output
    assert "reporting.document_registers: rebuilt, now serving generation 2" in result.output

    async def rows() -> list[str]:
        container = await bootstrap(Settings(database_url=reporting_url), follow_events=False)
        try:
            assert await container.incoming_register.active_generation() == 2
            return [row["document_id"] for row in await register_rows(container)]
        finally:
            await container.aclose()

    assert asyncio.run(rows()) == [e.document_id for e in events]


def test_rebuild_without_an_event_source_fails_with_a_vietnamese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _environment(tmp_path, monkeypatch)

    result = CliRunner().invoke(app, ["rebuild-projections"])

    assert result.exit_code == 1
    assert "Không có nguồn sự kiện để dựng lại dữ liệu báo cáo" in result.output
    assert "No event source to rebuild from" in result.output


def test_rebuild_while_another_process_holds_the_lease_fails_with_a_vietnamese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporting_url = _environment(tmp_path, monkeypatch)
    documents_url = f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}"

    async def another_rebuild_runs() -> None:
        await close_store(await open_documents_store(documents_url))
        container = await bootstrap(Settings(database_url=reporting_url), follow_events=False)
        try:
            await RebuildLease(
                container.engine, container.incoming_register.name, owner="server:7:abc"
            ).acquire()
        finally:
            await container.aclose()

    asyncio.run(another_rebuild_runs())

    result = CliRunner().invoke(app, ["rebuild-projections", "--documents-database", documents_url])

    assert result.exit_code == 1, result.output
    assert "Đang có một lần dựng lại dữ liệu báo cáo" in result.output
    assert "Another rebuild of reporting.incoming_register.v2 is running (server:7:abc" in result.output


def test_rebuild_draws_its_progress_on_stderr_and_prints_the_result_on_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _environment(tmp_path, monkeypatch)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # as on an operator's terminal: the bars are drawn
    documents_url = f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}"

    async def register() -> None:
        store = await open_documents_store(documents_url)
        await append_registrations(store, [registration(n) for n in range(1, 6)])
        await close_store(store)

    asyncio.run(register())

    result = CliRunner().invoke(app, ["rebuild", "--documents-database", documents_url])

    assert result.exit_code == 0, result.output
    assert "reporting.incoming_register: rebuilt, now serving generation 2" in result.stdout.splitlines()
    assert "reporting.work_board: rebuilt, now serving generation 2" in result.stdout.splitlines()
    progress = [line for line in result.stderr.splitlines() if "reporting.incoming_register" in line]
    assert progress and "5/5" in progress[-1] and "ev/s" in progress[-1], result.stderr
