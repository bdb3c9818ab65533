"""The gateway app over a fake ServiceHealth, driven in-process through ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .fakes import FakeServiceHealth

ClientFor = Callable[[FakeServiceHealth], AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def client_for() -> ClientFor:
    @asynccontextmanager
    async def open_client(health: FakeServiceHealth) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(Settings(), health_port=health)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            yield client

    return open_client
