"""docker-compose.yml describes a deployment that starts in the right order and can be built.

Validated with Debian's docker-compose 1.29 (`docker-compose config` needs no Docker engine), whose
output is the fully resolved configuration the assertions read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from oneoffice.documents.config import Settings as DocumentsSettings
from oneoffice.eventcore.settings import DefaultSecretRefused, ServiceSettings
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.reporting.config import Settings as ReportingSettings
from oneoffice.staff.config import Settings as StaffSettings

REPO = Path(__file__).resolve().parents[3]
GRPC_PORTS = {"documents": 50051, "staff": 50052, "reporting": 50053}
GATEWAY_PORT = 8000
ONE_SHOT_JOBS = {"migrations"}
SETTINGS: dict[str, type[ServiceSettings]] = {
    "documents": DocumentsSettings,
    "staff": StaffSettings,
    "reporting": ReportingSettings,
    "gateway": GatewaySettings,
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    # Resolved as an operator who set no password would: the placeholders.
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_PASSWORD", "_SECRET"))}
    config = yaml.safe_load(compose_config(env))
    assert isinstance(config, dict)
    return config


def compose_config(env: dict[str, str]) -> str:
    """The output of `docker-compose config` in the environment ``env``."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail(
            "docker-compose is not installed, so docker-compose.yml cannot be validated: install the "
            "Debian package docker-compose (deploy/local/test.sh does so when run as root)"
        )
    result = subprocess.run(
        [binary, "-f", str(REPO / "docker-compose.yml"), "config"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"docker-compose config failed:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = compose["services"]
    return services


def published_ports(service: dict[str, Any]) -> set[tuple[int, int]]:
    """(published, target) pairs, whether compose printed the short or the long syntax."""
    pairs = set()
    for port in service.get("ports", []):
        if isinstance(port, dict):
            pairs.add((int(port["published"]), int(port["target"])))
        else:
            published, target = str(port).rsplit(":", 2)[-2:]
            pairs.add((int(published), int(target)))
    return pairs


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """Mount target -> source, whether compose printed the short or the long syntax."""
    result = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            result[volume["target"]] = volume["source"]
        else:
            source, target = str(volume).split(":")[:2]
            result[target] = source
    return result


def test_compose_file_defines_the_whole_deployment(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == {"kafka", "postgres", "migrations", *GRPC_PORTS, "gateway"}
    assert services["kafka"]["image"] == "apache/kafka:4.1.1"
    assert services["postgres"]["image"] == "postgres:15"


def test_every_built_service_names_an_existing_dockerfile(services: dict[str, dict[str, Any]]) -> None:
    built = {name: s["build"] for name, s in services.items() if "build" in s}
    assert set(built) >= {*GRPC_PORTS, "gateway", "migrations"}
    for name, build in built.items():
        context = Path(build["context"])
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        assert context.resolve() == REPO, f"{name}: the build context must be the repository root"
        assert dockerfile.is_file(), f"{name}: {dockerfile} does not exist"
    for name in [*GRPC_PORTS, "gateway"]:
        assert built[name]["dockerfile"] == "Dockerfile", (
            f"{name}: every service is built from one Dockerfile"
        )


@pytest.mark.parametrize(("name", "port"), [*sorted(GRPC_PORTS.items()), ("gateway", GATEWAY_PORT)])
def test_each_service_image_is_chosen_by_build_arguments_and_listens_on_every_interface(
    services: dict[str, dict[str, Any]], name: str, port: int
) -> None:
    args = services[name]["build"]["args"]
    assert args["SERVICE"] == name
    assert int(args["PORT"]) == port
    # The image sets the service's own listen-address setting to 0.0.0.0.
    settings = SETTINGS[name]
    field = "host" if name == "gateway" else "grpc_host"
    assert field in settings.model_fields
    variable = f"{settings.model_config['env_prefix']}{field}".upper()
    assert re.search(rf"^(ENV |    ){variable}=0\.0\.0\.0( \\)?$", (REPO / "Dockerfile").read_text(), re.M)


def test_every_long_running_service_has_a_healthcheck(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        if name in ONE_SHOT_JOBS:
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


@pytest.mark.parametrize("name", sorted(GRPC_PORTS))
def test_grpc_service_waits_for_healthy_infrastructure_and_finished_migrations(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    depends_on = services[name]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["kafka"]["condition"] == "service_healthy"
    assert depends_on["migrations"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", sorted(GRPC_PORTS))
def test_grpc_service_serves_on_its_port_with_postgres_and_kafka(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    service = services[name]
    env = service["environment"]
    prefix = f"ONEOFFICE_{name.upper()}_"
    assert service["command"] == ["python", "-m", f"oneoffice.{name}", "serve"]
    assert published_ports(service) == {(GRPC_PORTS[name], GRPC_PORTS[name])}
    assert env[f"{prefix}DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert env[f"{prefix}DATABASE_URL"].endswith(f"@postgres:5432/{name}")
    assert env[f"{prefix}KAFKA_BOOTSTRAP"] == "kafka:9092"
    assert service["healthcheck"]["test"][:5] == ["CMD", "python", "-m", f"oneoffice.{name}", "healthcheck"]


def test_gateway_serves_http_once_every_service_is_healthy(services: dict[str, dict[str, Any]]) -> None:
    gateway = services["gateway"]
    assert gateway["command"] == ["python", "-m", "oneoffice.gateway", "serve"]
    assert published_ports(gateway) == {(GATEWAY_PORT, GATEWAY_PORT)}
    assert {name: dep["condition"] for name, dep in gateway["depends_on"].items()} == {
        name: "service_healthy" for name in GRPC_PORTS
    }
    assert "/healthz" in " ".join(gateway["healthcheck"]["test"])
    for name, port in GRPC_PORTS.items():
        assert gateway["environment"][f"ONEOFFICE_GATEWAY_{name.upper()}_TARGET"] == f"{name}:{port}"


def test_migrations_job_migrates_every_database_after_postgres_is_healthy(
    services: dict[str, dict[str, Any]],
) -> None:
    migrations = services["migrations"]
    command = " ".join(migrations["command"])
    for name in GRPC_PORTS:
        assert f"python -m oneoffice.{name} migrate" in command
        assert f"ONEOFFICE_{name.upper()}_DATABASE_URL" in migrations["environment"]
    assert migrations["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_postgres_creates_one_database_per_service_on_first_start(
    services: dict[str, dict[str, Any]],
) -> None:
    postgres = services["postgres"]
    assert set(postgres["environment"]["ONEOFFICE_SERVICES"].split()) == set(GRPC_PORTS)
    init_dir = Path(mounts(postgres)["/docker-entrypoint-initdb.d"])
    assert init_dir.resolve() == REPO / "deploy" / "compose" / "postgres-init"
    assert any(p.suffix == ".sh" for p in init_dir.iterdir())


def test_one_dockerfile_installs_the_chosen_service_non_editable_and_runs_it_unprivileged() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    install = re.search(r"pip install ([^\n]*)", text)
    assert install, "the Dockerfile installs with pip"
    args = install.group(1).split()
    assert "-e" not in args and "--editable" not in args
    assert {"-c", "constraints.txt", "./libs/eventcore", "./contracts", "./services/${SERVICE}"} <= set(args)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}, "the image runs as a non-root user"
    assert re.search(r"^EXPOSE \$\{PORT\}$", text, re.M)
    assert "oneoffice.${ONEOFFICE_SERVICE}" in text and "serve" in text


def test_no_service_keeps_a_dockerfile_of_its_own() -> None:
    assert not sorted(REPO.glob("services/*/Dockerfile"))


def test_a_compose_deployment_refuses_to_start_until_its_passwords_are_set(
    services: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The configuration above was resolved without the password variables: their placeholders.
    for name, settings in SETTINGS.items():
        if name == "gateway":
            continue
        for variable, value in services[name]["environment"].items():
            monkeypatch.setenv(variable, str(value))
        with pytest.raises(DefaultSecretRefused) as refused:
            settings()
        assert refused.value.variables == [
            f"ONEOFFICE_{name.upper()}_DATABASE_URL",
            f"ONEOFFICE_{name.upper()}_INTERNAL_SECRET",
        ]


def test_a_compose_deployment_with_its_passwords_set_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, **{f"ONEOFFICE_{name.upper()}_DB_PASSWORD": f"{name}-Pw-7x" for name in GRPC_PORTS}}
    env["ONEOFFICE_INTERNAL_SECRET"] = "an-internal-secret-of-this-deployment-7x"
    resolved = yaml.safe_load(compose_config(env))["services"]
    for name in GRPC_PORTS:
        for variable, value in resolved[name]["environment"].items():
            monkeypatch.setenv(variable, str(value))
        settings = SETTINGS[name]()
        assert settings.is_distributed()
        assert settings.internal_secret.get_secret_value() == env["ONEOFFICE_INTERNAL_SECRET"]


def test_dockerignore_keeps_local_state_out_of_the_build_context() -> None:
    ignored = {line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", "**/__pycache__"} <= ignored
