"""Applies a batch of delivered events to a consumer's state, exactly once in effect.

Shared by the Kafka subscription and the catch-up subscription on an event store. For one
(subscription, source, partition) it opens a transaction, locks the checkpoint row, drops what was
already applied (redelivered offsets, and events a relay published twice), lets the handler apply
the rest, stores the new checkpoint, and commits: state and checkpoint change together or not at all.

A batch the handler rejects is retried event by event. Only an event that is proven bad becomes a
dead letter: its envelope cannot be read, its type is unknown, its payload fails validation, or the
handler raised :class:`~.handlers.PoisonEvent`. It is recorded in ``dead_letters`` in the same
transaction that moves the checkpoint past it, and reported through ``on_dead_letter`` hooks (a Kafka
subscription publishes it to the dead-letter topic) only after that transaction committed.

Every other failure says nothing about the event (a deadlock, a lock timeout, a failover, a bug in
a handler): it propagates, and the caller rewinds to the stored checkpoint, waits and tries again
(see :mod:`.db_errors`). A :class:`~.errors.SubscriptionMustHalt` propagates too, with nothing
applied; so does the breaker's, raised when too many dead letters come in a row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from operator import lt
from typing import NamedTuple, TypeVar, cast, overload

import orjson
import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from . import checkpoints, continuity
from .checkpoints import Checkpoint
from .clock import Clock, SystemClock
from .database import write_locking
from .db_errors import describe, is_transient, reconnect_when_read_only
from .envelope import StoredEvent, decode
from .errors import SubscriptionMustHalt
from .events import UnknownEventType
from .handlers import EventHandler, PoisonEvent
from .schema import dead_letters

log = structlog.get_logger("oneoffice.eventcore.applier")
T = TypeVar("T")


class Delivery(NamedTuple):
    """One delivered message: where it sits in its source, and its stored envelope bytes."""

    offset: int
    # Position in the producing store; None when the message does not say (it is then not deduplicated).
    source_position: int | None
    data: bytes
    # The producing store's epoch, when the source says (see :mod:`.continuity`).
    epoch: str | None = None

    def envelope_field(self, name: str) -> str | None:
        """A top-level field of the envelope, for reports on a dead letter (None if unreadable)."""
        try:
            value = orjson.loads(self.data).get(name)
        except (orjson.JSONDecodeError, AttributeError):
            return None
        return value if isinstance(value, str) else None

    @property
    def event_id(self) -> str | None:
        return self.envelope_field("event_id")

    @property
    def event_type(self) -> str | None:
        return self.envelope_field("event_type")


@dataclass(frozen=True, slots=True)
class StoredEvents(Sequence[StoredEvent]):
    """Events to apply, as two columns: a handler iterates ``(position, data)`` pairs as usual.

    The pairs are made on the fly and dropped at once, so a big batch does not hold one more live
    object per event (which would make Python's garbage collector run more often and longer).
    """

    positions: Sequence[int]
    datas: Sequence[bytes]

    def __len__(self) -> int:
        return len(self.datas)

    @overload
    def __getitem__(self, index: int) -> StoredEvent: ...
    @overload
    def __getitem__(self, index: slice) -> StoredEvents: ...
    def __getitem__(self, index: int | slice) -> StoredEvent | StoredEvents:
        if isinstance(index, slice):
            return StoredEvents(self.positions[index], self.datas[index])
        return (self.positions[index], self.datas[index])

    def __iter__(self) -> Iterator[StoredEvent]:
        return zip(self.positions, self.datas, strict=True)


@dataclass(frozen=True, slots=True)
class Deliveries(Sequence[Delivery]):
    """The messages of one partition in delivery order, held column by column.

    A source builds the columns once per batch (a list comprehension each) instead of one object
    per message, and the applier checks a whole batch at once when nothing in it was seen before.
    Nothing else of a message is kept (no Kafka headers; the relay's hash and commune are kept as
    bytes): a queued batch then holds no object the garbage collector has to visit. Indexing and
    iteration still give :class:`Delivery` items.
    """

    offsets: Sequence[int]
    positions: Sequence[int | None]
    datas: Sequence[bytes]
    # The producing store's epoch of each message (None: not said); empty when the source says none.
    epochs: Sequence[str | None] = ()
    # Each event's own hash (sha256 hex, as the store keeps it), commune id and prev_hash, as the relay
    # sent them (None: not said, read from the envelope then); empty when the source says none.
    hashes: Sequence[bytes | None] = ()
    communes: Sequence[bytes | None] = ()
    prevs: Sequence[bytes | None] = ()

    @classmethod
    def of(cls, deliveries: Iterable[Delivery]) -> Deliveries:
        if isinstance(deliveries, Deliveries):
            return deliveries
        items = list(deliveries)
        epochs = [d.epoch for d in items]
        return cls(
            offsets=[d.offset for d in items],
            positions=[d.source_position for d in items],
            datas=[d.data for d in items],
            epochs=epochs if any(epochs) else (),
        )

    @classmethod
    def concat(cls, parts: Sequence[Deliveries]) -> Deliveries:
        """One batch of consecutive runs of the same partition."""
        if len(parts) == 1:
            return parts[0]
        return cls(
            offsets=list(chain.from_iterable(part.offsets for part in parts)),
            positions=list(chain.from_iterable(part.positions for part in parts)),
            datas=list(chain.from_iterable(part.datas for part in parts)),
            epochs=_joined([part.epochs for part in parts], parts),
            hashes=_joined([part.hashes for part in parts], parts),
            communes=_joined([part.communes for part in parts], parts),
            prevs=_joined([part.prevs for part in parts], parts),
        )

    @classmethod
    def from_store(cls, page: Sequence[StoredEvent], epoch: str | None = None) -> Deliveries:
        """A page read from an event store of ``epoch``: the offset is the store position."""
        positions = [position for position, _ in page]
        return cls(
            offsets=positions,
            positions=positions,
            datas=[data for _, data in page],
            epochs=[epoch] * len(page) if epoch else (),
        )

    def __len__(self) -> int:
        return len(self.offsets)

    @overload
    def __getitem__(self, index: int) -> Delivery: ...
    @overload
    def __getitem__(self, index: slice) -> Deliveries: ...
    def __getitem__(self, index: int | slice) -> Delivery | Deliveries:
        epochs = self.epochs
        if isinstance(index, slice):
            return Deliveries(
                self.offsets[index],
                self.positions[index],
                self.datas[index],
                epochs[index] if epochs else (),
                self.hashes[index] if self.hashes else (),
                self.communes[index] if self.communes else (),
                self.prevs[index] if self.prevs else (),
            )
        return Delivery(
            self.offsets[index], self.positions[index], self.datas[index], epochs[index] if epochs else None
        )

    def __iter__(self) -> Iterator[Delivery]:
        if self.epochs:
            return map(Delivery, self.offsets, self.positions, self.datas, self.epochs)
        return map(Delivery, self.offsets, self.positions, self.datas)

    def consecutive(self) -> bool:
        """For rising offsets: True when they follow each other without a hole."""
        offsets = self.offsets
        return offsets[-1] - offsets[0] == len(offsets) - 1

    def all_fresh_after(self, checkpoint: Checkpoint) -> bool:
        """True when every message lies past ``checkpoint`` (the usual case), checked in C loops.

        Offsets and source positions must both rise strictly from the checkpoint on; a batch with a
        redelivered offset, a republished position or a message without a position takes the
        message-by-message path instead.
        """
        offsets = self.offsets
        if not offsets or offsets[0] < checkpoint.next_offset or None in self.positions:
            return False
        positions = cast("Sequence[int]", self.positions)  # no None: checked above
        return (
            positions[0] > checkpoint.source_position
            and all(map(lt, offsets, islice(offsets, 1, None)))
            and all(map(lt, positions, islice(positions, 1, None)))
        )


def _joined(columns: list[Sequence[T | None]], parts: Sequence[Deliveries]) -> Sequence[T | None]:
    """One optional column of several parts: empty when no part has it, else padded with None."""
    if not any(columns):
        return ()
    unsaid: list[T | None] = [None]
    return list(chain.from_iterable(c or unsaid * len(p) for c, p in zip(columns, parts, strict=True)))


@dataclass(slots=True)
class BatchOutcome:
    applied: int = 0
    skipped: int = 0
    dead_lettered: list[tuple[Delivery, str]] = field(default_factory=list)
    # Set when the stored checkpoint moved under us (a projection rebuild): re-read from here.
    rewind_to: int | None = None
    checkpoint: Checkpoint | None = None


DeadLetterHook = Callable[[str, int, Delivery, str], Awaitable[None]]
"""Called with (source, partition, delivery, error) once a dead letter has been committed."""


def is_infrastructure_error(exc: BaseException) -> bool:
    """Errors that say nothing about the event: never dead-letter because of them."""
    return is_transient(exc)


class DeadLetterBreakerOpen(SubscriptionMustHalt):
    """Too many dead letters in a row: something is wrong beyond single events; stop, do not drain."""

    reason = "breaker"


def poison_verdict(exc: BaseException, delivery: Delivery) -> str | None:
    """What makes ``delivery`` a dead letter, given that applying it alone raised ``exc`` (None: not proven).

    Ids and error classes only: never an exception's message, which may quote the payload. The one
    exception is :class:`PoisonEvent`, whose message is the handler's own verdict (ids only, by contract).
    """
    if isinstance(exc, PoisonEvent):
        return f"PoisonEvent: {exc}"
    if isinstance(exc, ValidationError):
        fields = sorted({".".join(str(part) for part in error["loc"]) for error in exc.errors()})
        return f"ValidationError: {', '.join(fields)}"[:1000]
    if isinstance(exc, UnknownEventType):
        return "UnknownEventType"
    if is_transient(exc):
        return None
    try:
        decode((delivery.source_position or 0, delivery.data))
    except Exception as unreadable:
        return f"UnreadableEnvelope: {type(unreadable).__name__}"
    return None


class BatchApplier:
    def __init__(
        self,
        engine: AsyncEngine,
        subscription: str,
        handler: EventHandler,
        *,
        clock: Clock | None = None,
        on_dead_letter: DeadLetterHook | None = None,
        wait_for_disk: bool = False,
        breaker_threshold: int = 5,
        # No longer used: a proven poison event is dead-lettered at once, anything else is retried by
        # the caller after a back-off. Accepted so that existing callers keep working.
        max_attempts: int = 3,
        retry_delay: float = 0.05,
    ) -> None:
        self.engine = engine
        # SQLite: transactions take the write lock as they open (BEGIN IMMEDIATE); a deferred one
        # fails with "database is locked" at its first write if an append committed after its read.
        self._writer = write_locking(engine)
        reconnect_when_read_only(engine)
        # A consumer's state is derived from the log and moves with its checkpoint in one
        # transaction, so its commits need not wait for the disk: a crash may forget the newest
        # batches, state and checkpoint together, and they are applied again from the log.
        self._relaxed_commit = not wait_for_disk
        self.subscription = subscription
        self._handler = handler
        self._clock = clock or SystemClock()
        # After this many dead letters in a row, the next poison event halts the subscription.
        self._breaker_threshold = breaker_threshold
        self._dead_in_a_row = 0
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
        except SubscriptionMustHalt:
            raise
        except Exception as exc:
            if is_transient(exc):
                raise
            log.warning(
                "batch rejected, retrying event by event",
                subscription=self.subscription,
                partitions=sorted(f"{s}/{p}" for s, p in batches),
                error=describe(exc),
            )
        results: dict[tuple[str, int], BatchOutcome] = {}
        for (source, partition), (deliveries, expected) in batches.items():
            results[(source, partition)] = await self._apply_one_by_one(
                source, partition, deliveries, expected, contiguous
            )
        return results

    async def _apply_one_by_one(
        self,
        source: str,
        partition: int,
        deliveries: Sequence[Delivery],
        expected: Checkpoint | None,
        contiguous: bool = False,
    ) -> BatchOutcome:
        outcome = BatchOutcome(checkpoint=expected)
        for delivery in deliveries:
            one = await self._apply_one_with_retries(source, partition, delivery, expected, contiguous)
            if one.rewind_to is not None:
                one.applied += outcome.applied
                return one
            outcome.applied += one.applied
            outcome.skipped += one.skipped
            outcome.dead_lettered += one.dead_lettered
            outcome.checkpoint = expected = one.checkpoint
        return outcome

    async def _apply_one_with_retries(
        self,
        source: str,
        partition: int,
        delivery: Delivery,
        expected: Checkpoint | None,
        contiguous: bool = False,
    ) -> BatchOutcome:
        try:
            return await self._apply_all(source, partition, [delivery], expected, contiguous)
        except SubscriptionMustHalt:
            raise
        except Exception as exc:
            verdict = poison_verdict(exc, delivery)
            if verdict is None:
                raise  # not proven bad: the caller rewinds, waits and tries again
        return await self._dead_letter(source, partition, delivery, expected, verdict)

    async def _apply_all(
        self,
        source: str,
        partition: int,
        deliveries: Sequence[Delivery],
        expected: Checkpoint | None,
        contiguous: bool = False,
    ) -> BatchOutcome:
        outcomes = await self._apply_partitions(
            {(source, partition): (deliveries, expected)}, contiguous=contiguous
        )
        return outcomes[(source, partition)]

    async def _apply_partitions(
        self,
        batches: Mapping[tuple[str, int], tuple[Sequence[Delivery], Checkpoint | None]],
        *,
        contiguous: bool = False,
    ) -> dict[tuple[str, int], BatchOutcome]:
        outcomes: dict[tuple[str, int], BatchOutcome] = {}
        # The events to apply, as columns (see StoredEvents).
        positions: list[int] = []
        datas: list[bytes] = []
        relayed = _Relayed()
        updates: dict[tuple[str, int], Checkpoint] = {}
        segments: list[continuity.Segment] = []
        async with self._writer.begin() as conn:
            if self._relaxed_commit and conn.dialect.name == "postgresql":
                await conn.exec_driver_sql("SET LOCAL synchronous_commit TO off")
            stored_all = await checkpoints.load_many(conn, self.subscription, batches.keys(), for_update=True)
            for key, (deliveries, expected) in batches.items():
                outcome = outcomes[key] = BatchOutcome()
                stored = stored_all.get(key)
                if expected is not None and stored != expected:
                    outcome.rewind_to = stored.next_offset if stored else 0
                    outcome.checkpoint = stored
                    continue
                columns = Deliveries.of(deliveries)
                if contiguous and stored is not None and columns and columns.offsets[0] > stored.next_offset:
                    outcome.rewind_to = stored.next_offset
                    outcome.checkpoint = stored
                    continue
                current = stored or Checkpoint(next_offset=0, source_position=0)
                epoch = continuity.check_epoch(self.subscription, *key, current.epoch, columns.epochs)
                start = len(datas)
                checked = contiguous and stored is not None
                if columns.all_fresh_after(current) and (not checked or columns.consecutive()):
                    positions.extend(cast("Sequence[int]", columns.positions))  # no None: checked
                    datas.extend(columns.datas)
                    if columns.hashes and columns.communes:
                        relayed.extend(start, columns)
                    outcome.applied = len(columns)
                    last_position = columns.positions[-1]
                    assert last_position is not None
                    outcome.checkpoint = Checkpoint(
                        columns.offsets[-1] + 1, last_position, epoch, current.chain_checked
                    )
                else:
                    sifted = _sift(columns, current, outcome, positions, datas, relayed, checked)
                    if sifted is None:  # a hole in the offsets: refused as a rewind
                        outcome.rewind_to, outcome.checkpoint = current.next_offset, stored
                        continue
                    outcome.checkpoint = replace(sifted, epoch=epoch)
                if len(datas) > start:
                    segments.append(continuity.Segment(*key, start, len(datas), current.chain_checked))
                if outcome.checkpoint != current:
                    updates[key] = outcome.checkpoint
            if segments:
                await continuity.check_and_advance(
                    conn, self.subscription, segments, positions, datas, *relayed.columns()
                )
            if datas:
                fresh = StoredEvents(positions, datas)
                handle_stored = getattr(self._handler, "handle_stored", None)
                if handle_stored is not None:
                    await handle_stored(conn, fresh)
                else:
                    await self._handler.handle(conn, [decode(e) for e in fresh])
            if updates:
                await checkpoints.save_many(conn, self.subscription, updates, set(stored_all), self._clock)
        if datas and self._dead_in_a_row:
            self._dead_in_a_row = 0
        return outcomes

    async def _dead_letter(
        self, source: str, partition: int, delivery: Delivery, expected: Checkpoint | None, error: str
    ) -> BatchOutcome:
        if self._dead_in_a_row >= self._breaker_threshold:
            raise DeadLetterBreakerOpen(
                f"{self._dead_in_a_row} dead letters in a row on {self.subscription}; halted before "
                f"{source}/{partition} offset {delivery.offset} (event {delivery.event_id})"
            )
        outcome = BatchOutcome()
        async with self._writer.begin() as conn:
            stored = await checkpoints.load(conn, self.subscription, source, partition, for_update=True)
            if expected is not None and stored != expected:
                outcome.rewind_to = stored.next_offset if stored else 0
                outcome.checkpoint = stored
                return outcome
            await _record_dead_letter(
                conn, self.subscription, source, partition, delivery, error, self._clock
            )
            current = stored or Checkpoint(0, 0)
            outcome.checkpoint = replace(
                current,
                next_offset=max(current.next_offset, delivery.offset + 1),
                source_position=max(current.source_position, delivery.source_position or 0),
                epoch=current.epoch or delivery.epoch,
            )
            # Accounted for, though not applied: the next event of its commune follows it.
            await continuity.record_head(conn, self.subscription, source, delivery.data)
            await checkpoints.save(
                conn,
                self.subscription,
                source,
                partition,
                outcome.checkpoint,
                self._clock,
                existed=stored is not None,
            )
        self._dead_in_a_row += 1
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
        # Only now: the dead_letters row is the record; a failed report does not undo it.
        for hook in self._dead_letter_hooks:
            try:
                await hook(source, partition, delivery, error)
            except Exception as exc:
                log.error(
                    "dead letter recorded but not reported",
                    subscription=self.subscription,
                    source=source,
                    partition=partition,
                    offset=delivery.offset,
                    event_id=delivery.event_id,
                    error=describe(exc),
                )
        return outcome


@dataclass(slots=True)
class _Relayed:
    """What the relay said of each fresh event of a transaction, parallel to its datas (None: not
    said; see :mod:`.continuity`): its own hash, commune id and prev_hash. The columns stay empty
    while no partition's deliveries say anything."""

    hashes: list[bytes | None] = field(default_factory=list)
    communes: list[bytes | None] = field(default_factory=list)
    prevs: list[bytes | None] = field(default_factory=list)

    def columns(self) -> tuple[list[bytes | None], list[bytes | None], list[bytes | None]]:
        return self.hashes, self.communes, self.prevs

    def pad(self, length: int) -> None:
        """Fill each column with None up to ``length`` (the events before that said nothing)."""
        for column in self.columns():
            if len(column) < length:
                column.extend([None] * (length - len(column)))

    def cut(self, length: int) -> None:
        for column in self.columns():
            del column[length:]

    def extend(self, start: int, columns: Deliveries) -> None:
        """Add what ``columns`` (with hashes and communes) say, for the events from ``start`` on."""
        self.pad(start)
        self.hashes.extend(columns.hashes)
        self.communes.extend(columns.communes)
        self.prevs.extend(columns.prevs or [None] * len(columns))


def _sift(
    columns: Deliveries,
    current: Checkpoint,
    outcome: BatchOutcome,
    positions: list[int],
    datas: list[bytes],
    relayed: _Relayed,
    contiguous: bool,
) -> Checkpoint | None:
    """Message by message: skip what was applied before, add the rest to ``positions``/``datas``
    (and what the relay said of them to ``relayed``, when the columns have its hashes and communes).

    ``contiguous``: offsets past the checkpoint must follow each other without a hole; None when
    they do not (nothing is added then).
    """
    next_offset, source_position = current.next_offset, current.source_position
    hashed = bool(columns.hashes and columns.communes)
    if hashed:
        relayed.pad(len(datas))
    unsaid: list[bytes | None] = [None] * len(columns)
    own = columns.hashes if hashed else unsaid
    keys = columns.communes if hashed else unsaid
    links = columns.prevs or unsaid
    for offset, position, data, hash_, commune, prev in zip(
        columns.offsets, columns.positions, columns.datas, own, keys, links, strict=True
    ):
        if contiguous and offset > next_offset:
            added, outcome.skipped, outcome.applied = outcome.applied, 0, 0
            del positions[len(positions) - added :], datas[len(datas) - added :]
            relayed.cut(len(datas))
            return None
        if offset < next_offset or (position is not None and position <= source_position):
            outcome.skipped += 1
        else:
            positions.append(position or 0)
            datas.append(data)
            if hashed:
                relayed.hashes.append(hash_)
                relayed.communes.append(commune)
                relayed.prevs.append(prev)
            outcome.applied += 1
            if position is not None and position > source_position:
                source_position = position
        if offset >= next_offset:
            next_offset = offset + 1
    return replace(current, next_offset=next_offset, source_position=source_position)


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
