"""The Kafka subscription's queue between fetching and applying (group commit, bounded, seek-aware).

The applier and the consumer are hand-written fakes; FastStream's broker is built but never started.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import anyio.to_thread
from aiokafka import TopicPartition
from faststream.kafka import KafkaBroker, TestKafkaBroker

from oneoffice.eventcore.applier import BatchOutcome, Deliveries, Delivery
from oneoffice.eventcore.backoff import Backoff
from oneoffice.eventcore.checkpoints import Checkpoint
from oneoffice.eventcore.kafka.subscription import KafkaSubscription

TOPIC = "documents.events.v1"


@dataclass
class Record:
    partition: int
    offset: int
    topic: str = TOPIC

    @property
    def value(self) -> bytes:
        return f"event {self.partition}/{self.offset}".encode()

    @property
    def headers(self) -> tuple[tuple[str, bytes], ...]:
        return (("oneoffice-position", str(1000 * (self.partition + 1) + self.offset).encode()),)


@dataclass
class FakeConsumer:
    partitions: set[TopicPartition] = field(default_factory=set)
    seeks: list[tuple[TopicPartition, int]] = field(default_factory=list)

    def assignment(self) -> set[TopicPartition]:
        return self.partitions

    def seek(self, tp: TopicPartition, offset: int) -> None:
        self.seeks.append((tp, offset))

    def highwater(self, tp: TopicPartition) -> int | None:
        return None

    async def beginning_offsets(self, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
        return dict.fromkeys(tps, 0)


class FakeApplier:
    """Records each transaction's batches; holds each one until released."""

    subscription = "fake"

    def __init__(self) -> None:
        self.transactions: list[dict[int, list[int]]] = []
        self.gate = asyncio.Event()
        self.entered = asyncio.Event()
        self.stored: dict[int, Checkpoint] = {}

    def add_dead_letter_hook(self, hook: Any) -> None:
        pass

    async def stored_checkpoints(self, source: str) -> dict[int, Checkpoint]:
        return dict(self.stored)

    async def apply_many(
        self,
        batches: Mapping[tuple[str, int], tuple[Sequence[Delivery], Checkpoint | None]],
        *,
        contiguous: bool = False,
    ) -> dict[tuple[str, int], BatchOutcome]:
        assert contiguous
        self.transactions.append({p: [d.offset for d in ds] for (_, p), (ds, _) in batches.items()})
        self.entered.set()
        await self.gate.wait()
        outcomes = {}
        for key, (deliveries, _) in batches.items():
            columns = Deliveries.of(deliveries)
            checkpoint = Checkpoint(columns.offsets[-1] + 1, columns.positions[-1] or 0)
            self.stored[key[1]] = checkpoint
            outcomes[key] = BatchOutcome(applied=len(columns), checkpoint=checkpoint)
        return outcomes


def records(partition: int, first: int, count: int) -> tuple[Record, ...]:
    return tuple(Record(partition, offset) for offset in range(first, first + count))


def subscription(
    applier: FakeApplier, consumed: list[int], max_queued: int = 100, targets: dict[int, int] | None = None
) -> KafkaSubscription:
    broker = KafkaBroker("127.0.0.1:9", logger=None)
    sub = KafkaSubscription(
        broker,
        [TOPIC],
        applier,  # type: ignore[arg-type]
        group_id="g",
        max_records=10,
        max_queued=max_queued,
        on_consumed=consumed.append,
    )
    # Where the partitions were sought on assignment (their seek targets).
    for partition, offset in (targets or {0: 0, 1: 0}).items():
        sub._targets[(TOPIC, partition)] = offset
    return sub


async def test_batches_fetched_while_one_is_applied_are_applied_together_in_order() -> None:
    applier, consumed, consumer = FakeApplier(), [], FakeConsumer()
    sub = subscription(applier, consumed)
    await sub._on_batch(records(0, 0, 3), consumer)
    await applier.entered.wait()  # the worker holds the first transaction open
    await sub._on_batch(records(0, 3, 2) + records(1, 0, 2), consumer)
    await sub._on_batch(records(0, 5, 1), consumer)
    applier.gate.set()
    await sub.drain()
    assert applier.transactions == [{0: [0, 1, 2]}, {0: [3, 4, 5], 1: [0, 1]}]
    assert consumed == [3, 5]


