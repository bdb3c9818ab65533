"""Every gRPC service's command line comes from one factory: same commands, same words, same refusals."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from oneoffice.documents.entrypoints import cli as documents_cli
from oneoffice.reporting.entrypoints import cli as reporting_cli
from oneoffice.staff.entrypoints import cli as staff_cli
from tests.ports import free_port

CLIS: dict[str, ModuleType] = {"documents": documents_cli, "staff": staff_cli, "reporting": reporting_cli}
OWN_COMMANDS = {"documents": set(), "staff": {"create-admin"}, "reporting": {"rebuild-projections"}}


def environment(name: str, monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    prefix = f"ONEOFFICE_{name.upper()}_"
    for variable in ("DATABASE_URL", "KAFKA_BOOTSTRAP", "GRPC_HOST", "GRPC_PORT"):
        monkeypatch.delenv(prefix + variable, raising=False)
    for field, value in values.items():
        monkeypatch.setenv(prefix + field.upper(), value)


@pytest.mark.parametrize("name", sorted(CLIS))
def test_each_service_offers_the_kit_commands_and_its_own(name: str) -> None:
    result = CliRunner().invoke(CLIS[name].app, ["--help"])

    assert result.exit_code == 0, result.output
    assert f"OneOffice {name} service." in result.output
    for command in {"serve", "migrate", "healthcheck", *OWN_COMMANDS[name]}:
        assert command in result.output


@pytest.mark.parametrize("name", sorted(CLIS))
def test_migrate_brings_the_schema_up_to_date(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environment(name, monkeypatch, database_url=f"sqlite+aiosqlite:///{tmp_path / 'events.db'}")

    result = CliRunner().invoke(CLIS[name].app, ["migrate"])

    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(f"{name}: database schema is up to date")
    assert (tmp_path / "events.db").exists()


@pytest.mark.parametrize("name", sorted(CLIS))
@pytest.mark.parametrize("command", ["serve", "migrate", "healthcheck"])
def test_the_distributed_mode_refuses_to_start_with_a_default_database_password(
    name: str, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Port 1 on loopback: were anything tried, it would fail differently (and no database is there).
    environment(name, monkeypatch, database_url=f"postgresql+asyncpg://{name}:changethis@127.0.0.1:1/{name}")

    result = CliRunner().invoke(CLIS[name].app, [command])

    assert result.exit_code == 2
    assert f"ONEOFFICE_{name.upper()}_DATABASE_URL" in result.stderr
    assert "mật khẩu mặc định" in result.stderr
    assert "default password" in result.stderr
    assert "changethis" not in result.stderr


def test_reporting_rebuild_refuses_a_default_password_too(monkeypatch: pytest.MonkeyPatch) -> None:
    environment("reporting", monkeypatch, database_url="postgresql+asyncpg://r:changethis@127.0.0.1:1/r")

    result = CliRunner().invoke(reporting_cli.app, ["rebuild-projections"])

    assert result.exit_code == 2
    assert "ONEOFFICE_REPORTING_DATABASE_URL" in result.stderr


@pytest.mark.parametrize("name", sorted(CLIS))
def test_healthcheck_of_a_service_that_is_not_there_exits_1(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    environment(name, monkeypatch, grpc_port=str(port))

    result = CliRunner().invoke(CLIS[name].app, ["healthcheck", "--deadline", "0.5"])

    assert result.exit_code == 1
    assert result.stderr.strip() == f"{name} at 127.0.0.1:{port}: UNREACHABLE"
