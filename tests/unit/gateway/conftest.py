"""The gateway app over hand-written fakes of its ports, driven in-process through ASGI.

``client`` is signed in as the clerk of commune 16876: a token of the fake staff's account as the
bearer header (the API) and as the session cookie (the pages); ``csrf_of(client)`` is the token its
page forms carry. ``client_for(as_user=None)`` opens one without either.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.login_attempts import LoginAttempts
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings
from oneoffice.gateway.entrypoints.csrf import CsrfTokens
from oneoffice.gateway.entrypoints.session_cookie import SESSION_COOKIE

from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

ClientFor = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
# 02:00 UTC on 10 March 2026: 09:00 in Vietnam.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
CLERK = "vanthu-16876"


def bearer(app: FastAPI, staff: FakeStaff, username: str = CLERK) -> dict[str, str]:
    """The Authorization header of a token the app issues for the fake staff's account."""
    account, _ = staff.accounts[username]
    return {"Authorization": f"Bearer {app.state.tokens.issue(account).access_token}"}


@asynccontextmanager
async def signed_in_client(
    app: FastAPI, staff: FakeStaff, as_user: str | None
) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client of ``app`` as ``as_user`` (None: nobody): the bearer header for the API,
    the session cookie for the pages. HTTPS: the cookie jar keeps Secure cookies for HTTPS only."""
    headers = bearer(app, staff, as_user) if as_user is not None else {}
    token = headers.get("Authorization", "").removeprefix("Bearer ")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="https://gateway.test",
        headers=headers,
        cookies={SESSION_COOKIE: token} if token else {},
    ) as client:
        yield client


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
        health: FakeServiceHealth | None = None,
        *,
        as_user: str | None = CLERK,
        login_attempts: LoginAttempts | None = None,
    ) -> AsyncIterator[httpx.AsyncClient]:
        settings = Settings()
        app = create_app(
            settings,
            health_port=health or FakeServiceHealth(),
            documents=documents,
            reporting=reporting,
            staff=staff,
            clock=FixedClock(NOW),
            login_attempts=login_attempts,
        )
        async with signed_in_client(app, staff, as_user) as client:
            yield client

    return open_client


@pytest.fixture
async def client(client_for: ClientFor) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for() as opened:
        yield opened


def csrf_of(client: httpx.AsyncClient) -> str:
    """The CSRF token the page forms of ``client``'s session carry."""
    csrf = CsrfTokens(Settings().jwt_secret.get_secret_value())
    return csrf.for_session(client.cookies[SESSION_COOKIE])


def with_csrf(client: httpx.AsyncClient, form: dict[str, str]) -> dict[str, str]:
    """``form`` as the page posts it: with its session's CSRF token."""
    return {**form, "csrf_token": csrf_of(client)}
