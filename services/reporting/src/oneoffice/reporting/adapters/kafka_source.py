"""Distributed mode: events followed from the documents service's Kafka topic through FastStream."""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription


class KafkaFollower:
    """The broker, its live subscription, and the producer of its dead letters, as one unit.

    Pausing stops the subscription's consumer (it leaves the group); resuming starts a new one,
    which seeks to the checkpoints stored in the database when its partitions are assigned.
    """

    def __init__(
        self,
        broker: KafkaBroker,
        subscription: KafkaSubscription,
        dead_letter_producer: AiokafkaEventProducer | None = None,
    ) -> None:
        self.broker = broker
        self.subscription = subscription
        self._dead_letter_producer = dead_letter_producer
        self._started = False

    async def start(self) -> None:
        if not self._started:
            await self.broker.start()
            self._started = True

    async def stop(self) -> None:
        if self._started:
            self._started = False
            await self.broker.stop()
            await self.subscription.drain()  # apply what was fetched before the stop
        if self._dead_letter_producer is not None:
            await self._dead_letter_producer.stop()

    async def pause(self) -> None:
        if self._started:
            await self.subscription.subscriber.stop()
            await self.subscription.drain()

    async def resume(self) -> None:
        if self._started:
            await self.subscription.subscriber.start()
