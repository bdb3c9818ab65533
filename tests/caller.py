"""Calling a service as the gateway would: the caller's identity, signed with the tests' secret.

``tests/conftest.py`` gives every service and gateway of the tests :data:`TEST_INTERNAL_SECRET`
(through the environment, as a deployment would), so :func:`identity_metadata` is what a service
started by a test trusts. :class:`ActingAs` adds it to every call of a channel that names no caller.
Identities live a minute: sign them when calling (these are functions), never once at import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import grpc

from oneoffice.contracts.access import Identity
from oneoffice.eventcore.caller_identity import IDENTITY_HEADER, IdentityCodec

TEST_INTERNAL_SECRET = "tests-internal-secret-signing-caller-identities"
SERVICE_PREFIXES = ("DOCUMENTS", "STAFF", "REPORTING", "GATEWAY")


def identity_metadata(
    username: str,
    roles: Sequence[str] = (),
    scope: Sequence[str] = (),
    *,
    correlation_id: str | None = None,
    secret: str = TEST_INTERNAL_SECRET,
) -> tuple[tuple[str, str], ...]:
    """The metadata of a call made by ``username`` with ``roles`` over ``scope`` (unit codes)."""
    pair = IdentityCodec(secret).metadata(Identity(username, tuple(roles), tuple(scope)))
    return (pair,) if correlation_id is None else (pair, ("x-correlation-id", correlation_id))


def clerk(commune: str, username: str | None = None) -> tuple[tuple[str, str], ...]:
    return identity_metadata(username or f"vanthu-{commune}", ["clerk"], [commune])


def admin(correlation_id: str | None = None) -> tuple[tuple[str, str], ...]:
    return identity_metadata("quantri", ["admin"], correlation_id=correlation_id)


def gateway() -> tuple[tuple[str, str], ...]:
    """The gateway's own identity (no user yet: logging in, reference data)."""
    return identity_metadata("gateway")


class ActingAs(grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    """Signs every unary call that carries no identity as ``username`` (a channel's default caller)."""

    def __init__(self, username: str, roles: Sequence[str] = (), scope: Sequence[str] = ()) -> None:
        self._identity = (username, tuple(roles), tuple(scope))

    async def intercept_unary_unary(self, continuation: Any, call_details: Any, request: Any) -> Any:
        given = tuple(call_details.metadata or ())
        if not any(key == IDENTITY_HEADER for key, _ in given):
            signed = identity_metadata(*self._identity)
            call_details = call_details._replace(metadata=grpc.aio.Metadata(*given, *signed))
        return await continuation(call_details, request)
