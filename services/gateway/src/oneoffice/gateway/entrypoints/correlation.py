"""Correlation ids: taken from ``X-Correlation-Id`` (or made up), kept for the request, sent back.

A pure ASGI middleware (not ``BaseHTTPMiddleware``, which runs the app in another task). Routes read
the id from ``request.state.correlation_id`` and pass it to the services as gRPC metadata.
"""

from __future__ import annotations

import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CORRELATION_HEADER = "X-Correlation-Id"
# What is accepted from a client: short and safe to log and to pass on as metadata.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def new_correlation_id() -> str:
    return uuid.uuid4().hex


class CorrelationIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(CORRELATION_HEADER)
        correlation_id = given if given and _ACCEPTED.fullmatch(given) else new_correlation_id()
        scope.setdefault("state", {})["correlation_id"] = correlation_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[CORRELATION_HEADER] = correlation_id
            await send(message)

        await self.app(scope, receive, send_with_id)
