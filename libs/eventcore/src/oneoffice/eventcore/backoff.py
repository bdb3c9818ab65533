"""How long a loop waits before trying again: exponential, capped, jittered.

Every loop that retries something that is away (Kafka, the database, a broker to connect to) waits
by one rule, so an outage costs little CPU and many replicas do not retry in lock step: the delay
doubles from ``initial`` up to ``cap``, and each wait is drawn between half of it and all of it
("equal jitter", which never waits less than half the nominal delay).
"""

from __future__ import annotations

import random
from collections.abc import Callable


class Backoff:
    def __init__(
        self,
        initial: float,
        cap: float,
        *,
        factor: float = 2.0,
        random_fraction: Callable[[], float] = random.random,
    ) -> None:
        self.initial = initial
        self.cap = max(cap, initial)
        self._factor = factor
        self._random = random_fraction
        self.failures = 0

    @property
    def nominal(self) -> float:
        """The delay before jitter for the failures counted so far (``initial`` after none)."""
        exponent = max(0, self.failures - 1)
        return min(self.initial * self._factor ** min(exponent, 64), self.cap)

    def failed(self) -> float:
        """Count one more failure; how long to wait before the next try."""
        self.failures += 1
        nominal = self.nominal
        return nominal / 2 + self._random() * nominal / 2

    def succeeded(self) -> None:
        """Back to the first delay."""
        self.failures = 0
