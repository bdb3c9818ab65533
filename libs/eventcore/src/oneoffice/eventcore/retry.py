"""Retrying a load → decide → save step when another writer moved the stream in between.

Optimistic concurrency makes a conflict an ordinary outcome: the step reloads the aggregate, decides
again on what is now there, and appends again. The attempts are bounded and spaced by a jittered,
growing back-off, so writers that collided once do not collide again in lock step.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from .errors import ConcurrencyConflict

T = TypeVar("T")

GiveUp = Callable[[str, int], Exception]
"""Builds the error raised when every attempt met a conflict, from (stream id, attempts)."""


async def retry_on_conflict(
    attempt: Callable[[], Awaitable[T]],
    *,
    attempts: int = 5,
    delay: float = 0.005,
    give_up: GiveUp | None = None,
) -> T:
    """Run ``attempt`` until it ends without :class:`ConcurrencyConflict`, at most ``attempts`` times.

    Before try ``n + 1`` it waits a random time up to ``delay * n`` seconds. When the last try meets a
    conflict too, raises ``give_up(stream_id, attempts)`` (or the conflict itself without one).
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for n in range(1, attempts + 1):
        try:
            return await attempt()
        except ConcurrencyConflict as conflict:
            if n == attempts:
                if give_up is None:
                    raise
                raise give_up(conflict.stream_id, attempts) from conflict
        await asyncio.sleep(random.uniform(0, delay * n))
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
