"""Kafka subscription through FastStream, with exactly-once effect.

Kafka's own offset commits are never used (``AckPolicy.MANUAL`` and no ack: FastStream's default
``ACK_FIRST`` auto-commits before processing, which is at most once). Instead the consumer's
offsets live in its own database and move in the same transaction as the state they produced
(:class:`~oneoffice.eventcore.applier.BatchApplier`). On partition assignment the consumer seeks to
the stored offsets; messages arrive in batches; a redelivered message changes nothing; a message
proven bad (see :mod:`..applier`) goes to ``<topic>.dlq`` once its dead letter is committed, and its
partition moves on. Any other failure (the database away, a deadlock, a failover, a handler's bug)
rewinds the partitions to their stored offsets and retries after a jittered back-off that doubles up
to ``max_backoff``, counted by reason, so nothing is skipped. A :class:`~..errors.SubscriptionMustHalt`
stops the subscription: its partitions are paused, nothing more is applied or committed, it logs
once and calls ``on_halt`` (the service's health turns NOT_SERVING) until an operator restarts it.

Seek targets: each partition's next batch must start where the subscription last sought it or
applied up to (the stored next offset, or the partition's beginning offset when it has no
checkpoint). A batch that starts elsewhere was fetched before a seek, or Kafka reset the position
past events never applied: it is refused and the partition sought again. When the target lies
below the partition's beginning offset, retention deleted events this subscription never applied:
it halts (:class:`~oneoffice.eventcore.continuity.RetentionLoss`) instead of looping. This is checked
when partitions are assigned, when a batch is refused, and every ``retention_check_interval`` seconds
while partitions stay assigned: when retention deletes every event a subscription has yet to apply
(it was retrying, or slow), Kafka moves the position past them and no batch ever comes to be refused.

Fetching and applying overlap: FastStream's consume loop queues each batch and goes on fetching,
while one worker applies everything queued so far in one transaction (a group commit), in order.
The queue is bounded: when it is full, the consume loop waits for the worker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Sequence
from itertools import groupby
from operator import attrgetter
from typing import Any, cast

import structlog
from aiokafka import ConsumerRebalanceListener, TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker, Topic
from faststream.kafka.message import KafkaAckableMessage

from ..applier import BatchApplier, Deliveries, Delivery
from ..backoff import Backoff
from ..cancelling import end_if_cancel_requested
from ..checkpoints import Checkpoint
from ..continuity import RetentionLoss, retention_loss
from ..db_errors import describe, transient_reason
from ..errors import SubscriptionMustHalt
from ..halting import OnHalt
from ..relay import EPOCH_HEADER, HASH_HEADER, POSITION_HEADER, PREV_HASH_HEADER
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
        # Records per batch FastStream hands over: its per-batch cost is spread over more events.
        # (With the collector's young generation at its tuned size (gc_tuning), a batch's records are
        # freed before a collection carries them into older generations.) Transactions are as big as
        # the queue lets them grow.
        max_records: int = 2000,
        max_queued: int = 20_000,
        fetch_max_wait_ms: int = 100,
        retry_backoff: float = 0.5,
        max_backoff: float = 30.0,
        on_consumed: Callable[[int], None] | None = None,
        on_lag: Callable[[str, int, int], None] | None = None,
        on_retry: Callable[[str], None] | None = None,
        on_halt: OnHalt | None = None,
        retention_check_interval: float = 60.0,
    ) -> None:
        self._broker = broker
        self._topics = tuple(topics)
        self._applier = applier
        self._dead_letters = dead_letter_producer
        self._backoff_delays = Backoff(retry_backoff, max_backoff)
        self._on_consumed = on_consumed
        self._on_lag = on_lag
        self._on_retry = on_retry
        self._on_halt = on_halt
        # Set once a SubscriptionMustHalt stopped this subscription: nothing is applied any more.
        self.halted: SubscriptionMustHalt | None = None
        self._expected: dict[tuple[str, int], Checkpoint | None] = {}
        # Where each partition's next batch must start (see the module's docstring).
        self._targets: dict[tuple[str, int], int] = {}
        # Fetched but not yet applied, per partition, in offset order.
        self._queue: dict[tuple[str, int], list[Deliveries]] = {}
        self._queued = 0
        self._max_queued = max_queued
        self._room = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._retention_check_interval = retention_check_interval
        self._retention_watch: asyncio.Task[None] | None = None
        self.subscriber = broker.subscriber(
            # declare=False: FastStream would create a missing topic itself, with one partition; the
            # broker creates it on first use with its own partition count.
            *(Topic(topic, declare=False) for topic in self._topics),
            group_id=group_id,
            batch=True,
            max_records=max_records,
            batch_timeout_ms=100,
            # Bigger fetches: aiokafka asks for a partition again only once its last fetch is drained.
            max_partition_fetch_bytes=16 << 20,
            fetch_max_bytes=64 << 20,
            # aiokafka keeps one fetch in flight per broker: a long poll on caught-up partitions holds
            # back the fetch of those still behind (and new events on others), so it is kept short.
            fetch_max_wait_ms=fetch_max_wait_ms,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL,
            listener=_SeekToStoredOffsets(self),
            parser=self._parse_batch,
            decoder=_keep_records,
        )
        self.subscriber(self._on_records)
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

    async def _stored(self, tps: Collection[TopicPartition]) -> dict[str, dict[int, Checkpoint]]:
        """The stored checkpoints of the topics of ``tps``: one query per topic."""
        return {topic: await self._applier.stored_checkpoints(topic) for topic in {tp.topic for tp in tps}}

    def _seek(self, consumer: Any, tp: TopicPartition, stored: Checkpoint | None, beginning: int) -> None:
        """Seek to the stored next offset, or to ``beginning`` for a partition without a checkpoint."""
        key = (tp.topic, tp.partition)
        self._expected[key] = stored
        self._targets[key] = target = stored.next_offset if stored else beginning
        # Below the beginning (retention), Kafka resets to the earliest offset (auto_offset_reset):
        # that batch does not start at the target and is refused with RetentionLoss.
        consumer.seek(tp, target)
        self._drop_queued(key)  # fetched before the seek: read again

    async def _beginnings(self, consumer: Any, tps: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        return dict(await consumer.beginning_offsets(list(tps))) if tps else {}

    async def _seek_to_stored(self, assigned: set[TopicPartition]) -> None:
        consumer: Any = self.subscriber.consumer
        # Read every checkpoint first, then seek every partition at once: aiokafka already fetches
        # the assigned partitions meanwhile, and what it fetches from elsewhere is thrown away.
        if self.halted is not None:
            consumer.pause(*assigned)
            return
        stored = await self._stored(assigned)
        # Every partition's beginning: the target of one without a checkpoint, and the check that
        # retention has not deleted events a stored checkpoint has yet to apply. (Checked here too,
        # not only when a batch arrives: retention may have left nothing to fetch.)
        beginnings = await self._beginnings(consumer, assigned)
        for tp in assigned:
            self._seek(consumer, tp, stored[tp.topic].get(tp.partition), beginnings.get(tp, 0))
        log.info("partitions assigned", subscription=self.name, partitions=sorted(str(tp) for tp in assigned))
        if not self._check_retention(consumer, beginnings) and (
            self._retention_watch is None or self._retention_watch.done()
        ):
            self._retention_watch = asyncio.create_task(
                self._watch_retention(), name=f"retention-watch:{self.name}"
            )

    def _retention_loss(self, beginnings: dict[TopicPartition, int]) -> RetentionLoss | None:
        """The loss of the first partition (in order) that now begins past its seek target, if any."""
        for tp, beginning in sorted(beginnings.items()):
            target = self._targets.get((tp.topic, tp.partition))
            if target is not None and target < beginning:
                return retention_loss(self.name, tp.topic, tp.partition, target, beginning)
        return None

    def _check_retention(self, consumer: Any, beginnings: dict[TopicPartition, int]) -> bool:
        """Halt (and return True) when a partition now begins past its seek target."""
        lost = self._retention_loss(beginnings)
        if lost is not None:
            self._halt(consumer, lost)
        return lost is not None

    async def _watch_retention(self) -> None:
        """While partitions stay assigned: compare their beginnings with the seek targets now and then.

        Ends when the subscription halts or its consumer is stopped (:meth:`drain` cancels it too).
        """
        while self.halted is None:
            await asyncio.sleep(self._retention_check_interval)
            consumer: Any = self.subscriber.consumer
            if consumer is None or self.halted is not None:
                return
            if self._applying():
                continue  # what is fetched may be the very events retention deleted since: not lost
            watched = [tp for tp in consumer.assignment() if (tp.topic, tp.partition) in self._targets]
            try:
                beginnings = await self._beginnings(consumer, watched)
            except Exception as exc:  # Kafka away: the next round asks again
                end_if_cancel_requested(exc)  # stopped meanwhile: the error came in the cancel's place
                log.warning("retention check failed", subscription=self.name, error=describe(exc))
                continue
            if not self._applying():  # no await from here on: the targets are the applied ones
                self._check_retention(consumer, beginnings)

    def _applying(self) -> bool:
        return bool(self._queue) or (self._worker is not None and not self._worker.done())

    def _forget(self, revoked: set[TopicPartition]) -> None:
        for tp in revoked:
            self._expected.pop((tp.topic, tp.partition), None)
            self._targets.pop((tp.topic, tp.partition), None)
            self._drop_queued((tp.topic, tp.partition))

    async def _on_records(self, records: Any) -> None:
        """FastStream's handler. It takes the message's body, the records (see :func:`_keep_records`):
        a parameter for the message itself would be injected from FastDepends' context, which hands
        every batch to a worker thread and back."""
        await self._on_batch(records, self.subscriber.consumer)

    async def _on_batch(self, records: Sequence[Any], consumer: Any) -> None:
        if self.halted is not None or not records:
            return  # fetched before the pause took effect: dropped, never applied
        first, last = records[0], records[-1]
        # A batch holds each partition's records in one run (aiokafka returns them per partition),
        # so a batch whose ends are of one partition is all of it (the usual case).
        if first.partition == last.partition and first.topic == last.topic:
            self._enqueue((first.topic, first.partition), deliveries_from_records(records))
        else:
            for key, run in groupby(records, _topic_partition):
                self._enqueue(key, deliveries_from_records(list(run)))
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._apply_queued(consumer))
        while self._queued >= self._max_queued:
            self._room.clear()
            await self._room.wait()

    def _enqueue(self, key: tuple[str, int], deliveries: Deliveries) -> None:
        queue = self._queue.setdefault(key, [])
        if queue and queue[-1].offsets[-1] + 1 != deliveries.offsets[0]:
            # Not the continuation of what is queued: the partition was sought since (a rewind), and
            # what is queued was fetched before the seek.
            self._drop_queued(key)
            queue = self._queue.setdefault(key, [])
        queue.append(deliveries)
        self._queued += len(deliveries)

    def _drop_queued(self, key: tuple[str, int]) -> None:
        self._queued -= sum(len(deliveries) for deliveries in self._queue.pop(key, ()))
        self._room.set()

    async def drain(self) -> None:
        """Wait until everything fetched so far is applied (call after stopping the consumer)."""
        if self._retention_watch is not None:
            self._retention_watch.cancel()
        while self._worker is not None and not self._worker.done():
            await asyncio.wait([self._worker])

    async def _apply_queued(self, consumer: Any) -> None:
        """The worker: applies what is queued, all partitions in one transaction, until the queue is empty."""
        while self._queue and self.halted is None:
            queue, self._queue, self._queued = self._queue, {}, 0
            self._room.set()
            batches = {key: Deliveries.concat(parts) for key, parts in queue.items()}
            try:
                await self._apply(consumer, batches)
            except SubscriptionMustHalt as exc:
                self._halt(consumer, exc)
                return
            except Exception as exc:
                # Nothing of the failed part was stored: go back to the stored offsets, read again later.
                delay = self._backoff(exc)
                await self._rewind(
                    consumer, [TopicPartition(topic, partition) for topic, partition in batches]
                )
                await asyncio.sleep(delay)
            else:
                self._backoff_delays.succeeded()

    def _backoff(self, exc: Exception) -> float:
        """Report a failed transaction; how long to wait before reading again (doubling, capped)."""
        reason = transient_reason(exc)
        delay = self._backoff_delays.failed()  # jittered: replicas do not retry in lock step
        fields = {"subscription": self.name, "error": describe(exc), "retry_in": delay}
        if reason is None:  # not the database: a handler failed on an event it was not proven bad
            reason = "handler"
            log.error("handler failed; rewinding", **fields)
        else:
            log.warning("database unavailable; rewinding", reason=reason, **fields)
        if self._on_retry is not None:
            self._on_retry(reason)
        return delay

    def _halt(self, consumer: Any, exc: SubscriptionMustHalt) -> None:
        """Stop for good: no more fetching, applying or committing; raise the alarm once."""
        self.halted = exc
        consumer.pause(*consumer.assignment())
        for key in list(self._queue):
            self._drop_queued(key)
        log.error("subscription halted", subscription=self.name, reason=exc.reason, detail=str(exc))
        if self._on_halt is not None:
            self._on_halt(exc.reason)

    async def _apply(self, consumer: Any, by_partition: dict[tuple[str, int], Deliveries]) -> None:
        targets = self._targets
        refused = [
            key for key, deliveries in by_partition.items() if deliveries.offsets[0] != targets.get(key)
        ]
        if refused:
            await self._refuse(consumer, {key: by_partition.pop(key) for key in refused})
        batches = {key: (deliveries, self._expected.get(key)) for key, deliveries in by_partition.items()}
        outcomes = await self._applier.apply_many(batches, contiguous=True) if batches else {}
        applied = 0
        moved: list[TopicPartition] = []
        for (topic, partition), outcome in outcomes.items():
            tp = TopicPartition(topic, partition)
            if outcome.rewind_to is not None:
                moved.append(tp)
                continue
            self._expected[(topic, partition)] = outcome.checkpoint
            if outcome.checkpoint is not None:
                targets[(topic, partition)] = outcome.checkpoint.next_offset
            applied += outcome.applied
            if self._on_lag is not None and outcome.checkpoint is not None and tp in consumer.assignment():
                highwater = consumer.highwater(tp)
                if highwater is not None:
                    self._on_lag(topic, partition, max(0, highwater - outcome.checkpoint.next_offset))
        if moved:
            await self._rewind(consumer, moved)
        if self._on_consumed is not None:
            self._on_consumed(applied)

    async def _refuse(self, consumer: Any, batches: dict[tuple[str, int], Deliveries]) -> None:
        """Batches that do not start at their partition's seek target: seek again, apply nothing.

        Raises RetentionLoss when the partition now begins past the target.
        """
        late = [
            TopicPartition(*key) for key, d in batches.items() if d.offsets[0] > self._targets.get(key, -1)
        ]
        lost = self._retention_loss(await self._beginnings(consumer, late) if late else {})
        if lost is not None:
            raise lost
        log.warning(
            "batch does not start at its seek target; seeking again",
            subscription=self.name,
            batches={f"{t}/{p}": [d.offsets[0], self._targets.get((t, p))] for (t, p), d in batches.items()},
        )
        await self._rewind(consumer, [TopicPartition(*key) for key in batches])

    async def _rewind(self, consumer: Any, tps: Collection[TopicPartition]) -> None:
        """Seek ``tps`` back to their stored checkpoints (the last known ones if the database is away)."""
        try:
            stored: dict[str, dict[int, Checkpoint]] | None = await self._stored(tps)
        except Exception:
            stored = None
        known = stored or {}
        try:
            beginnings = await self._beginnings(
                consumer, [tp for tp in tps if tp.partition not in known.get(tp.topic, {})]
            )
        except Exception:
            beginnings = {}
        assignment = consumer.assignment()  # no await from here on
        for tp in tps:
            key = (tp.topic, tp.partition)
            if tp not in assignment:
                self._drop_queued(key)  # revoked meanwhile: the next owner seeks to the stored offset
            else:
                checkpoint = stored[tp.topic].get(tp.partition) if stored else self._expected.get(key)
                self._seek(consumer, tp, checkpoint, beginnings.get(tp, self._targets.get(key, 0)))

    async def _publish_dead_letter(self, topic: str, partition: int, delivery: Delivery, error: str) -> None:
        assert self._dead_letters is not None
        headers = [
            ("oneoffice-dlq-topic", topic.encode()),
            ("oneoffice-dlq-partition", str(partition).encode()),
            ("oneoffice-dlq-offset", str(delivery.offset).encode()),
            ("oneoffice-dlq-error", error[:1000].encode()),  # ids and error classes only
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
        stored = await self._stored(ends)
        for tp, end in ends.items():
            checkpoint = stored[tp.topic].get(tp.partition)
            result[(tp.topic, tp.partition)] = max(0, end - (checkpoint.next_offset if checkpoint else 0))
        return result


async def _keep_records(message: Any) -> Any:
    """FastStream's batch decoder re-parses every record and tries JSON on each body; we need neither."""
    return message.raw_message


