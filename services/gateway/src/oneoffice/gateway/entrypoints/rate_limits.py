"""Rate limits on the token route: 429 problem+json with ``Retry-After`` after too many failed logins.

A pure ASGI middleware around ``POST /api/v1/auth/token``: it reads the form's username, asks the
:class:`~..application.login_throttle.LoginThrottle` whether a login may be tried, and counts the
attempt as failed when the route answers 401.

The client address is the socket peer; ``X-Forwarded-For`` is believed only when the peer is one
of the trusted proxies, and then the nearest address not itself a trusted proxy is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..application.login_throttle import LoginThrottle
from .asgi_body import read_body, replaying
from .guard_problems import send_guard_problem

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class LoginRateLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, throttle: LoginThrottle, token_path: str, trusted_proxies: Iterable[str] = ()
    ) -> None:
        self.app = app
        self.throttle = throttle
        self.token_path = token_path
        self.trusted = trusted_networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.token_path:
            await self.app(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:  # the client went away
            return
        username = _form_username(body)
        address = client_address(scope, self.trusted)
        wait = await self.throttle.begin(username, address)
        if wait is not None:
            retry_after = {"Retry-After": str(wait)}
            await send_guard_problem(
                scope, receive, send, 429, "too-many-login-attempts", headers=retry_after, seconds=wait
            )
            return
        ended = False

        async def send_counted(message: Message) -> None:
            nonlocal ended
            # Counted before the answer leaves, so the next attempt already sees it.
            if message["type"] == "http.response.start":
                ended = True
                await self.throttle.end(username, address, failed=message["status"] == 401)
            await send(message)

        try:
            await self.app(scope, replaying(body, receive), send_counted)
        finally:
            if not ended:
                await self.throttle.end(username, address, failed=False)


def trusted_networks(proxies: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def client_address(scope: Scope, trusted: tuple[Network, ...]) -> str:
    peer = (scope.get("client") or ("unknown", 0))[0]
    if not trusted or not _is_trusted(peer, trusted):
        return str(peer)
    hops = Headers(scope=scope).get("x-forwarded-for", "").split(",")
    for hop in reversed([hop.strip() for hop in hops if hop.strip()]):
        if not _is_trusted(hop, trusted):
            return hop
    return str(peer)


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def _form_username(body: bytes) -> str:
    form = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    return form.get("username", "").strip()
