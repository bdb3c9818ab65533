"""The load of a set-based rebuild (#13), in shares: each stages a range of every partition's offsets.

Staging is Python's part of a set-based rebuild (:mod:`.bulk_rebuild`): unpacking Kafka's records
and turning them into ``COPY`` lines (:class:`~.bulk_staging.Stager`) takes a core while PostgreSQL,
parsing the lines, uses half of the other. A large load (:class:`StagingPlan`) is therefore shared
with helper processes (:mod:`.bulk_share`) so that it uses both cores. The rebuild's process starts
reading every partition from offset 0 at once (:class:`ShareStaging`); once its helpers are up (a
second or so: their imports), what it has not read yet is cut (:meth:`ShareStaging.cut`): it keeps
the first part of the rest of each partition, each helper takes a later one. So all of them end at
about the same time, however long the helpers took to start. Each share ``COPY``s its records into
a table of its own, created in its transaction (``COPY FREEZE``). The stagers of the shares are then
joined (:func:`~.bulk_staging.joined`: the ranges meet, each commune's chain links across them) and
a view over the tables is what the fills read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.cancelling import cancel_and_wait

from .bulk_staging import NotStageable, Stager, copy_into, create_staging, escaped
from .kafka_replay import ReplayStalled

# Per partition, as the pass: memory stays well under 500 MB (fetched records are big Python objects).
_FETCH_BYTES = 2 << 20
_MAX_RECORDS = 10_000
_QUEUED_CHUNKS = 2  # fetches turned into COPY text and waiting for the database (~6 MB each)

# Called with each partition's count of records staged, as they are.
Advanced = Callable[[TopicPartition, int], None]


class ShareRefused(Exception):
    """A record of the share the set-based load does not take (:class:`~.bulk_staging.NotStageable`),
    or its ``COPY`` failed: the rebuild goes event by event."""


@dataclass(frozen=True, slots=True)
class Share:
    """One share of a load: its table, and per partition the offsets ``[start, stop)`` it stages."""

    table: str
    topics: tuple[str, ...]
    ranges: Mapping[TopicPartition, tuple[int, int]]

    def key(self, tp: TopicPartition) -> tuple[int, int]:
        """How the stager and the staging table name a partition: its topic's index, its number."""
        return self.topics.index(tp.topic), tp.partition

    @property
    def starts(self) -> dict[tuple[int, int], int]:
        return {self.key(tp): start for tp, (start, _) in self.ranges.items()}


@dataclass(frozen=True, slots=True)
class StagingPlan:
    """How many processes stage a load, from how many events on (a smaller load is staged by the
    rebuild's process alone: starting another costs about a second)."""

    processes: int = 1
    split_from: int = 500_000
    # Whether the rebuild's process starts reading while its helpers start (False: it waits, and every
    # partition is cut in equal ranges from offset 0; tests use it to have each share read something).
    head_start: bool = True

    def helpers(self, events: int) -> int:
        """How many helper processes stage a load of ``events`` events beside the rebuild's."""
        return self.processes - 1 if events >= self.split_from else 0


def share_table(load: str, number: int) -> str:
    """The table of share ``number`` of the load whose view is ``load`` (the rebuild's own: 0)."""
    return f"{load}_s{number}"


def consumer_for(bootstrap_servers: str, client_id: str, partitions: int) -> AIOKafkaConsumer:
    """A consumer without a group for a load of ``partitions`` partitions (assigned by hand)."""
    return AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="none",  # never a silent jump past lost events
        max_partition_fetch_bytes=_FETCH_BYTES,
        fetch_max_bytes=max(partitions, 1) * _FETCH_BYTES,
    )


class ShareStaging:
    """A share being staged by this process: what its stager saw so far, and where it stops reading
    each partition (:meth:`cut` lowers that while it runs)."""

    def __init__(self, share: Share) -> None:
        self.share = share
        self.stager = Stager(share.starts)
        self.stops = {tp: stop for tp, (_, stop) in share.ranges.items()}

    def cut(self, parts: int) -> list[dict[TopicPartition, tuple[int, int]]]:
        """Cut what is left to stage of each partition in ``parts`` consecutive ranges: this share
        keeps the first (its stops are lowered to its end), the others are returned, in order."""
        ranges: list[dict[TopicPartition, tuple[int, int]]] = [{} for _ in range(parts - 1)]
        for tp, stop in self.stops.items():
            # Records fetched but not staged yet are at or after the stager's next offset: none is lost.
            left = self.stager.next_offsets[self.share.key(tp)]
            bounds = [left + (stop - left) * i // parts for i in range(parts + 1)]
            self.stops[tp] = bounds[1]
            for i in range(1, parts):
                ranges[i - 1][tp] = (bounds[i], bounds[i + 1])
        return ranges

    async def run(
        self, consumer: AIOKafkaConsumer, engine: AsyncEngine, idle_timeout: float, advanced: Advanced
    ) -> Stager:
        """Read the share's ranges with ``consumer`` (started; its partitions assigned), ``COPY`` them
        into the share's table (created, and committed with its rows), and return what the stager saw.

        Each fetch is turned into ``COPY`` text and copied on one connection while the next is read.
        Raises :class:`ShareRefused` for a record the stager refuses or a ``COPY`` that failed (the
        table is then never committed), :class:`~.kafka_replay.ReplayStalled` when Kafka delivers
        nothing for ``idle_timeout`` seconds.
        """
        share, stager, stops = self.share, self.stager, self.stops
        for tp, (start, _) in share.ranges.items():
            consumer.seek(tp, start)
        pending = [tp for tp, (start, stop) in share.ranges.items() if stop > start]
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=_QUEUED_CHUNKS)
        failed: list[Exception] = []

        async def copier(conn: AsyncConnection) -> None:
            # After a failure it only empties the queue, so that the reader never waits on it forever.
            while (chunk := await chunks.get()) is not None:
                if not failed:
                    try:
                        await copy_into(conn, staging, chunk, freeze=True)
                    except Exception as error:
                        failed.append(error)

        loop = asyncio.get_running_loop()
        async with engine.begin() as conn:
            # Created in the transaction that fills it: COPY FREEZE writes the rows already frozen, so
            # the fills' scans neither check nor set their visibility (no page dirtied again after).
            staging = await create_staging(conn, share.table)
            copying = asyncio.create_task(copier(conn))
            try:
                last = loop.time()
                while pending and not failed:
                    batches = await consumer.getmany(*pending, timeout_ms=500, max_records=_MAX_RECORDS)
                    if not batches and loop.time() - last > idle_timeout:
                        missing = sorted(map(str, pending))
                        raise ReplayStalled(f"no message for {idle_timeout} s; still to read: {missing}")
                    lines: list[bytes] = []
                    for tp, records in batches.items():
                        last = loop.time()
                        stop = stops[tp]
                        if records[-1].offset + 1 >= stop:
                            records = [r for r in records if r.offset < stop]
                            pending.remove(tp)
                        try:
                            lines.append(stager.lines(*share.key(tp), records))
                        except NotStageable as error:
                            raise ShareRefused(f"{tp.topic}/{tp.partition}: {error}") from None
                        advanced(tp, len(records))
                    if lines:
                        await chunks.put(escaped(b"".join(lines)))
                await chunks.put(None)
                await copying
            except BaseException:
                await cancel_and_wait(copying)
                raise
            if failed:  # raised inside the transaction: it rolls back
                raise ShareRefused(f"COPY failed: {type(failed[0]).__name__}: {failed[0]}")
        return stager
