"""The gateway app over hand-written fakes of its ports, driven in-process through ASGI.

``client`` is signed in as the clerk of commune 16876 (a bearer token of the fake staff's account);
``client_for(as_user=None)`` opens one without a token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

ClientFor = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
# 02:00 UTC on 10 March 2026: 09:00 in Vietnam.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
CLERK = "vanthu-16876"


def bearer(app: FastAPI, staff: FakeStaff, username: str = CLERK) -> dict[str, str]:
    """The Authorization header of a token the app issues for the fake staff's account."""
    account, _ = staff.accounts[username]
    return {"Authorization": f"Bearer {app.state.tokens.issue(account).access_token}"}


@pytest.fixture
def documents() -> FakeDocuments:
    return FakeDocuments()


@pytest.fixture
def reporting() -> FakeReporting:
    return FakeReporting()


@pytest.fixture
def staff() -> FakeStaff:
    staff = FakeStaff()
    staff.add(CLERK, scope=("16876",))
    return staff


@pytest.fixture
def client_for(documents: FakeDocuments, reporting: FakeReporting, staff: FakeStaff) -> ClientFor:
    @asynccontextmanager
    async def open_client(
        health: FakeServiceHealth | None = None, *, as_user: str | None = CLERK
    ) -> AsyncIterator[httpx.AsyncClient]:
        settings = Settings()
        app = create_app(
            settings,
            health_port=health or FakeServiceHealth(),
            documents=documents,
            reporting=reporting,
            staff=staff,
            clock=FixedClock(NOW),
        )
        headers = bearer(app, staff, as_user) if as_user is not None else {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://gateway.test", headers=headers
        ) as client:
            yield client

    return open_client


@pytest.fixture
async def client(client_for: ClientFor) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for() as opened:
        yield opened