async def test_a_full_queue_holds_the_consume_loop_until_the_worker_takes_it() -> None:
    applier, consumed, consumer = FakeApplier(), [], FakeConsumer()
    sub = subscription(applier, consumed, max_queued=4)
    await sub._on_batch(records(0, 0, 2), consumer)
    await applier.entered.wait()
    await sub._on_batch(records(0, 2, 2), consumer)
    held = asyncio.create_task(sub._on_batch(records(0, 4, 2), consumer))
    await asyncio.sleep(0.01)
    assert not held.done(), "six messages queued, four allowed: the consume loop must wait"
    applier.gate.set()
    await asyncio.wait_for(held, 1)
    await sub.drain()
    assert [offset for t in applier.transactions for offset in t[0]] == list(range(6))


async def test_what_was_queued_before_a_seek_is_dropped_when_the_partition_starts_over() -> None:
    applier, consumed, consumer = FakeApplier(), [], FakeConsumer()
    sub = subscription(applier, consumed, targets={0: 8, 1: 0})
    await sub._on_batch(records(1, 0, 2), consumer)
    await applier.entered.wait()
    await sub._on_batch(records(0, 10, 3), consumer)
    # The partition was sought back (a rewind): Kafka delivers from offset 8 again.
    await sub._on_batch(records(0, 8, 5), consumer)
    applier.gate.set()
    await sub.drain()
    assert applier.transactions == [{1: [0, 1]}, {0: [8, 9, 10, 11, 12]}]


async def test_a_failed_transaction_rewinds_to_the_stored_offsets_and_drops_what_followed() -> None:
    applier, consumed, consumer = FakeApplier(), [], FakeConsumer({TopicPartition(TOPIC, 0)})
    applier.stored[0] = Checkpoint(next_offset=20, source_position=1019)
    failures = iter([RuntimeError("database away")])
    apply_many = applier.apply_many

    async def failing_once(*args: Any, **kwargs: Any) -> dict[tuple[str, int], BatchOutcome]:
        for error in failures:
            applier.entered.set()
            await applier.gate.wait()
            raise error
        return await apply_many(*args, **kwargs)

    applier.apply_many = failing_once  # type: ignore[method-assign]
    sub = subscription(applier, consumed, targets={0: 20})
    sub._backoff_delays = Backoff(0, 0)
    await sub._on_batch(records(0, 20, 3), consumer)
    await applier.entered.wait()
    await sub._on_batch(records(0, 23, 2), consumer)
    applier.gate.set()
    await sub.drain()
    assert consumer.seeks == [(TopicPartition(TOPIC, 0), 20)]
    assert applier.transactions == [], "the batch queued after the failed one was read before the seek"
    assert consumed == []


async def test_a_batch_reaches_the_subscription_without_a_hop_through_a_worker_thread() -> None:
    """FastStream injects a handler's message parameter from its context in a worker thread, once
    per batch; the subscription takes the batch's records as the body instead."""
    applier, consumed = FakeApplier(), []
    applier.gate.set()
    sub = subscription(applier, consumed, targets={0: 0})
    hops: list[Any] = []
    run_sync = anyio.to_thread.run_sync

    async def counted(*args: Any, **kwargs: Any) -> Any:
        hops.append(args)
        return await run_sync(*args, **kwargs)

    with mock.patch.object(anyio.to_thread, "run_sync", counted):
        async with TestKafkaBroker(sub._broker) as broker:
            await broker.publish_batch(b"a", b"b", topic=TOPIC, partition=0)
            await sub.drain()
    assert [list(t) for t in applier.transactions] == [[0]], "the batch was applied to partition 0"
    assert hops == []
