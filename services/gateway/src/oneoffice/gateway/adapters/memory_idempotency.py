"""The idempotency store of one gateway process: in memory, entries expire, least recently used go first.

It is enough while one gateway process serves every request (the embedded mode, a single gateway).
Several gateways behind a load balancer need a store they share (PostgreSQL or Redis: ``claim``
as an insert that fails on an existing (owner, key), ``finish`` as an update, ``release`` as a
delete, expiry by a timestamp column), or a retry that reaches another gateway runs again; the
documents service still deduplicates registrations by key, so numbering stays exactly once even
then. Entries are lost when the process restarts, with the same consequence.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ..application.idempotency import Claim, Claimed, InProgress, KeyReused, Replay, StoredAnswer


@dataclass(slots=True)
class _Entry:
    fingerprint: str
    expires_at: float
    answer: StoredAnswer | None = None


class MemoryIdempotencyStore:
    def __init__(
        self,
        *,
        ttl: float = 24 * 3600.0,
        max_entries: int = 10_000,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._max_entries = max_entries
        self._monotonic = monotonic
        self._entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    async def claim(self, owner: str, key: str, fingerprint: str) -> Claim:
        # No await in here: on one event loop the look-up and the claim are one atomic step.
        now = self._monotonic()
        entry = self._entries.get((owner, key))
        if entry is not None and entry.expires_at <= now:
            del self._entries[(owner, key)]
            entry = None
        if entry is None:
            self._entries[(owner, key)] = _Entry(fingerprint, now + self._ttl)
            self._evict()
            return Claimed()
        self._entries.move_to_end((owner, key))
        if entry.fingerprint != fingerprint:
            return KeyReused()
        if entry.answer is None:
            return InProgress()
        return Replay(entry.answer)

    async def finish(self, owner: str, key: str, answer: StoredAnswer) -> None:
        entry = self._entries.get((owner, key))
        if entry is not None:
            entry.answer = answer

    async def release(self, owner: str, key: str) -> None:
        entry = self._entries.get((owner, key))
        if entry is not None and entry.answer is None:
            del self._entries[(owner, key)]

    def _evict(self) -> None:
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)
