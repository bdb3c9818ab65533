"""`make up` (deploy/local/up.py) gives every process settings a service reads, the same as compose's.

The whole `make up` with two replicas runs in tests/e2e/test_make_up_replicas.py; these check what it
writes, without starting anything.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from oneoffice.documents.config import Settings as DocumentsSettings
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.reporting.config import Settings as ReportingSettings
from oneoffice.staff.config import Settings as StaffSettings

REPO = Path(__file__).resolve().parents[3]
SECRETS = {"ONEOFFICE_GATEWAY_JWT_SECRET": "j" * 43, "ONEOFFICE_INTERNAL_SECRET": "i" * 43}


@pytest.fixture(scope="module")
def up() -> ModuleType:
    spec = importlib.util.spec_from_file_location("oneoffice_up", REPO / "deploy" / "local" / "up.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def variables_read() -> set[str]:
    names: set[str] = set()
    for settings in (DocumentsSettings, StaffSettings, ReportingSettings, GatewaySettings):
        prefix = settings.model_config.get("env_prefix", "")
        names |= {f"{prefix}{field}".upper() for field in settings.model_fields}
    return names


def test_every_setting_of_make_up_is_read_by_a_service(up: ModuleType, tmp_path: Path) -> None:
    plan = up.Plan({"REPLICAS": "2", "ONEOFFICE_UP_DIR": str(tmp_path)})
    unread = set(plan.settings(SECRETS)) - variables_read()
    assert not unread, f"set by make up, read by nothing: {sorted(unread)}"


def test_the_shared_settings_have_the_values_docker_compose_gives_them(up: ModuleType) -> None:
    shared = up.read_env_file(up.SHARED_SETTINGS)
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    compared = 0
    for service in compose["services"].values():
        for name, value in (service.get("environment") or {}).items():
            if name in shared:
                # ${VAR:-default}: what compose uses when the operator sets nothing.
                default = re.fullmatch(r"\$\{\w+:-(.*)\}", str(value))
                assert shared[name] == (default.group(1) if default else str(value)), name
                compared += 1
    assert compared >= 5


def test_two_replicas_of_documents_and_reporting_are_started_and_the_gateway_calls_both(
    up: ModuleType, tmp_path: Path
) -> None:
    plan = up.Plan({"REPLICAS": "2", "ONEOFFICE_UP_DIR": str(tmp_path)})
    procfile = dict(line.split(": ", 1) for line in plan.procfile().splitlines())
    assert set(procfile) == {"documents1", "documents2", "staff", "reporting1", "reporting2", "gateway"}
    # honcho stops every process when one exits: each line starts its process again instead.
    assert all(command.startswith("while :; do ") for command in procfile.values())
    assert "ONEOFFICE_DOCUMENTS_GRPC_PORT=50061" in procfile["documents2"]
    settings = plan.settings(SECRETS)
    assert settings["ONEOFFICE_GATEWAY_DOCUMENTS_TARGET"] == "ipv4:127.0.0.1:50051,127.0.0.1:50061"
    assert settings["ONEOFFICE_GATEWAY_REPORTING_TARGET"] == "ipv4:127.0.0.1:50053,127.0.0.1:50063"
    assert settings["ONEOFFICE_GATEWAY_STAFF_TARGET"] == "127.0.0.1:50052"
    # One consumer group per service: its replicas share the partitions.
    assert settings["ONEOFFICE_REPORTING_KAFKA_GROUP_ID"] == "oneoffice-reporting"
    assert "ONEOFFICE_STAFF_KAFKA_GROUP_ID" not in settings


def test_secrets_are_drawn_once_and_kept_readable_by_their_owner_only(up: ModuleType, tmp_path: Path) -> None:
    plan = up.Plan({"ONEOFFICE_UP_DIR": str(tmp_path)})
    first = up.load_secrets(plan, {})
    assert first == up.load_secrets(plan, {})
    assert all(len(value) >= 32 for value in first.values())
    assert (tmp_path / "secrets.env").stat().st_mode & 0o077 == 0
