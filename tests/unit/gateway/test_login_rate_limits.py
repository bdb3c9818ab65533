"""Failed logins are counted per username and per client address: beyond the limit, 429 with Retry-After."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from oneoffice.gateway.application.ports import Account, RequestContext
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

TOKEN_URL = "/api/v1/auth/token"
Gateway = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def gateway(staff: FakeStaff) -> Gateway:
    @asynccontextmanager
    async def open_gateway(settings: Settings | None = None) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            settings or Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
        )
        transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            yield client

    return open_gateway


@pytest.fixture(autouse=True)
def accounts(staff: FakeStaff) -> None:
    staff.add("vanthu-16876")
    for number in range(30):
        staff.add(f"canbo-{number}")


async def login(client: httpx.AsyncClient, username: str, password: str, **headers: str) -> httpx.Response:
    return await client.post(TOKEN_URL, data={"username": username, "password": password}, headers=headers)


async def test_the_sixth_failed_login_of_a_username_is_429_and_so_is_the_right_password(
    gateway: Gateway,
) -> None:
    async with gateway() as client:
        failures = [await login(client, "vanthu-16876", "wrong") for _ in range(5)]
        sixth = await login(client, "vanthu-16876", "wrong")
        right = await login(client, "vanthu-16876", "demo")
        others = await login(client, "canbo-1", "demo")

    assert [f.status_code for f in failures] == [401] * 5
    assert sixth.status_code == right.status_code == 429
    assert sixth.headers["content-type"] == "application/problem+json"
    assert 1 <= int(sixth.headers["retry-after"]) <= 60
    problem = sixth.json()
    assert problem["type"] == "urn:oneoffice:problem:too-many-login-attempts"
    assert problem["title"] == "Quá nhiều lần đăng nhập không thành công"
    assert "access_token" not in right.text
    assert others.status_code == 200


async def test_the_username_is_counted_whatever_its_case(gateway: Gateway) -> None:
    async with gateway() as client:
        for username in ("vanthu-16876", "VANTHU-16876", "Vanthu-16876", "vanthu-16876 ", "vanThu-16876"):
            await login(client, username, "wrong")
        sixth = await login(client, "vanthu-16876", "demo")

    assert sixth.status_code == 429


async def test_failed_logins_from_one_address_are_limited_across_usernames(gateway: Gateway) -> None:
    async with gateway(Settings(login_failures_per_address="3/minute")) as client:
        failures = [await login(client, f"canbo-{n}", "wrong") for n in range(3)]
        fourth = await login(client, "vanthu-16876", "demo")

    assert [f.status_code for f in failures] == [401] * 3
    assert fourth.status_code == 429
    assert "retry-after" in fourth.headers


async def test_good_logins_are_never_limited(gateway: Gateway) -> None:
    async with gateway(Settings(login_failures_per_address="3/minute")) as client:
        answers = [await login(client, "vanthu-16876", "demo") for _ in range(30)]

    assert {answer.status_code for answer in answers} == {200}


async def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(gateway: Gateway) -> None:
    limited = Settings(login_failures_per_address="2/minute")
    trusting = Settings(login_failures_per_address="2/minute", trusted_proxies=("203.0.113.0/24",))

    # Untrusted: a client cannot escape its limit by naming another address each time.
    async with gateway(limited) as client:
        for n in range(2):
            await login(client, f"canbo-{n}", "wrong", **{"X-Forwarded-For": f"198.51.100.{n}"})
        spoofed = await login(client, "canbo-9", "demo", **{"X-Forwarded-For": "198.51.100.99"})
    # Trusted: the proxy's clients are told apart.
    async with gateway(trusting) as client:
        for n in range(2):
            await login(client, f"canbo-{n}", "wrong", **{"X-Forwarded-For": "198.51.100.1"})
        limited_client = await login(client, "canbo-9", "demo", **{"X-Forwarded-For": "198.51.100.1"})
        other_client = await login(client, "canbo-9", "demo", **{"X-Forwarded-For": "198.51.100.2"})

    assert spoofed.status_code == 429
    assert limited_client.status_code == 429
    assert other_client.status_code == 200


class HeldStaff(FakeStaff):
    """Holds every password check until released, to overlap logins."""

    def __init__(self) -> None:
        super().__init__()
        self.checking = 0
        self.five_checking = asyncio.Event()
        self.release = asyncio.Event()

    async def authenticate(self, username: str, password: str, context: RequestContext) -> Account | None:
        self.checking += 1
        if self.checking == 5:
            self.five_checking.set()
        await self.release.wait()
        return await super().authenticate(username, password, context)


@pytest.fixture
def staff() -> FakeStaff:
    held = HeldStaff()
    held.release.set()
    return held


async def test_logins_sent_at_once_cannot_outrun_the_limit(gateway: Gateway, staff: HeldStaff) -> None:
    staff.release.clear()
    async with gateway() as client:
        guesses = [asyncio.create_task(login(client, "vanthu-16876", f"guess-{n}")) for n in range(5)]
        await asyncio.wait_for(staff.five_checking.wait(), 5)
        sixth = await asyncio.wait_for(login(client, "vanthu-16876", "demo"), 5)
        staff.release.set()
        answered = await asyncio.wait_for(asyncio.gather(*guesses), 5)

    assert sixth.status_code == 429
    assert [answer.status_code for answer in answered] == [401] * 5
