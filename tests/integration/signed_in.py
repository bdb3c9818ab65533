"""A real staff service holding the test accounts, for tests that go through the gateway.

The gateway asks the staff service for the account behind every token, so a test of the gateway in
front of real services runs a real staff service too (embedded SQLite in a temporary directory: the
accounts are the fixture, not the subject). ``sign_in`` gets a token the way a client does, through
``POST /api/v1/auth/token``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import SystemClock
from oneoffice.staff.adapters.passwords import Argon2Passwords
from oneoffice.staff.application.accounts import AccountService, Caller
from oneoffice.staff.bootstrap import bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.entrypoints.grpc_server import build_server

PASSWORD = "demo"


@dataclass(frozen=True, slots=True)
class TestAccount:
    username: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]


CLERK_16876 = TestAccount("vanthu-16876", ("clerk",), ("16876",))
CLERK_16882 = TestAccount("vanthu-16882", ("clerk",), ("16882",))
AUDITOR = TestAccount("kiemtoan", ("auditor",), ())
DEFAULT_ACCOUNTS = (CLERK_16876, CLERK_16882, AUDITOR)


@asynccontextmanager
async def running_staff(
    directory: Path, accounts: Sequence[TestAccount] = DEFAULT_ACCOUNTS
) -> AsyncIterator[str]:
    """A staff gRPC server on loopback with ``accounts`` (password ``demo``); yields its target."""
    container = await bootstrap(
        Settings(
            database_url=f"sqlite+aiosqlite:///{directory / 'staff.db'}", grpc_host="127.0.0.1", grpc_port=0
        )
    )
    service = AccountService(container.store, build_registry(), SystemClock(), Argon2Passwords())
    for account in accounts:
        await service.create(
            Caller(actor="tests"),
            username=account.username,
            display_name=account.username,
            roles=list(account.roles),
            scope=list(account.scope),
            password=PASSWORD,
        )
    server = build_server(container)
    await server.start()
    try:
        yield server.target
    finally:
        await server.stop(grace=None)
        await container.aclose()


async def sign_in(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    """The Authorization header of ``username``'s token, got from the gateway's token route."""
    response = await client.post("/api/v1/auth/token", data={"username": username, "password": PASSWORD})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
