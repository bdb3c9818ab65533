"""Request bodies capped: 413 problem+json beyond ``max_body_size`` bytes.

A declared ``Content-Length`` over the cap is refused before anything is read; a body without one
(chunked) is counted while it streams in, and refused as soon as it passes the cap. A pure ASGI
middleware, so the app never holds more than the cap of one request in memory.

Routes that take files (attachments) have a larger cap of their own: ``larger`` pairs a path
pattern with its cap, for POST requests to matching paths only.

FastAPI 0.165 has a ``max_body_size`` of its own; it answers outside the app's exception handlers,
so not as the problem+json (Vietnamese first) every other refusal is — hence this middleware.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .guard_problems import guard_problem, send_guard_problem

KIND = "content-too-large"
# The connection serves no further request (the rest of a large body is dropped, not parsed).
CLOSE = {"Connection": "close"}
# A body at most this many times the cap is read to its end (and dropped) before the 413 is sent;
# beyond, the connection is closed at once.
DRAIN_FACTOR = 2


class ContentTooLarge(HTTPException):
    """Raised from ``receive`` when the body passes the cap.

    An :class:`HTTPException`, so FastAPI re-raises it while parsing a body instead of turning it
    into a 400, and the problem handlers answer it if the middleware cannot.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413)
        self.limit = limit


async def content_too_large_handler(request: Request, exc: Exception) -> Response:
    """The same answer when a route, reading the body, meets the cap."""
    assert isinstance(exc, ContentTooLarge)
    return guard_problem(request.scope, 413, KIND, headers=CLOSE, limit=exc.limit)


class BodySizeLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, max_body_size: int, larger: Sequence[tuple[re.Pattern[str], int]] = ()
    ) -> None:
        self.app = app
        self.max_body_size = max_body_size
        self.larger = tuple(larger)

    def cap_for(self, scope: Scope) -> int:
        if scope.get("method") == "POST":
            for pattern, cap in self.larger:
                if pattern.fullmatch(scope["path"]):
                    return cap
        return self.max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap_for(scope)
        declared = _content_length(scope)
        if declared is not None and declared > cap:
            if declared <= DRAIN_FACTOR * cap:
                await _drain(receive, DRAIN_FACTOR * cap)
            await self._refuse(scope, receive, send, cap)
            return

        received = 0
        started = False
        # Past the cap and not yet read to its end: the rest is drained before the answer leaves.
        unread = False

        async def receive_capped() -> Message:
            nonlocal received, unread
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    unread = bool(message.get("more_body", False))
                    raise ContentTooLarge(cap)
            return message

        async def send_tracked(message: Message) -> None:
            nonlocal started, unread
            if message["type"] == "http.response.start":
                started = True
                if unread:  # a route met the cap and answered itself
                    unread = False
                    await _drain(receive, DRAIN_FACTOR * cap - received)
            await send(message)

        try:
            await self.app(scope, receive_capped, send_tracked)
        except ContentTooLarge:
            if started:
                raise
            if unread:
                await _drain(receive, DRAIN_FACTOR * cap - received)
            await self._refuse(scope, receive, send, cap)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        await send_guard_problem(scope, receive, send, 413, KIND, headers=CLOSE, limit=cap)


async def _drain(receive: Receive, budget: int) -> None:
    """Read and drop the rest of the body, up to ``budget`` bytes.

    A client that sends its whole body before reading the answer (curl, httpx, most browsers on a
    file upload) would otherwise meet a connection reset, which loses the 413 it was sent.
    """
    drained = 0
    while drained <= budget:
        message = await receive()
        if message["type"] != "http.request":
            return
        drained += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
