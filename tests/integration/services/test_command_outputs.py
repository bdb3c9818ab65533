"""A service's command line: JSON log lines on stderr, its result alone on stdout, no secret anywhere.

Each test runs the real command in a subprocess (``python -m oneoffice.<service> …``), as an operator
does, because what leaked was the process's own output: Typer's pretty traceback with the
settings (and the database URL's password) among its local variables.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.integration.reporting.conftest import append_registrations, close_store, open_documents_store
from tests.unit.reporting.samples import registration

pytestmark = pytest.mark.integration

SECRET = "s3cr3t-XYZ"


def _run(module: str, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ONEOFFICE_")}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _json_lines(stderr: str) -> list[dict[str, object]]:
    """Every stderr line, parsed: a line that is not a JSON object fails the test."""
    lines = []
    for line in stderr.splitlines():
        parsed = json.loads(line)
        assert isinstance(parsed, dict), line
        lines.append(parsed)
    return lines


def _serve_reporting(url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "ONEOFFICE_REPORTING_DATABASE_URL": url,
        "ONEOFFICE_REPORTING_METRICS_PORT": "0",
        "ONEOFFICE_REPORTING_GRPC_PORT": "0",
        "ONEOFFICE_REPORTING_INTERNAL_SECRET": "a-secret-of-this-test-run",
    }
    return _run("oneoffice.reporting", "serve", env=env, cwd=cwd)


def _failure(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    """The one ``command_failed`` line of a command that exited non-zero with nothing on stdout."""
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [failure] = [line for line in _json_lines(result.stderr) if line["event"] == "command_failed"]
    return failure


@pytest.mark.parametrize("database", ["does_not_exist", "postgres"])
def test_a_start_with_a_wrong_password_says_so_without_the_password(
    tmp_path: Path, pg_admin_dsn: str, database: str
) -> None:
    server = make_url(pg_admin_dsn)
    where = f"{server.host}:{server.port or 5432}/{database}"

    result = _serve_reporting(f"postgresql+asyncpg://{server.username}:{SECRET}@{where}", tmp_path)

    assert SECRET not in result.stdout + result.stderr
    failure = _failure(result)
    assert f'password authentication failed for user "{server.username}"' in str(failure["error"])
    assert failure["database"] == f"postgresql+asyncpg://{server.username}:***@{where}"


def test_a_start_against_a_database_that_does_not_exist_names_it(tmp_path: Path, pg_admin_dsn: str) -> None:
    database = f"does_not_exist_{uuid.uuid4().hex[:8]}"
    url = make_url(pg_admin_dsn).set(drivername="postgresql+asyncpg", database=database)

    result = _serve_reporting(url.render_as_string(hide_password=False), tmp_path)

    failure = _failure(result)
    assert f'database "{database}" does not exist' in str(failure["error"])
    assert failure["database"] == url.render_as_string(hide_password=True)


def test_rebuild_writes_json_log_lines_on_stderr_and_only_its_result_on_stdout(tmp_path: Path) -> None:
    documents_url = f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}"

    async def register() -> None:
        store = await open_documents_store(documents_url)
        await append_registrations(store, [registration(1)])
        await close_store(store)

    asyncio.run(register())
    env = {
        "ONEOFFICE_REPORTING_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}",
        "ONEOFFICE_REPORTING_LOG_LEVEL": "DEBUG",  # as many library lines as there can be
    }

    result = _run(
        "oneoffice.reporting",
        "rebuild-projections",
        "--documents-database",
        documents_url,
        env=env,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "reporting.incoming_register: rebuilt, now serving generation 2",
        "reporting.work_board: rebuilt, now serving generation 2",
        "reporting.document_registers: rebuilt, now serving generation 2",
        "reporting.dashboard: not rebuilt (it needs the staff events too: rebuild it from Kafka)",
    ]
    lines = _json_lines(result.stderr)
    assert lines, "the rebuild logs what it does"
    assert {line["service"] for line in lines} == {"reporting"}


def test_migrate_writes_json_log_lines_on_stderr_and_its_result_on_stdout(tmp_path: Path) -> None:
    env = {
        "ONEOFFICE_STAFF_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}",
        "ONEOFFICE_STAFF_LOG_LEVEL": "DEBUG",
    }

    result = _run("oneoffice.staff", "migrate", env=env, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "staff: database schema is up to date\n"
    assert any(line["logger"] == "alembic.runtime.migration" for line in _json_lines(result.stderr))
