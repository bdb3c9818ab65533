"""``Idempotency-Key`` on every POST (IETF draft "The Idempotency-Key HTTP Header Field").

The same key with the same request (method, path, SHA-256 of the body) replays the first answer,
marked ``Idempotent-Replayed: true``; with another request it is 422; while the first request
still runs it is 409. Keys belong to the bearer token's subject, so no user ever sees another's
answer; a request without a valid token is passed on untouched (its route answers 401) and
nothing is stored. Answers a retry may change (5xx, 401, 408, 409, 425, 429) are not kept.

The token route is excluded: its answer is a token, which is never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..application.idempotency import Claimed, IdempotencyStore, InProgress, KeyReused, Replay, StoredAnswer
from ..application.tokens import InvalidToken, IssuerUnavailable, Tokens
from .asgi_body import read_body, replaying
from .guard_problems import send_guard_problem

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 200
# Answers a retry may change: the client is told to try again.
_NOT_KEPT = frozenset({401, 408, 409, 425, 429})
# The headers of an answer that belong to it (never cookies, dates or tracing).
_REPLAYED_HEADERS = frozenset(
    {
        b"content-type",
        b"content-length",
        b"content-language",
        b"location",
        b"idempotency-key",
        b"etag",
        b"last-modified",
        b"link",
        b"cache-control",
    }
)


class IdempotencyMiddleware:
    def __init__(
        self, app: ASGIApp, *, store: IdempotencyStore, excluded_paths: Collection[str] = ()
    ) -> None:
        self.app = app
        self.store = store
        self.excluded_paths = frozenset(excluded_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] in self.excluded_paths:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        key = headers.get(IDEMPOTENCY_HEADER)
        owner = await _token_subject(scope, headers)
        # A malformed key is the route's to refuse (it validates the header like any other).
        if owner is None or not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            await self.app(scope, receive, send)
            return

        body = await read_body(receive)
        if body is None:  # the client went away
            return
        fingerprint = _fingerprint(scope, body)
        match await self.store.claim(owner, key, fingerprint):
            case Replay(answer):
                await _replay(answer, send)
            case KeyReused():
                await send_guard_problem(scope, receive, send, 422, "idempotency-key-reused")
            case InProgress():
                await send_guard_problem(scope, receive, send, 409, "idempotency-key-in-use")
            case Claimed():
                await self._run(scope, replaying(body, receive), send, owner, key)

    async def _run(self, scope: Scope, receive: Receive, send: Send, owner: str, key: str) -> None:
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        kept = False

        async def send_recorded(message: Message) -> None:
            nonlocal status, kept
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.extend((name.lower(), value) for name, value in message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                # Kept before the last chunk leaves: a retry sent the moment it arrives is a replay.
                if not message.get("more_body", False) and status < 500 and status not in _NOT_KEPT:
                    replayed = tuple((name, value) for name, value in headers if name in _REPLAYED_HEADERS)
                    await self.store.finish(owner, key, StoredAnswer(status, replayed, b"".join(chunks)))
                    kept = True
            await send(message)

        try:
            await self.app(scope, receive, send_recorded)
        finally:
            if not kept:
                await self.store.release(owner, key)


async def _token_subject(scope: Scope, headers: Headers) -> str | None:
    """The user of a valid bearer token (the gateway's or the OIDC issuer's), read without asking
    the staff service; else None."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    tokens: Tokens = scope["app"].state.tokens
    try:
        return (await tokens.verify(token.strip())).username
    except (InvalidToken, IssuerUnavailable):
        return None


def _fingerprint(scope: Scope, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (scope["method"].encode(), scope["path"].encode("utf-8", "surrogateescape"), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def _replay(answer: StoredAnswer, send: Send) -> None:
    headers = [*answer.headers, (REPLAYED_HEADER.lower().encode(), b"true")]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body, "more_body": False})
