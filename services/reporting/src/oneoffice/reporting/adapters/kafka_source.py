"""Distributed mode: events followed from the documents service's Kafka topic through FastStream."""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from oneoffice.eventcore.connections import SourceConnections
from oneoffice.eventcore.kafka.connecting import BackgroundBroker
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription


class KafkaFollower:
    """The broker, its live subscription, and the producer of its dead letters, as one unit.

    Starting returns at once: the broker connects in the background, retrying with a bounded back-off
    while Kafka is away, so the service serves its register from its database meanwhile (and
    reports the subscription NOT_SERVING on gRPC health through ``connections``).

    Pausing stops the subscription's consumer (it leaves the group); resuming starts a new one,
    which seeks to the checkpoints stored in the database when its partitions are assigned.
    """

    def __init__(
        self,
        broker: KafkaBroker,
        subscription: KafkaSubscription,
        dead_letter_producer: AiokafkaEventProducer | None = None,
        *,
        connections: SourceConnections | None = None,
    ) -> None:
        self.broker = broker
        self.subscription = subscription
        self._dead_letter_producer = dead_letter_producer
        self._connection = BackgroundBroker(broker, subscription.name, connections=connections)

    async def start(self) -> None:
        self._connection.start()

    async def stop(self) -> None:
        if self._connection.started:
            await self._connection.stop()
            await self.subscription.drain()  # apply what was fetched before the stop
        if self._dead_letter_producer is not None:
            await self._dead_letter_producer.stop()

    async def pause(self) -> None:
        if self._connection.started:
            # A rebuild has just replayed the topic: Kafka is there, the connection follows shortly.
            await self._connection.connected.wait()
            await self.subscription.subscriber.stop()
            await self.subscription.drain()

    async def resume(self) -> None:
        if self._connection.connected.is_set():
            await self.subscription.subscriber.start()
