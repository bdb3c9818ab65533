"""A FastStream broker connected in the background, so a service starts while Kafka is away.

``KafkaBroker.start()`` raises ("Unable to bootstrap") when no broker answers. A service must not
exit for that: :class:`BackgroundBroker` tries again after a jittered back-off that doubles up to
``cap`` (:class:`~..backoff.Backoff`), logs each failed try once, and reports the connection to the
service's :class:`~..connections.SourceConnections` (the gRPC health of ``name`` and a gauge).

The back-off every Kafka client of OneOffice shares (:data:`RETRY_BACKOFF_MS`) keeps an outage after
the connection cheap: aiokafka waits ``retry_backoff_ms`` between the retries of its fetcher,
coordinator and sender (its default, 100 ms, retries ten times a second per loop, each failed try
logged, while the broker is away).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable
from typing import Any, Final

import structlog

from ..backoff import Backoff
from ..cancelling import cancel_and_wait, end_if_cancel_requested
from ..connections import SourceConnections

log = structlog.get_logger("oneoffice.eventcore.kafka.connecting")

RETRY_BACKOFF_MS: Final = 1000
"""aiokafka's ``retry_backoff_ms``, for producers, consumers and FastStream brokers alike."""


class BackgroundBroker:
    def __init__(
        self,
        broker: Any,
        name: str,
        *,
        connections: SourceConnections | None = None,
        initial: float = 0.5,
        cap: float = 30.0,
        random_fraction: Callable[[], float] = random.random,
    ) -> None:
        """``broker``: anything with ``async start()``/``stop()`` (a FastStream ``KafkaBroker``)."""
        self.broker = broker
        self.name = name
        self._connections = connections
        self._backoff = Backoff(initial, cap, random_fraction=random_fraction)
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    @property
    def started(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if self._task is None:
            if self._connections is not None:
                self._connections.waiting(self.name)
            self._task = asyncio.create_task(self._connect(), name=f"connect:{self.name}")

    async def _connect(self) -> None:
        while True:
            try:
                await self.broker.start()
            except Exception as exc:
                end_if_cancel_requested(exc)  # stopped while starting: the failed start's error came instead
                delay = self._backoff.failed()
                log.warning(
                    "kafka unavailable; connecting in the background",
                    client=self.name,
                    error=repr(exc),
                    attempts=self._backoff.failures,
                    retry_in=round(delay, 2),
                )
                with contextlib.suppress(Exception):
                    await self.broker.stop()  # what the failed start made, made again next time
                await asyncio.sleep(delay)
            else:
                self._backoff.succeeded()
                self.connected.set()
                if self._connections is not None:
                    self._connections.connected(self.name)
                log.info("kafka connected", client=self.name)
                return

    async def stop(self) -> None:
        """Stop trying, or stop the connected broker."""
        if self._task is not None:
            task, self._task = self._task, None
            await cancel_and_wait(task)
            self.connected.clear()
            await self.broker.stop()