_topic_partition = attrgetter("topic", "partition")


def position_header(headers: Sequence[tuple[str, bytes]] | None) -> int | None:
    """The producing store's position, from the relay's header (None when absent or malformed)."""
    for key, value in headers or ():
        if key == POSITION_HEADER:
            return int(value) if value.isdigit() else None
    return None


_offset = attrgetter("offset")
_value = attrgetter("value")
_headers = attrgetter("headers")
_key = attrgetter("key")


def epoch_header(headers: Sequence[tuple[str, bytes]] | None) -> bytes | None:
    """The producing store's epoch, from the relay's header (None when absent)."""
    for key, value in headers or ():
        if key == EPOCH_HEADER:
            return value
    return None


def deliveries_from_records(records: Sequence[Any]) -> Deliveries:
    """What the applier needs of a run of Kafka records of one partition, column by column.

    The relay writes the position header first, the epoch second, the event's own hash third and the
    hash it links to fourth, so they are read by index: in one pass over the records when every one
    of them starts so (:func:`_relayed`, the usual case: each record is visited once, while it is
    still in the CPU's caches), else record by record with a search for the position and epoch of
    messages spelled otherwise (:func:`_searched`). Its record key is the event's commune id, taken
    as it is when the hash header is there.
    """
    return _relayed(records) or _searched(records)


