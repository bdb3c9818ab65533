"""`make up` with two replicas of documents and of reporting loses nothing when one of each dies.

The test runs what `make up` runs (deploy/local/up.sh with REPLICAS=2, on the shared PostgreSQL and
the test Kafka, on free ports): two documents and two reporting processes, staff and the gateway under
honcho, the gateway spreading its calls over the replicas. Clerks register incoming documents from
several concurrent workers; once some are acknowledged, one documents replica and one reporting
replica are killed with SIGKILL (honcho's line starts them again a second later), and the load goes
on. Every acknowledged registration must then be in the incoming register exactly once, every row
with its own số đến: the surviving relay took over the store (advisory lock), the surviving reporting
replica took over the partitions (one consumer group), and no number was handed out twice.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import CreateDatabase

from .distributed import ADMIN, ADMIN_PASSWORD, SERVICES, bearer_token, create_admin
from .processes import free_port

REPO = Path(__file__).resolve().parents[2]
COMMUNE = "16876"
CLERK = "vanthu-16876"
CLERK_PASSWORD = "van-thu-replicas"
WORKERS = 4
# Acknowledged registrations before the kill, and in all.
BEFORE_KILL = 12
TOTAL = 48


@dataclass
class Up:
    state: Path
    env: dict[str, str]
    base_url: str
    processes: dict[str, dict[str, int]]

    def log(self) -> str:
        path = self.state / "up.log"
        return path.read_text(errors="replace")[-6000:] if path.exists() else "(no up.log)"


@pytest.fixture
async def up(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str, tmp_path: Path
) -> AsyncIterator[Up]:
    databases = {name: await create_pg_database(f"up_{name}") for name in SERVICES}
    env = {
        **os.environ,
        "REPLICAS": "2",
        "ONEOFFICE_UP_DIR": str(tmp_path / "up"),
        "ONEOFFICE_UP_PORTS": "free",
        "ONEOFFICE_UP_TOPIC_PREFIX": f"{run_id}.up{free_port()}.",
        "ONEOFFICE_UP_PYTHON": sys.executable,
        "KAFKA_PORT": kafka_bootstrap.rsplit(":", 1)[1],
        "PGPORT": str(urlsplit(next(iter(databases.values()))).port or 5432),
        **{f"ONEOFFICE_{name.upper()}_DATABASE_URL": url for name, url in databases.items()},
    }
    env.pop("ONEOFFICE_INTERNAL_SECRET", None)
    started = up_sh("start", env, timeout=300)
    state = tmp_path / "up"
    try:
        assert started.returncode == 0, f"{started.stderr[-6000:]}\n{(state / 'up.log').read_text()[-4000:]}"
        described = json.loads((state / "deployment.json").read_text())
        assert started.stdout.strip() == described["gateway"]
        yield Up(state, env, described["gateway"], described["processes"])
    finally:
        stopped = up_sh("stop", env, timeout=120)
        assert stopped.returncode == 0, stopped.stderr
        assert not (state / "honcho.pid").exists()


def up_sh(command: str, env: dict[str, str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    """``deploy/local/up.sh <command>``, what ``make up`` / ``make down`` run."""
    return subprocess.run(
        ["bash", str(REPO / "deploy/local/up.sh"), command],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def service_pid(name: str, up: Up) -> int:
    """The pid of process ``name`` (e.g. documents2) of this deployment: the Python interpreter whose
    environment carries ``ONEOFFICE_UP_PROCESS=<name>`` and this deployment's state directory."""
    marker = f"ONEOFFICE_UP_PROCESS={name}".encode()
    state = f"ONEOFFICE_UP_DIR={up.state}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in environ and state in environ and b"-m\0oneoffice." in cmdline:
            return int(entry.name)
    raise AssertionError(f"no running process {name}\n{up.log()}")


@dataclass
class Load:
    """Registrations sent, each with its own Idempotency-Key and ký hiệu, retried until answered 201."""

    acknowledged: dict[str, dict[str, object]] = field(default_factory=dict)
    refused: list[int] = field(default_factory=list)
    sequence: Iterator[int] = field(default_factory=lambda: iter(range(1, 10_000)))


def document(number: int) -> dict[str, str]:
    return {
        "body_code": "UBND",
        "issuer": "UBND tỉnh Nghệ An",
        "number_symbol": f"{number}/UBND-RP",
        "document_date": "2026-11-20",
        "document_type": "CV",
        "summary": f"Văn bản thử nghiệm bản sao số {number}",
        "urgency": "NORMAL",
        "received_date": "2026-11-24",
    }


