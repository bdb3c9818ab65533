"""Applies a batch of delivered events to a consumer's state, exactly once in effect.

Shared by the Kafka subscription and the catch-up subscription on an event store. For one
(subscription, source, partition) it opens a transaction, locks the checkpoint row, drops what was
already applied (redelivered offsets, and events a relay published twice), lets the handler apply
the rest, stores the new checkpoint, and commits: state and checkpoint change together or not at all.

A batch the handler rejects is retried event by event; an event that keeps failing (bounded
attempts) is a poison event: it is recorded in ``dead_letters`` and skipped, in the same transaction
that moves the checkpoint past it, and reported through ``on_dead_letter`` (a Kafka subscription
also publishes it to the dead-letter topic). Database outages are not poison: they propagate, and
the caller rewinds to the stored checkpoint and tries again later.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import structlog
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from . import checkpoints
from .checkpoints import Checkpoint
from .clock import Clock, SystemClock
from .envelope import StoredEvent, decode
from .handlers import EventHandler
from .schema import dead_letters

log = structlog.get_logger("oneoffice.eventcore.applier")


class Delivery(NamedTuple):
    """One delivered message: where it sits in its source, and its stored envelope bytes.

    A named tuple: one is built per consumed message, and that must cost next to nothing.
    """

    offset: int
    # Position in the producing store; None when the message does not say (it is then not deduplicated).
    source_position: int | None
    data: bytes
    # The message's headers as delivered; read only when the event is dead-lettered.
    headers: Sequence[tuple[str, bytes]] = ()

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key == name:
                return bytes(value).decode(errors="replace")
        return None

    @property
    def event_id(self) -> str | None:
        return self.header("oneoffice-event-id")

    @property
    def event_type(self) -> str | None:
        return self.header("oneoffice-event-type")


@dataclass(slots=True)
class BatchOutcome:
    applied: int = 0
    skipped: int = 0
    dead_lettered: list[tuple[Delivery, str]] = field(default_factory=list)
    # Set when the stored checkpoint moved under us (a projection rebuild): re-read from here.
    rewind_to: int | None = None
    checkpoint: Checkpoint | None = None


DeadLetterHook = Callable[[str, int, Delivery, str], Awaitable[None]]
"""Called with (source, partition, delivery, error) before a poison event is skipped."""


def is_infrastructure_error(exc: BaseException) -> bool:
    """Errors that say nothing about the event: never dead-letter because of them."""
    if isinstance(exc, OperationalError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


class BatchApplier:
    def __init__(
        self,
        engine: AsyncEngine,
        subscription: str,
        handler: EventHandler,
        *,
        clock: Clock | None = None,
        max_attempts: int = 3,
        retry_delay: float = 0.05,
        on_dead_letter: DeadLetterHook | None = None,
        wait_for_disk: bool = False,
    ) -> None:
        self.engine = engine
        # A consumer's state is derived from the log and moves with its checkpoint in one
        # transaction, so its commits need not wait for the disk: a crash may forget the newest
        # batches, state and checkpoint together, and they are applied again from the log.
        self._relaxed_commit = not wait_for_disk
        self.subscription = subscription
        self._handler = handler
        self._clock = clock or SystemClock()
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay
        self._dead_letter_hooks: list[DeadLetterHook] = [on_dead_letter] if on_dead_letter else []

    def add_dead_letter_hook(self, hook: DeadLetterHook) -> None:
        self._dead_letter_hooks.append(hook)

    async def stored_checkpoints(self, source: str) -> dict[int, Checkpoint]:
        async with self.engine.connect() as conn:
            return await checkpoints.load_all(conn, self.subscription, source)

    async def apply(
        self,
        source: str,
        partition: int,
        deliveries: Sequence[Delivery],
        *,
        expected: Checkpoint | None,
    ) -> BatchOutcome:
        """Apply ``deliveries`` (ascending offsets of one partition).

        ``expected`` is the checkpoint this subscriber last committed or read for the partition;
        when the stored one differs, someone else moved it and nothing is applied.
        """
        outcomes = await self.apply_many({(source, partition): (deliveries, expected)})
        return outcomes[(source, partition)]

    async def apply_many(
        self,
        batches: Mapping[tuple[str, int], tuple[Sequence[Delivery], Checkpoint | None]],
        *,
        contiguous: bool = False,
    ) -> dict[tuple[str, int], BatchOutcome]:
        """Apply the deliveries of several partitions in one transaction (the fast path).

        ``contiguous``: offsets have no holes (a Kafka topic written without transactions), so a
        batch starting past the expected offset follows a rewind this subscriber has not caught
        up with yet: it is refused as a rewind instead of applied over the hole.
        When the handler rejects the whole, each partition is retried on its own, event by event.
        """
        try:
            return await self._apply_partitions(batches, contiguous=contiguous)
        except Exception as exc:
            if is_infrastructure_error(exc):
                raise
            log.warning(
                "batch rejected, retrying event by event",
                subscription=self.subscription,
                partitions=sorted(f"{s}/{p}" for s, p in batches),
                error=repr(exc),
            )
        results: dict[tuple[str, int], BatchOutcome] = {}
        for (source, partition), (deliveries, expected) in batches.items():
            results[(source, partition)] = await self._apply_one_by_one(
                source, partition, deliveries, expected
            )
        return results

    async def _apply_one_by_one(
        self, source: str, partition: int, deliveries: Sequence[Delivery], expected: Checkpoint | None
    ) -> BatchOutcome:
        outcome = BatchOutcome(checkpoint=expected)
        for delivery in deliveries:
            one = await self._apply_one_with_retries(source, partition, delivery, expected)
            if one.rewind_to is not None:
                one.applied += outcome.applied
                return one
            outcome.applied += one.applied
            outcome.skipped += one.skipped
            outcome.dead_lettered += one.dead_lettered
            outcome.checkpoint = expected = one.checkpoint
        return outcome

    async def _apply_one_with_retries(
        self, source: str, partition: int, delivery: Delivery, expected: Checkpoint | None
    ) -> BatchOutcome:
        error = ""
        for attempt in range(1, self._max_attempts + 1):
            try:
                return await self._apply_all(source, partition, [delivery], expected)
            except Exception as exc:
                if is_infrastructure_error(exc):
                    raise
                error = f"{type(exc).__name__}: {exc}"
                log.warning(
                    "event rejected",
                    subscription=self.subscription,
                    source=source,
                    partition=partition,
                    offset=delivery.offset,
                    attempt=attempt,
                    error=error,
                )
                if attempt < self._max_attempts:
                    await asyncio.sleep(self._retry_delay * attempt)
        return await self._dead_letter(source, partition, delivery, expected, error)

    async def _apply_all(
        self, source: str, partition: int, deliveries: Sequence[Delivery], expected: Checkpoint | None
    ) -> BatchOutcome:
        outcomes = await self._apply_partitions({(source, partition): (deliveries, expected)})
        return outcomes[(source, partition)]

    async def _apply_partitions(
        self,
        batches: Mapping[tuple[str, int], tuple[Sequence[Delivery], Checkpoint | None]],
        *,
        contiguous: bool = False,
    ) -> dict[tuple[str, int], BatchOutcome]:
        outcomes: dict[tuple[str, int], BatchOutcome] = {}
        fresh: list[StoredEvent] = []
        updates: dict[tuple[str, int], Checkpoint] = {}
        async with self.engine.begin() as conn:
            if self._relaxed_commit and conn.dialect.name == "postgresql":
                await conn.exec_driver_sql("SET LOCAL synchronous_commit TO off")
            stored_all = await checkpoints.load_many(
                conn, self.subscription, {source for source, _ in batches}, for_update=True
            )
            for key, (deliveries, expected) in batches.items():
                outcome = outcomes[key] = BatchOutcome()
                stored = stored_all.get(key)
                if expected is not None and stored != expected:
                    outcome.rewind_to = stored.next_offset if stored else 0
                    outcome.checkpoint = stored
                    continue
                if (
                    contiguous
                    and stored is not None
                    and deliveries
                    and deliveries[0].offset > stored.next_offset
                ):
                    outcome.rewind_to = stored.next_offset
                    outcome.checkpoint = stored
                    continue
                current = stored or Checkpoint(next_offset=0, source_position=0)
                next_offset, source_position = current.next_offset, current.source_position
                for delivery in deliveries:
                    position = delivery.source_position
                    if delivery.offset < next_offset or (
                        position is not None and position <= source_position
                    ):
                        outcome.skipped += 1
                    else:
                        fresh.append((position or 0, delivery.data))
                        outcome.applied += 1
                        if position is not None and position > source_position:
                            source_position = position
                    if delivery.offset >= next_offset:
                        next_offset = delivery.offset + 1
                outcome.checkpoint = Checkpoint(next_offset, source_position)
                if outcome.checkpoint != current:
                    updates[key] = outcome.checkpoint
            if fresh:
                handle_stored = getattr(self._handler, "handle_stored", None)
                if handle_stored is not None:
                    await handle_stored(conn, fresh)
                else:
                    await self._handler.handle(conn, [decode(e) for e in fresh])
            if updates:
                await checkpoints.save_many(conn, self.subscription, updates, set(stored_all), self._clock)
        return outcomes

    async def _dead_letter(
        self, source: str, partition: int, delivery: Delivery, expected: Checkpoint | None, error: str
    ) -> BatchOutcome:
        for hook in self._dead_letter_hooks:
            await hook(source, partition, delivery, error)
        outcome = BatchOutcome()
        async with self.engine.begin() as conn:
            stored = await checkpoints.load(conn, self.subscription, source, partition, for_update=True)
            if expected is not None and stored != expected:
                outcome.rewind_to = stored.next_offset if stored else 0
                outcome.checkpoint = stored
                return outcome
            await _record_dead_letter(
                conn, self.subscription, source, partition, delivery, error, self._clock
            )
            current = stored or Checkpoint(0, 0)
            outcome.checkpoint = Checkpoint(
                max(current.next_offset, delivery.offset + 1),
                max(current.source_position, delivery.source_position or 0),
            )
            await checkpoints.save(
                conn,
                self.subscription,
                source,
                partition,
                outcome.checkpoint,
                self._clock,
                existed=stored is not None,
            )
        outcome.dead_lettered.append((delivery, error))
        log.error(
            "event dead-lettered",
            subscription=self.subscription,
            source=source,
            partition=partition,
            offset=delivery.offset,
            event_id=delivery.event_id,
            error=error,
        )
        return outcome


async def _record_dead_letter(
    conn: AsyncConnection,
    subscription: str,
    source: str,
    partition: int,
    delivery: Delivery,
    error: str,
    clock: Clock,
) -> None:
    await conn.execute(
        dead_letters.insert().values(
            subscription=subscription,
            source=source,
            partition=partition,
            offset=delivery.offset,
            event_id=delivery.event_id,
            event_type=delivery.event_type,
            error=error[:4000],
            data=delivery.data,
            recorded_at=clock.now(),
        )
    )
