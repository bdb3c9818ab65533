"""``python -m oneoffice.staff seed-units``: a deployment records Tương Dương's history once."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oneoffice.staff.bootstrap import bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.entrypoints.cli import app

pytestmark = pytest.mark.integration


async def _communes(url: str) -> set[str]:
    container = await bootstrap(Settings(database_url=url), follow_events=False)
    try:
        return {u.code for u in await container.units.children("40", date(2026, 1, 1))}
    finally:
        await container.aclose()


def test_seed_units_records_the_history_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEOFFICE_STAFF_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}")

    first = CliRunner().invoke(app, ["seed-units"])
    again = CliRunner().invoke(app, ["seed-units"])

    assert first.exit_code == 0, first.output
    # The result on stdout (the log lines go to stderr).
    assert first.stdout.startswith("staff: 30 ") and again.stdout.startswith("staff: 0 ")
    assert len(asyncio.run(_communes(f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}"))) == 9