def appended(metrics: str) -> float:
    """Incoming registrations a documents replica appended (its ``oneoffice_events_appended_total``)."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("oneoffice_events_appended_total{") and "IncomingDocumentRegistered" in line
    )


async def register_until(load: Load, client: httpx.AsyncClient, target: int, deadline: float) -> None:
    loop = asyncio.get_running_loop()
    while len(load.acknowledged) < target:
        number = next(load.sequence)
        key = f"replicas-{number}"
        while True:
            assert loop.time() < deadline, f"only {len(load.acknowledged)} registrations acknowledged"
            try:
                answer = await client.post(
                    f"/api/v1/communes/{COMMUNE}/incoming-documents",
                    json=document(number),
                    headers={"Idempotency-Key": key},
                )
            except httpx.TransportError:
                answer = None
            if answer is not None and answer.status_code == 201:
                load.acknowledged[document(number)["number_symbol"]] = answer.json()
                break
            # A replica went away mid-call, or documents has not received the units yet (404): the
            # same request again. Anything else is a failure of its own.
            status = answer.status_code if answer is not None else 0
            assert answer is None or status >= 500 or status == 404, answer.text
            load.refused.append(status)
            await asyncio.sleep(0.2)


async def test_killing_a_replica_of_documents_and_of_reporting_under_load_loses_nothing(up: Up) -> None:
    loop = asyncio.get_running_loop()
    create_admin(up.env["ONEOFFICE_STAFF_DATABASE_URL"], {})
    admin = await bearer_token(up.base_url, ADMIN, ADMIN_PASSWORD)
    async with httpx.AsyncClient(base_url=up.base_url, timeout=30) as client:
        opened = await client.post(
            "/api/v1/accounts",
            json={
                "username": CLERK,
                "display_name": "Văn thư",
                "roles": ["clerk"],
                "scope": [COMMUNE],
                "password": CLERK_PASSWORD,
            },
            headers={"Authorization": f"Bearer {admin}"},
        )
        assert opened.status_code == 201, opened.text
        client.headers["Authorization"] = f"Bearer {await bearer_token(up.base_url, CLERK, CLERK_PASSWORD)}"

        load = Load()
        deadline = loop.time() + 150
        await asyncio.gather(*(register_until(load, client, BEFORE_KILL, deadline) for _ in range(WORKERS)))
        # The gateway spread the registrations over both documents replicas.
        for name in ("documents1", "documents2"):
            metrics = await client.get(f"http://127.0.0.1:{up.processes[name]['metrics']}/metrics")
            assert appended(metrics.text) > 0, f"{name} registered nothing"
        killed = {name: service_pid(name, up) for name in ("documents2", "reporting1")}
        for pid in killed.values():
            os.kill(pid, signal.SIGKILL)
        await asyncio.gather(*(register_until(load, client, TOTAL, deadline) for _ in range(WORKERS)))

        rows: list[dict[str, object]] = []
        while True:
            listed = await client.get(
                f"/api/v1/communes/{COMMUNE}/incoming-register",
                params={"body": "UBND", "year": 2026, "page_size": 500},
            )
            if listed.status_code == 200:
                rows = listed.json()["rows"]
                if {row["number_symbol"] for row in rows} >= load.acknowledged.keys():
                    break
            assert loop.time() < deadline, (
                f"{len(rows)} rows for {len(load.acknowledged)} acknowledged registrations\n{up.log()}"
            )
            await asyncio.sleep(0.5)

    # The killed replicas were started again by their Procfile line.
    for name, pid in killed.items():
        assert service_pid(name, up) != pid
    symbols = [row["number_symbol"] for row in rows]
    for symbol, acknowledged in load.acknowledged.items():
        assert symbols.count(symbol) == 1, f"{symbol} is in the register {symbols.count(symbol)} times"
        [row] = [row for row in rows if row["number_symbol"] == symbol]
        assert row["document_id"] == acknowledged["document_id"]
        assert row["incoming_number"] == acknowledged["incoming_number"]
    numbers = [row["incoming_number"] for row in rows]
    assert len(numbers) == len(set(numbers)), f"a số đến was given twice: {sorted(numbers)}"
    assert len(symbols) == len(set(symbols)), "a registration was recorded twice"
