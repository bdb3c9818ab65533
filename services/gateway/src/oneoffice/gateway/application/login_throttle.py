"""Failed logins counted per username and per client address (moving windows, the ``limits`` library).

Only failures count, so a user who types the right password is never slowed; once either window
is full, every login for that username or from that address waits until it frees, even with the
right password (otherwise a guesser would learn the password from the one answer that is not 429).
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string


class LoginThrottle:
    def __init__(self, *, per_username: str, per_address: str, storage_uri: str = "async+memory://") -> None:
        self._per_username: RateLimitItem = parse(per_username)
        self._per_address: RateLimitItem = parse(per_address)
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))

    async def wait_before_login(self, username: str, address: str) -> int | None:
        """Seconds to wait before this login may be tried (for ``Retry-After``), or None: try it now."""
        waits = [
            await self._wait(limit, *identifiers)
            for limit, identifiers in self._windows(username, address)
            if not await self._limiter.test(limit, *identifiers)
        ]
        return max(waits) if waits else None

    async def login_failed(self, username: str, address: str) -> None:
        for limit, identifiers in self._windows(username, address):
            await self._limiter.hit(limit, *identifiers)

    def _windows(self, username: str, address: str) -> list[tuple[RateLimitItem, tuple[str, str]]]:
        windows = [(self._per_address, ("login-address", address))]
        if username:
            windows.append((self._per_username, ("login-username", username.casefold())))
        return windows

    async def _wait(self, limit: RateLimitItem, *identifiers: str) -> int:
        stats = await self._limiter.get_window_stats(limit, *identifiers)
        return max(1, math.ceil(stats.reset_time - time.time()))
