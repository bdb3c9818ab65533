"""Distributed mode: the staff service's topic followed through FastStream, started in the background.

The broker is connected by a background task that retries with a bounded, jittered back-off
(:class:`~oneoffice.eventcore.kafka.connecting.BackgroundBroker`), so the service starts (and
answers, refusing units it does not know yet) while Kafka is away, as its relay does.
"""

from __future__ import annotations

import asyncio

from faststream.kafka import KafkaBroker

from oneoffice.eventcore.connections import SourceConnections
from oneoffice.eventcore.kafka.connecting import BackgroundBroker
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription


class StaffTopicFollower:
    def __init__(
        self,
        broker: KafkaBroker,
        subscription: KafkaSubscription,
        dead_letter_producer: AiokafkaEventProducer | None = None,
        *,
        connections: SourceConnections | None = None,
        retry_backoff: float = 0.5,
        max_backoff: float = 30.0,
    ) -> None:
        self.broker = broker
        self.subscription = subscription
        self._dead_letter_producer = dead_letter_producer
        self._connection = BackgroundBroker(
            broker, subscription.name, connections=connections, initial=retry_backoff, cap=max_backoff
        )

    @property
    def connected(self) -> asyncio.Event:
        return self._connection.connected

    def start(self) -> None:
        self._connection.start()

    async def stop(self) -> None:
        if self._connection.started:
            await self._connection.stop()
            await self.subscription.drain()  # apply what was fetched before the stop
        if self._dead_letter_producer is not None:
            await self._dead_letter_producer.stop()
