"""The distributed mode started as an operator would: one process per service, then the gateway.

Shared by the e2e tests and ``make bench-gateway``: what a distributed start needs (environment,
ports, a clerk's account) is set here once, so the two never drift apart.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx

from .processes import Processes, free_port, wait_until_ready

SERVICES = ("documents", "staff", "reporting")
TOKEN_PATH = "/api/v1/auth/token"
ADMIN = "quantri"
ADMIN_PASSWORD = "quan-tri-distributed"

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
    create_admin(databases["staff"], {**extra, "ONEOFFICE_STAFF_INTERNAL_SECRET": internal_secret})
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
                f"ONEOFFICE_{upper}_KAFKA_GROUP_ID": f"{topic_prefix}reporting",
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
