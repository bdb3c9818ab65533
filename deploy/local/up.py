"""Prepares the distributed mode on this machine for ``make up`` (deploy/local/up.sh runs it).

    python deploy/local/up.py prepare

Once PostgreSQL and Kafka answer: creates each service's database (idempotent), the event topics
with explicit partitions and infinite retention, runs every service's migrations once, records
Tương Dương's units (idempotent), and writes into the state directory

- ``oneoffice.env``: every process's settings (the variables of docker-compose.yml, the same names;
  the non-secret defaults come from ``deploy/local/settings.env``), readable by its owner only;
- ``Procfile``: one line per process for honcho: documents, staff, reporting (``REPLICAS`` of
  documents and of reporting) and the gateway, which spreads its calls over the replicas;
- ``deployment.json``: where everything listens (read by ``up.sh`` to print the address, and by
  the tests).

Environment (all optional):
  ONEOFFICE_UP_DIR          state directory (default var/up)
  REPLICAS                  replicas of documents and of reporting (default 1)
  PGPORT, KAFKA_PORT        PostgreSQL and Kafka on 127.0.0.1 (default 5432, 9092)
  ONEOFFICE_UP_PG_ROLE      role:password of deploy/local/postgres.sh (default oneoffice:oneoffice)
  ONEOFFICE_UP_TOPIC_PREFIX prefix of every topic and consumer group (default none)
  ONEOFFICE_UP_PORTS        ``default`` (documents 50051, staff 50052, reporting 50053, gateway
                            8000, metrics 9464-9466; a second replica adds 10) or ``free`` (any
                            free ports: a test beside another deployment)
  ONEOFFICE_<SERVICE>_DATABASE_URL  a database of your own instead of ``<service>`` on PGPORT
  ONEOFFICE_GATEWAY_JWT_SECRET, ONEOFFICE_INTERNAL_SECRET  secrets of your own; otherwise drawn
                            once and kept in ``<state dir>/secrets.env`` (mode 0600, never printed)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from oneoffice.eventcore.composition import ensure_service_topics
from oneoffice.eventcore.telemetry.logging import setup_logging
from oneoffice.staff.config import Settings as StaffSettings

REPO = Path(__file__).resolve().parents[2]
SHARED_SETTINGS = REPO / "deploy" / "local" / "settings.env"
SERVICES = ("documents", "staff", "reporting")
# The services a province runs several of (the gateway spreads its calls over them).
REPLICATED = ("documents", "reporting")
# Services whose relay creates (and owns) a topic.
PUBLISHERS = ("documents", "staff")
GRPC_PORTS = {"documents": 50051, "staff": 50052, "reporting": 50053}
METRICS_PORTS = {"documents": 9464, "staff": 9465, "reporting": 9466}
GATEWAY_PORT = 8000
REPLICA_PORT_STEP = 10


def log(message: str) -> None:
    print(f"up.py: {message}", file=sys.stderr, flush=True)


def read_env_file(path: Path) -> dict[str, str]:
    """``NAME=value`` lines (``#`` comments and blank lines skipped), as honcho and compose read them."""
    values: dict[str, str] = {}
    if not path.exists():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def write_env_file(path: Path, values: dict[str, str]) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text("".join(f"{name}={value}\n" for name, value in values.items()), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Plan:
    """What this ``make up`` starts, and where it listens."""

    def __init__(self, env: dict[str, str]) -> None:
        self.state = Path(env.get("ONEOFFICE_UP_DIR") or REPO / "var" / "up").resolve()
        self.replicas = max(1, int(env.get("REPLICAS") or 1))
        self.pg_port = int(env.get("PGPORT") or 5432)
        self.kafka = f"127.0.0.1:{env.get('KAFKA_PORT') or 9092}"
        self.pg_role = env.get("ONEOFFICE_UP_PG_ROLE") or "oneoffice:oneoffice"
        self.prefix = env.get("ONEOFFICE_UP_TOPIC_PREFIX", "")
        free = env.get("ONEOFFICE_UP_PORTS", "default") == "free"
        # (service, instance) -> (grpc port, metrics port), instances numbered from 1.
        self.instances: dict[tuple[str, int], tuple[int, int]] = {}
        for service in SERVICES:
            for i in range(1, (self.replicas if service in REPLICATED else 1) + 1):
                step = REPLICA_PORT_STEP * (i - 1)
                self.instances[service, i] = (
                    (free_port(), free_port())
                    if free
                    else (GRPC_PORTS[service] + step, METRICS_PORTS[service] + step)
                )
        self.gateway_port = free_port() if free else GATEWAY_PORT
        self.database_urls = {
            service: env.get(f"ONEOFFICE_{service.upper()}_DATABASE_URL")
            or f"postgresql+asyncpg://{self.pg_role}@127.0.0.1:{self.pg_port}/{service}"
            for service in SERVICES
        }

    def grpc_target(self, service: str) -> str:
        """The gateway's target: one address, or every replica's (``ipv4:`` list, round robin)."""
        ports = [grpc for (name, _), (grpc, _) in self.instances.items() if name == service]
        if len(ports) == 1:
            return f"127.0.0.1:{ports[0]}"
        return "ipv4:" + ",".join(f"127.0.0.1:{port}" for port in ports)

    def settings(self, secrets_: dict[str, str]) -> dict[str, str]:
        """Every process's environment: the shared defaults, then what this machine decides."""
        values = read_env_file(SHARED_SETTINGS)
        internal = secrets_["ONEOFFICE_INTERNAL_SECRET"]
        for service in SERVICES:
            upper = service.upper()
            values[f"ONEOFFICE_{upper}_DATABASE_URL"] = self.database_urls[service]
            values[f"ONEOFFICE_{upper}_KAFKA_BOOTSTRAP"] = self.kafka
            values[f"ONEOFFICE_{upper}_KAFKA_TOPIC_PREFIX"] = self.prefix
            values[f"ONEOFFICE_{upper}_INTERNAL_SECRET"] = internal
            if service != "staff":  # staff follows no topic: it has no consumer group
                values[f"ONEOFFICE_{upper}_KAFKA_GROUP_ID"] = f"{self.prefix or 'oneoffice-'}{service}"
        values["ONEOFFICE_DOCUMENTS_BLOB_DIR"] = str(self.state / "blobs")
        values["ONEOFFICE_GATEWAY_PORT"] = str(self.gateway_port)
        values["ONEOFFICE_GATEWAY_JWT_SECRET"] = secrets_["ONEOFFICE_GATEWAY_JWT_SECRET"]
        values["ONEOFFICE_GATEWAY_INTERNAL_SECRET"] = internal
        for service in SERVICES:
            values[f"ONEOFFICE_GATEWAY_{service.upper()}_TARGET"] = self.grpc_target(service)
        return values

    def procfile(self) -> str:
        """honcho's Procfile: one line per process; a process that exits is started again a second
        later (as compose's ``restart: unless-stopped``), because honcho alone would stop them all."""
        python = shlex.quote(sys.executable)
        lines = []
        for (service, i), (grpc, metrics) in self.instances.items():
            upper = service.upper()
            name = f"{service}{i}" if service in REPLICATED and self.replicas > 1 else service
            command = (
                f"env ONEOFFICE_UP_PROCESS={name} ONEOFFICE_{upper}_GRPC_PORT={grpc} "
                f"ONEOFFICE_{upper}_METRICS_PORT={metrics} {python} -m oneoffice.{service} serve"
            )
            lines.append(f"{name}: {restarting(name, command)}")
        gateway = f"env ONEOFFICE_UP_PROCESS=gateway {python} -m oneoffice.gateway serve"
        lines.append(f"gateway: {restarting('gateway', gateway)}")
        return "\n".join(lines) + "\n"

    def description(self) -> dict[str, object]:
        return {
            "gateway": f"http://127.0.0.1:{self.gateway_port}",
            "kafka": self.kafka,
            "topic_prefix": self.prefix,
            "processes": {
                (f"{s}{i}" if s in REPLICATED and self.replicas > 1 else s): {"grpc": g, "metrics": m}
                for (s, i), (g, m) in self.instances.items()
            },
        }


def restarting(name: str, command: str) -> str:
    return f'while :; do {command}; echo "{name} exited ($?): starting it again in 1 s" >&2; sleep 1; done'


def load_secrets(plan: Plan, env: dict[str, str]) -> dict[str, str]:
    """This deployment's secrets: given in the environment, kept from an earlier ``up``, or drawn."""
    path = plan.state / "secrets.env"
    kept = read_env_file(path)
    chosen = {}
    for name in ("ONEOFFICE_GATEWAY_JWT_SECRET", "ONEOFFICE_INTERNAL_SECRET"):
        chosen[name] = env.get(name) or kept.get(name) or secrets.token_urlsafe(32)
    write_env_file(path, chosen)
    return chosen


async def create_databases(plan: Plan) -> None:
    """Each service's database on the local cluster, unless it exists (owned by the local role)."""
    for service, url in plan.database_urls.items():
        parsed = make_url(url)
        if not parsed.drivername.startswith("postgresql") or not parsed.database:
            continue
        admin = parsed.set(drivername="postgresql", database="postgres")
        conn = await asyncpg.connect(admin.render_as_string(hide_password=False))
        try:
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", parsed.database)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{parsed.database}"')
                log(f"created database {parsed.database} ({service})")
        finally:
            await conn.close()


async def create_topics(plan: Plan, settings: dict[str, str]) -> None:
    """The event topics and their dead-letter topics, as the relays would (explicit partitions,
    ``retention.ms``/``retention.bytes`` -1), before any consumer subscribes to them."""
    for service in PUBLISHERS:
        upper = service.upper()
        service_settings = StaffSettings.model_validate(
            {
                "kafka_bootstrap": plan.kafka,
                "kafka_topic_prefix": plan.prefix,
                "kafka_topic_partitions": settings.get(f"ONEOFFICE_{upper}_KAFKA_TOPIC_PARTITIONS", "3"),
                "database_url": settings[f"ONEOFFICE_{upper}_DATABASE_URL"],
                "internal_secret": settings[f"ONEOFFICE_{upper}_INTERNAL_SECRET"],
            }
        )
        await ensure_service_topics(service, service_settings)


def run_cli(commands: list[tuple[str, str]], env: dict[str, str]) -> None:
    """``python -m oneoffice.<service> <command>`` for each pair, side by side; all must succeed."""
    started = []
    for service, command in commands:
        log(f"python -m oneoffice.{service} {command}")
        args = [sys.executable, "-m", f"oneoffice.{service}", command]
        started.append((service, command, subprocess.Popen(args, env=env, cwd=REPO)))
    for service, command, process in started:
        if process.wait() != 0:
            raise SystemExit(
                f"up.py: `python -m oneoffice.{service} {command}` failed (exit {process.returncode})"
            )


def prepare() -> None:
    env = dict(os.environ)
    plan = Plan(env)
    plan.state.mkdir(parents=True, exist_ok=True)
    settings = plan.settings(load_secrets(plan, env))
    asyncio.run(create_databases(plan))
    asyncio.run(create_topics(plan, settings))
    child_env = {**env, **settings}
    # Each service's own database: the migrations run side by side, once, before any service starts.
    run_cli([(service, "migrate") for service in SERVICES], child_env)
    run_cli([("staff", "seed-units")], child_env)
    write_env_file(plan.state / "oneoffice.env", settings)
    (plan.state / "Procfile").write_text(plan.procfile(), encoding="utf-8")
    (plan.state / "deployment.json").write_text(json.dumps(plan.description(), indent=2) + "\n")
    log(f"prepared {len(plan.instances) + 1} processes in {plan.state}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["prepare"])
    parser.parse_args()
    setup_logging("up")  # what the libraries log (the topics made) as JSON lines, like every process
    prepare()


if __name__ == "__main__":
    main()
