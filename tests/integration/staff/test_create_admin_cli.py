"""``python -m oneoffice.staff create-admin``: the distributed mode's first account, password from stdin."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oneoffice.staff.bootstrap import bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.entrypoints.cli import app

pytestmark = pytest.mark.integration


async def _authenticate(url: str, username: str, password: str) -> tuple[str, ...]:
    container = await bootstrap(Settings(database_url=url), follow_events=False)
    try:
        return (await container.accounts.authenticate(username, password)).roles
    finally:
        await container.aclose()


def test_create_admin_opens_an_admin_account_with_the_password_read_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'staff.db'}"
    monkeypatch.setenv("ONEOFFICE_STAFF_DATABASE_URL", url)

    result = CliRunner().invoke(app, ["create-admin", "--username", "quantri-xa"], input="s3cret-pass\n")

    assert result.exit_code == 0, result.output
    assert "s3cret-pass" not in result.output
    assert asyncio.run(_authenticate(url, "quantri-xa", "s3cret-pass")) == ("admin",)
    again = CliRunner().invoke(app, ["create-admin", "--username", "quantri-xa"], input="other-pass\n")
    assert again.exit_code == 1
    assert "quantri-xa" in again.output
