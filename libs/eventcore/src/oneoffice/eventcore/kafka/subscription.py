"""Kafka subscription through FastStream, with exactly-once effect.

Kafka's own offset commits are never used (``AckPolicy.MANUAL`` and no ack: FastStream's default
``ACK_FIRST`` auto-commits before processing, which is at most once). Instead the consumer's
offsets live in its own database and move in the same transaction as the state they produced
(:class:`~oneoffice.eventcore.applier.BatchApplier`). On partition assignment the consumer seeks to
the stored offsets; messages arrive in batches; a redelivered message changes nothing; a message
that keeps failing goes to ``<topic>.dlq`` after bounded retries, is logged and counted, and its
partition moves on. When the database is unreachable the partitions are rewound to their stored
offsets and retried with backoff, so nothing is skipped.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import structlog
from aiokafka import ConsumerRebalanceListener, TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.kafka.message import KafkaAckableMessage

from ..applier import BatchApplier, Delivery
from ..checkpoints import Checkpoint
from ..relay import POSITION_HEADER
from .producer import EventProducer, OutgoingMessage

log = structlog.get_logger("oneoffice.eventcore.kafka")


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"


class _SeekToStoredOffsets(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, subscription: KafkaSubscription) -> None:
        self._subscription = subscription

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self._subscription._forget(revoked)

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        await self._subscription._seek_to_stored(assigned)


class KafkaSubscription:
    def __init__(
        self,
        broker: KafkaBroker,
        topics: Sequence[str],
        applier: BatchApplier,
        *,
        group_id: str,
        dead_letter_producer: EventProducer | None = None,
        max_records: int = 5000,
        retry_backoff: float = 0.5,
        on_consumed: Callable[[int], None] | None = None,
        on_lag: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self._broker = broker
        self._topics = tuple(topics)
        self._applier = applier
        self._dead_letters = dead_letter_producer
        self._retry_backoff = retry_backoff
        self._on_consumed = on_consumed
        self._on_lag = on_lag
        self._expected: dict[tuple[str, int], Checkpoint | None] = {}
        self._consumer: Any = None
        self._inflight: asyncio.Task[None] | None = None
        self.subscriber = broker.subscriber(
            *self._topics,
            group_id=group_id,
            batch=True,
            max_records=max_records,
            batch_timeout_ms=100,
            # Bigger fetches: aiokafka asks for a partition again only once its last fetch is drained.
            max_partition_fetch_bytes=16 << 20,
            fetch_max_bytes=64 << 20,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL,
            listener=_SeekToStoredOffsets(self),
            parser=self._parse_batch,
            decoder=_keep_records,
        )
        self.subscriber(self._on_batch)
        if dead_letter_producer is not None:
            applier.add_dead_letter_hook(self._publish_dead_letter)

    @property
    def name(self) -> str:
        return self._applier.subscription

    async def _parse_batch(self, records: tuple[Any, ...]) -> KafkaAckableMessage:
        """FastStream's batch parser copies every body and header into dicts; we read the records."""
        first, last = records[0], records[-1]
        return KafkaAckableMessage(
            body=b"",
            headers={},
            batch_headers=[],
            reply_to="",
            content_type=None,
            message_id=f"{first.topic}-{first.partition}-{first.offset}-{last.offset}",
            correlation_id=f"{first.topic}-{first.partition}-{first.offset}",
            raw_message=records,
            path={},
            consumer=self.subscriber.consumer,
        )

    async def _seek_to_stored(self, assigned: set[TopicPartition]) -> None:
        consumer: Any = self.subscriber.consumer
        for tp in assigned:
            stored = (await self._applier.stored_checkpoints(tp.topic)).get(tp.partition)
            self._expected[(tp.topic, tp.partition)] = stored
            if stored is None:
                await consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, stored.next_offset)
        log.info("partitions assigned", subscription=self.name, partitions=sorted(str(tp) for tp in assigned))

    def _forget(self, revoked: set[TopicPartition]) -> None:
        for tp in revoked:
            self._expected.pop((tp.topic, tp.partition), None)

    async def _on_batch(self, message: KafkaMessage) -> None:
        records = message.raw_message if isinstance(message.raw_message, tuple) else (message.raw_message,)
        by_partition: dict[tuple[str, int], list[Delivery]] = defaultdict(list)
        for record in records:
            by_partition[(record.topic, record.partition)].append(delivery_from_record(record))
        # One batch is applied while FastStream fetches and parses the next one (the database works
        # on the other core meanwhile). Batches still apply strictly in order: each waits for the last.
        previous, self._inflight = self._inflight, None
        self._inflight = asyncio.create_task(self._apply_in_order(previous, message.consumer, by_partition))
        if previous is not None:
            await previous

    async def drain(self) -> None:
        """Wait for the batch in flight (call before stopping the broker)."""
        if self._inflight is not None:
            await self._inflight

    async def _apply_in_order(
        self,
        previous: asyncio.Task[None] | None,
        consumer: Any,
        by_partition: dict[tuple[str, int], list[Delivery]],
    ) -> None:
        if previous is not None:
            await previous
        batches = {key: (deliveries, self._expected.get(key)) for key, deliveries in by_partition.items()}
        try:
            outcomes = await self._applier.apply_many(batches, contiguous=True)
        except Exception as exc:
            # Nothing of this batch was stored: go back to the stored offsets and try again later.
            log.warning("could not apply batch; rewinding", subscription=self.name, error=repr(exc))
            for topic, partition in batches:
                await self._rewind(consumer, TopicPartition(topic, partition))
            await asyncio.sleep(self._retry_backoff)
            return
        applied = 0
        for (topic, partition), outcome in outcomes.items():
            tp = TopicPartition(topic, partition)
            if outcome.rewind_to is not None:
                await self._rewind(consumer, tp)
                continue
            self._expected[(topic, partition)] = outcome.checkpoint
            applied += outcome.applied
            if self._on_lag is not None and outcome.checkpoint is not None:
                highwater = consumer.highwater(tp)
                if highwater is not None:
                    self._on_lag(topic, partition, max(0, highwater - outcome.checkpoint.next_offset))
        if self._on_consumed is not None:
            self._on_consumed(applied)

    async def _rewind(self, consumer: Any, tp: TopicPartition) -> None:
        if tp not in consumer.assignment():
            return  # revoked meanwhile: the next owner seeks to the stored offset itself
        try:
            stored = (await self._applier.stored_checkpoints(tp.topic)).get(tp.partition)
        except Exception:
            stored = self._expected.get((tp.topic, tp.partition))
        self._expected[(tp.topic, tp.partition)] = stored
        if stored is None:
            await consumer.seek_to_beginning(tp)
        else:
            consumer.seek(tp, stored.next_offset)

    async def _publish_dead_letter(self, topic: str, partition: int, delivery: Delivery, error: str) -> None:
        assert self._dead_letters is not None
        headers = [
            ("oneoffice-dlq-topic", topic.encode()),
            ("oneoffice-dlq-partition", str(partition).encode()),
            ("oneoffice-dlq-offset", str(delivery.offset).encode()),
            ("oneoffice-dlq-error", error[:1000].encode()),
            ("oneoffice-dlq-subscription", self.name.encode()),
        ]
        message = OutgoingMessage(b"", delivery.data, headers)
        await self._dead_letters.publish(dead_letter_topic(topic), [message])

    async def lag(self) -> dict[tuple[str, int], int]:
        """Per partition: messages in Kafka not yet applied (high watermark − stored next offset)."""
        consumer = self.subscriber.consumer
        result: dict[tuple[str, int], int] = {}
        if consumer is None:
            return result
        assignment = consumer.assignment()
        if not assignment:
            return result
        ends = await consumer.end_offsets(list(assignment))
        for tp, end in ends.items():
            stored = (await self._applier.stored_checkpoints(tp.topic)).get(tp.partition)
            result[(tp.topic, tp.partition)] = max(0, end - (stored.next_offset if stored else 0))
        return result


async def _keep_records(message: Any) -> Any:
    """FastStream's batch decoder re-parses every record and tries JSON on each body; we need neither."""
    return message.raw_message


def delivery_from_record(record: Any) -> Delivery:
    """What the applier needs of one Kafka record (the relay's headers say where it came from)."""
    headers = record.headers or ()
    position = None
    for key, value in headers:
        if key == POSITION_HEADER:
            position = int(value) if value.isdigit() else None
            break
    return Delivery(record.offset, position, record.value or b"", headers)