def _relayed(records: Sequence[Any]) -> Deliveries | None:
    """One row per record, then the columns; None unless every record starts with the relay's four
    headers and a numeric position."""
    rows = [
        (r.offset, r.value, int(h[0][1]), h[1][1], h[2][1], h[3][1], r.key)
        if len(h := r.headers) > 3
        and h[0][0] == POSITION_HEADER
        and h[1][0] == EPOCH_HEADER
        and h[2][0] == HASH_HEADER
        and h[3][0] == PREV_HASH_HEADER
        and h[0][1].isdigit()
        else None
        for r in records
    ]
    if not rows or None in rows:
        return None
    offsets, datas, positions, epochs, hashes, prevs, communes = zip(*rows, strict=True)
    return _columns(offsets, datas, list(positions), epochs, hashes, prevs, communes)


def _searched(records: Sequence[Any]) -> Deliveries:
    """Record by record: each header read at its index, the position and epoch searched for elsewhere."""
    headers = list(map(_headers, records))
    hashes = [h[2][1] if len(h) > 2 and h[2][0] == HASH_HEADER else None for h in headers]
    return _columns(
        list(map(_offset, records)),
        list(map(_value, records)),
        [
            int(h[0][1]) if h and h[0][0] == POSITION_HEADER and h[0][1].isdigit() else position_header(h)
            for h in headers
        ],
        [h[1][1] if len(h) > 1 and h[1][0] == EPOCH_HEADER else epoch_header(h) for h in headers],
        hashes,
        [h[3][1] if len(h) > 3 and h[3][0] == PREV_HASH_HEADER else None for h in headers],
        list(map(_key, records)) if any(hashes) else (),
    )


def _columns(
    offsets: Sequence[int],
    datas: Sequence[bytes | None],
    positions: Sequence[int | None],
    epochs: Sequence[bytes | None],
    hashes: Sequence[bytes | None],
    prevs: Sequence[bytes | None],
    communes: Sequence[bytes | None],
) -> Deliveries:
    """The deliveries of a run's columns as its headers say them (None: not said)."""
    if None in datas:  # tombstones carry no value
        datas = [data or b"" for data in datas]
    # One epoch per store: decode each distinct value once.
    texts: dict[bytes | None, str | None] = {e: e.decode() if e else None for e in set(epochs)}
    with_hashes = any(hashes)
    return Deliveries(
        offsets=offsets,
        positions=positions,
        datas=cast("Sequence[bytes]", datas),  # no None: replaced above
        epochs=list(map(texts.__getitem__, epochs)) if any(texts.values()) else (),
        hashes=hashes if with_hashes else (),
        communes=communes if with_hashes else (),
        prevs=prevs if with_hashes and any(prevs) else (),
    )
