"""Idempotency keys (IETF draft "The Idempotency-Key HTTP Header Field"): the store port.

A key belongs to its owner (the authenticated user): the same key of two users are two keys. The
first request with a key *claims* it, then *finishes* it with its answer (replayed to every retry
of the same request) or *releases* it when the answer must not be kept (the client may retry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


@dataclass(frozen=True, slots=True)
class Claimed:
    """The key is new: the caller runs the request, then finishes or releases the key."""


@dataclass(frozen=True, slots=True)
class Replay:
    """The same request already has an answer."""

    answer: StoredAnswer


@dataclass(frozen=True, slots=True)
class InProgress:
    """The same request is still running."""


@dataclass(frozen=True, slots=True)
class KeyReused:
    """The key was used for another request (another method, path or body)."""


Claim = Claimed | Replay | InProgress | KeyReused


class IdempotencyStore(Protocol):
    async def claim(self, owner: str, key: str, fingerprint: str) -> Claim:
        """What to do with a request; claims the key when it is new (atomically)."""
        ...

    async def finish(self, owner: str, key: str, answer: StoredAnswer) -> None:
        """Keeps the answer of a claimed key for its retries."""
        ...

    async def release(self, owner: str, key: str) -> None:
        """Forgets a claimed key without an answer: the next request with it runs afresh."""
        ...
