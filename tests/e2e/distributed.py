"""The distributed mode started as an operator would: one process per service, then the gateway.

Shared by the e2e tests and ``make bench-gateway``: what a distributed start needs (environment,
ports, a clerk's account) is set here once, so the two never drift apart.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx

from .processes import Processes, free_port, wait_until_ready

SERVICES = ("documents", "staff", "reporting")
# The services that follow a topic (a consumer group of their own); staff follows none.
CONSUMERS = ("documents", "reporting")
TOKEN_PATH = "/api/v1/auth/token"
ADMIN = "quantri"
ADMIN_PASSWORD = "quan-tri-distributed"
# The documents service's subscription to the staff topic (the units it knows).
UNITS_SUBSCRIPTION = "documents.known_units"

# Environment every process of a distributed start gets.
COMMON_ENV: dict[str, str] = {}


@dataclass(frozen=True)
class Deployment:
    """Where the started processes listen."""

    base_url: str
    grpc_ports: Mapping[str, int]
    metrics_ports: Mapping[str, int]

    def grpc_target(self, service: str) -> str:
        return f"127.0.0.1:{self.grpc_ports[service]}"


async def start_distributed(
    processes: Processes,
    databases: Mapping[str, str],
    kafka_bootstrap: str,
    topic_prefix: str,
    *,
    env: Mapping[str, str] | None = None,
) -> Deployment:
    """Start documents, staff, reporting (each on its own database) and the gateway; wait until ready.

    ``databases`` maps each service to its SQLAlchemy URL; ``topic_prefix`` keeps this start's topics
    and consumer groups apart from any other's; ``env`` is added to every process's environment.
    """
    # Secrets of this deployment only: the gateway signs callers' identities with the internal one
    # (the services check it), and its access tokens with the other.
    internal_secret = secrets.token_urlsafe(32)
    extra = {**COMMON_ENV, **(env or {})}
    staff_env = {**extra, "ONEOFFICE_STAFF_INTERNAL_SECRET": internal_secret}
    create_admin(databases["staff"], staff_env)
    # The units the documents service will know (from the staff topic) before it registers anything.
    staff_events = 1 + seed_units(databases["staff"], staff_env)  # the administrator's account, the units
    ports = {name: free_port() for name in (*SERVICES, "gateway")}
    metrics_ports = {name: free_port() for name in SERVICES}
    for name in SERVICES:
        upper = name.upper()
        processes.start(
            name,
            ["-m", f"oneoffice.{name}", "serve"],
            {
                **extra,
                f"ONEOFFICE_{upper}_DATABASE_URL": databases[name],
                f"ONEOFFICE_{upper}_GRPC_PORT": str(ports[name]),
                f"ONEOFFICE_{upper}_KAFKA_BOOTSTRAP": kafka_bootstrap,
                f"ONEOFFICE_{upper}_KAFKA_TOPIC_PREFIX": topic_prefix,
                **(
                    {f"ONEOFFICE_{upper}_KAFKA_GROUP_ID": f"{topic_prefix}{name}"}
                    if name in CONSUMERS
                    else {}
                ),
                f"ONEOFFICE_{upper}_METRICS_PORT": str(metrics_ports[name]),
                f"ONEOFFICE_{upper}_INTERNAL_SECRET": internal_secret,
            },
        )
    processes.start(
        "gateway",
        ["-m", "oneoffice.gateway", "serve"],
        {
            **extra,
            "ONEOFFICE_GATEWAY_PORT": str(ports["gateway"]),
            "ONEOFFICE_GATEWAY_DEPLOYMENT": "distributed",
            "ONEOFFICE_GATEWAY_JWT_SECRET": secrets.token_urlsafe(32),
            "ONEOFFICE_GATEWAY_INTERNAL_SECRET": internal_secret,
            **{f"ONEOFFICE_GATEWAY_{n.upper()}_TARGET": f"127.0.0.1:{ports[n]}" for n in SERVICES},
        },
    )
    base_url = f"http://127.0.0.1:{ports['gateway']}"
    await wait_until_ready(base_url, processes)
    await wait_until_consumed(metrics_ports["documents"], UNITS_SUBSCRIPTION, staff_events, processes)
    return Deployment(base_url=base_url, grpc_ports=ports, metrics_ports=metrics_ports)


def create_admin(staff_database_url: str, env: Mapping[str, str]) -> None:
    """What an operator runs once before the first start: the first administrator, password on
    stdin (the distributed mode has no default account)."""
    done = subprocess.run(
        [sys.executable, "-m", "oneoffice.staff", "create-admin", "--username", ADMIN],
        input=f"{ADMIN_PASSWORD}\n".encode(),
        env={**os.environ, **env, "ONEOFFICE_STAFF_DATABASE_URL": staff_database_url},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")


def seed_units(staff_database_url: str, env: Mapping[str, str]) -> int:
    """What an operator runs once: Tương Dương's units into staff; how many events it recorded."""
    done = subprocess.run(
        [sys.executable, "-m", "oneoffice.staff", "seed-units"],
        env={**os.environ, **env, "ONEOFFICE_STAFF_DATABASE_URL": staff_database_url},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    recorded = re.search(rb"staff: (\d+) reorganisations recorded", done.stdout)
    assert recorded is not None, done.stdout.decode(errors="replace")
    return int(recorded.group(1))


async def wait_until_consumed(
    metrics_port: int, subscription: str, count: int, processes: Processes, timeout: float = 60
) -> None:
    """Poll a service's metrics until ``subscription`` has applied ``count`` events."""
    pattern = re.compile(
        rf'oneoffice_events_consumed_total{{[^}}]*subscription="{re.escape(subscription)}"[^}}]*}} (\S+)'
    )
    deadline = asyncio.get_running_loop().time() + timeout
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            try:
                found = pattern.search((await client.get(f"http://127.0.0.1:{metrics_port}/metrics")).text)
            except httpx.TransportError:
                found = None
            if found is not None and float(found.group(1)) >= count:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{subscription} never applied {count} events\n{processes.logs()}")
            await asyncio.sleep(0.2)


async def create_account(
    deployment: Deployment,
    username: str,
    password: str,
    *,
    roles: Sequence[str],
    scope: Sequence[str],
) -> None:
    """Open an account as the administrator does: ``POST /api/v1/accounts`` with their token."""
    admin = await bearer_token(deployment.base_url, ADMIN, ADMIN_PASSWORD)
    async with httpx.AsyncClient(base_url=deployment.base_url, timeout=30) as client:
        answer = await client.post(
            "/api/v1/accounts",
            json={
                "username": username,
                "display_name": username,
                "roles": list(roles),
                "scope": list(scope),
                "password": password,
            },
            headers={"Authorization": f"Bearer {admin}"},
        )
        answer.raise_for_status()


async def bearer_token(base_url: str, username: str, password: str) -> str:
    """An access token from ``POST /api/v1/auth/token`` (OAuth2 password flow)."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        answer = await client.post(TOKEN_PATH, data={"username": username, "password": password})
        answer.raise_for_status()
        token: str = answer.json()["access_token"]
        return token
