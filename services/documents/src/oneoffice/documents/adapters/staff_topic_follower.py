"""Distributed mode: the staff service's topic followed through FastStream, started in the background.

The broker is connected by a background task that retries with a growing back-off, so the service
starts (and answers, refusing units it does not know yet) while Kafka is away, as its relay does.
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from faststream.kafka import KafkaBroker

from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription

log = structlog.get_logger("oneoffice.documents.staff_topic")


class StaffTopicFollower:
    def __init__(
        self,
        broker: KafkaBroker,
        subscription: KafkaSubscription,
        dead_letter_producer: AiokafkaEventProducer | None = None,
        *,
        retry_backoff: float = 0.5,
        max_backoff: float = 30.0,
    ) -> None:
        self.broker = broker
        self.subscription = subscription
        self._dead_letter_producer = dead_letter_producer
        self._retry_backoff = retry_backoff
        self._max_backoff = max_backoff
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._connect(), name=f"subscription:{self.subscription.name}")

    async def _connect(self) -> None:
        delay = self._retry_backoff
        while True:
            try:
                await self.broker.start()
            except Exception as exc:
                log.warning(
                    "kafka unavailable; retrying", subscription=self.subscription.name, error=repr(exc)
                )
                with contextlib.suppress(Exception):
                    await self.broker.stop()  # what the failed start made, made again next time
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_backoff)
            else:
                self.connected.set()
                return

    async def stop(self) -> None:
        if self._task is not None:
            task, self._task = self._task, None
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self.broker.stop()
            await self.subscription.drain()  # apply what was fetched before the stop
        if self._dead_letter_producer is not None:
            await self._dead_letter_producer.stop()
