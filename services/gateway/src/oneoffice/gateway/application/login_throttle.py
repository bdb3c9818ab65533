"""Failed logins counted per username and per client address (moving windows, the ``limits`` library).

Only failures count, so a user who types the right password is never slowed; once either window
is full, every login for that username or from that address waits until it frees, even with the
right password (otherwise a guesser would learn the password from the one answer that is not 429).
The counters live in the ``limits`` storage named by a URI (memory: one gateway; Redis or Memcached
to share them between gateways); the logins still running are counted in this process.
"""

from __future__ import annotations

import math
import time
from collections import Counter

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string


class LoginThrottle:
    def __init__(self, *, per_username: str, per_address: str, storage_uri: str = "async+memory://") -> None:
        self._per_username: RateLimitItem = parse(per_username)
        self._per_address: RateLimitItem = parse(per_address)
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        # Logins still being checked, per window: each may yet fail, so each takes a place now
        # (else many attempts sent at once would all pass before the first failure counts).
        self._running: Counter[tuple[str, ...]] = Counter()

    async def begin(self, username: str, address: str) -> int | None:
        """Seconds to wait before this login may be tried (for ``Retry-After``); None: it is being
        tried now, and :meth:`end` must follow."""
        waits = [
            await self._wait(limit, *window)
            for limit, window in self._windows(username, address)
            if not await self._limiter.test(limit, *window, cost=self._running[window] + 1)
        ]
        if waits:
            return max(waits)
        for _, window in self._windows(username, address):
            self._running[window] += 1
        return None

    async def end(self, username: str, address: str, *, failed: bool) -> None:
        for limit, window in self._windows(username, address):
            self._running[window] -= 1
            if self._running[window] <= 0:
                del self._running[window]
            if failed:
                await self._limiter.hit(limit, *window)

    def _windows(self, username: str, address: str) -> list[tuple[RateLimitItem, tuple[str, str]]]:
        windows = [(self._per_address, ("login-address", address))]
        if username:
            windows.append((self._per_username, ("login-username", username.casefold())))
        return windows

    async def _wait(self, limit: RateLimitItem, *window: str) -> int:
        stats = await self._limiter.get_window_stats(limit, *window)
        return max(1, math.ceil(stats.reset_time - time.time()))
