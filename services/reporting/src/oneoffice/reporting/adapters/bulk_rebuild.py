"""The first round of a rebuild from Kafka, set-based on PostgreSQL (#13: the province's rebuild rate).

Applying a province's events batch by batch costs about 144 µs of CPU an event, half of it in
PostgreSQL's many small statements; two cores cannot rebuild 40,000 events a second that way. When
every projection of the pass can fill a fresh generation set-based (:class:`.bulk_staging.SetBasedFill`)
and they all live in one PostgreSQL database, the pass (:func:`read_set_based`, a
:data:`~.one_pass_replay.ReadTogether`) instead:

1. reads every partition of the topics from offset 0 to its end offset at start and ``COPY``s each
   fetch into an unlogged staging table while the next one is read (:mod:`.bulk_staging`: Python never
   parses an envelope, PostgreSQL parses the payloads on the other core);
2. checks, as it stages each record (:class:`~.bulk_staging.Stager`), what the applier checks event
   by event: each commune's events link into one hash chain from the genesis hash (an event a relay
   published twice, or one lost, breaks it), each partition carries one store epoch and its offsets
   follow each other; then that every event is at its type's latest schema version (the fills read
   current payloads);
3. runs each projection's fill on its own connection (concurrently: PostgreSQL uses both cores),
   with the fresh tables' secondary indexes built after their rows are in, and in the same
   transaction stores the rebuild subscription's checkpoints at the end offsets and the chain head of
   every commune, as the applier would have after the last event.

A large load is shared with a helper process (:mod:`.bulk_load`): unpacking Kafka's records in
Python would otherwise keep one core busy while the other is half idle.

Anything the checks do not accept (or a record not spelled as the relay spells it, a staging process
that fails, or a fill that fails) and the staged events are dropped and the pass runs as before
(:func:`~.one_pass_replay.read_from_kafka`), so dead letters, halts and their messages stay the
applier's. Later rounds of each rebuild (catching up with the live subscription) replay from the
stored checkpoints event by event, as always.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import sqlalchemy as sa
import structlog
from aiokafka import TopicPartition
from aiokafka.errors import OffsetOutOfRangeError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore import checkpoints, continuity
from oneoffice.eventcore.checkpoints import Checkpoint
from oneoffice.eventcore.clock import SystemClock
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.kafka.topics import existing_partitions

from .bulk_load import (
    Advanced,
    Share,
    ShareRefused,
    ShareStaging,
    StagingPlan,
    consumer_for,
    share_table,
)
from .bulk_share import ShareFailed, ShareJob, ShareProcess
from .bulk_staging import COLUMNS, NotStageable, SetBasedFill, Stager, joined, staging_table
from .event_decoding import contract_registry
from .kafka_replay import KafkaTopicReplay, PassReader, ensure_complete
from .one_pass_replay import read_from_kafka

log = structlog.get_logger("oneoffice.reporting.bulk_rebuild")

# The advisory locks that claim staged tables: this class and the table name's hash (two keys, as the
# relay's lease: the single-key space is the event store's append lock).
STAGING_LOCK_CLASS = 235867600


class NotSetBased(Exception):
    """Why this pass cannot be set-based; it runs event by event instead."""


@dataclass(slots=True)
class _Fill:
    reader: PassReader
    fill: SetBasedFill
    tables: dict[str, sa.Table]


@dataclass(slots=True)
class _Staged:
    """What the load found, for the checkpoints: per partition its end offset, highest position and epoch."""

    table: sa.Table
    topics: list[str]
    ends: dict[TopicPartition, int] = field(default_factory=dict)
    stager: Stager = field(default_factory=Stager)

    def key(self, topic: str, partition: int) -> tuple[int, int]:
        """How the stager and the staging table name a partition: its topic's index, its number."""
        return self.topics.index(topic), partition


async def read_set_based(
    replay: KafkaTopicReplay, readers: Sequence[PassReader], *, plan: StagingPlan | None = None
) -> None:
    """The pass over Kafka, set-based when every reader can (see the module's docstring); the load
    staged as ``plan`` says (by default, by this process alone)."""
    fills = _fills(readers)
    if fills is None:
        await read_from_kafka(replay, readers)
        return
    engine = readers[0].engine
    topics = list(dict.fromkeys(topic for reader in readers for topic in reader.topics))
    await ensure_complete(replay.bootstrap_servers, topics, replay.client_id)
    name = f"bulk_events_{uuid.uuid4().hex[:12]}"
    started = time.perf_counter()
    try:
        async with _claimed(engine, name):
            try:
                staged = await _load(replay, engine, topics, readers, name, plan or StagingPlan())
                _check(staged)
                staged_in = time.perf_counter() - started
                log.info("events staged", events=sum(staged.ends.values()), seconds=round(staged_in, 1))
                # Each fill commits alone: after a failure the pass goes event by event for the others.
                outcomes = await asyncio.gather(
                    *(_fill(engine, staged, each) for each in fills), return_exceptions=True
                )
                failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
                if failures:
                    raise failures[0]
            finally:
                with contextlib.suppress(Exception):
                    await _drop(engine, name)
    except NotSetBased as reason:
        log.warning("set-based rebuild not possible: replaying event by event", reason=str(reason))
        await read_from_kafka(replay, _restarted(readers))
        return
    log.info(
        "set-based rebuild filled",
        projections=[each.reader.subscription for each in fills],
        seconds=round(time.perf_counter() - started, 1),
    )


def _fills(readers: Sequence[PassReader]) -> list[_Fill] | None:
    """Each reader's fill, or None unless every reader has one, on one PostgreSQL engine, from scratch."""
    fills: list[_Fill] = []
    for reader in readers:
        handler = reader.handler
        projection = getattr(handler, "projection", None)
        tables = getattr(handler, "tables", None)
        fresh = all(checkpoint is None for checkpoint in reader.expected.values())
        if not isinstance(projection, SetBasedFill) or tables is None or not fresh:
            return None
        if reader.engine is not readers[0].engine or reader.engine.dialect.name != "postgresql":
            return None
        fills.append(_Fill(reader, projection, dict(tables)))
    return fills or None


def _restarted(readers: Sequence[PassReader]) -> Sequence[PassReader]:
    """The readers as the pass expects them: nothing read yet (their progress starts again)."""
    for reader in readers:
        reader.expected.clear()
        reader.positions.clear()
    return readers


async def _drop(engine: AsyncEngine, name: str) -> None:
    """Drop the view ``name`` and its shares' tables."""
    async with engine.begin() as conn:
        await conn.execute(sa.text(f'DROP VIEW IF EXISTS "{name}"'))
        shares = await conn.scalars(
            sa.text(
                "SELECT relname::text FROM pg_class WHERE relname LIKE :pattern AND relkind = 'r' "
                "AND pg_table_is_visible(oid)"
            ),
            {"pattern": name.replace("_", "\\_") + "\\_s%"},
        )
        for table in shares.all():
            await conn.execute(sa.text(f'DROP TABLE IF EXISTS "{table}"'))


@contextlib.asynccontextmanager
async def _claimed(engine: AsyncEngine, name: str) -> AsyncIterator[None]:
    """While this rebuild stages into table ``name`` and fills from it, a connection of its own holds a
    session advisory lock keyed by the name, so that another rebuild running meanwhile (of other
    projections, under other leases) leaves the table alone (:func:`_drop_leftovers`). Should this
    process die, its connections close and the lock goes with them: the table is then a leftover."""
    key = {"lock_class": STAGING_LOCK_CLASS, "name": name}
    async with engine.connect() as guard:
        await guard.execute(sa.text("SELECT pg_advisory_lock(:lock_class, hashtext(:name))"), key)
        await guard.commit()
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                await guard.execute(sa.text("SELECT pg_advisory_unlock(:lock_class, hashtext(:name))"), key)
                await guard.commit()


async def _drop_leftovers(conn: AsyncConnection) -> None:
    """Drop the staged events of a rebuild that was interrupted: those no live rebuild claims
    (:func:`_claimed`; the try-lock taken here ends with this transaction)."""
    # A share's table is claimed under its load's name (``bulk_events_…_s1``: ``bulk_events_…``).
    leftovers = await conn.scalars(
        sa.text(
            "WITH staged AS MATERIALIZED (SELECT relname::text AS name, "
            "regexp_replace(relname::text, '_s[0-9]+$', '') AS load FROM pg_class "
            "WHERE relname LIKE 'bulk\\_events\\_%' AND relkind = 'r' AND relpersistence = 'u' "
            "AND pg_table_is_visible(oid)) "
            "SELECT name FROM staged WHERE pg_try_advisory_xact_lock(:lock_class, hashtext(load))"
        ),
        {"lock_class": STAGING_LOCK_CLASS},
    )
    for name in leftovers.all():
        log.warning("dropping the staged events of an interrupted rebuild", table=name)
        await conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))  # and the view over it


async def _load(
    replay: KafkaTopicReplay,
    engine: AsyncEngine,
    topics: list[str],
    readers: Sequence[PassReader],
    name: str,
    plan: StagingPlan,
) -> _Staged:
    """Stage every partition of ``topics`` up to its end offset, shared with the helper processes of
    ``plan`` (:mod:`.bulk_load`), and join the shares under the view ``name``."""
    staged = _Staged(staging_table(sa.MetaData(), name), topics)
    partitions = await existing_partitions(replay.bootstrap_servers, topics, client_id=replay.client_id)
    async with engine.begin() as conn:
        await _drop_leftovers(conn)
    consumer = consumer_for(replay.bootstrap_servers, replay.client_id, len(partitions))
    helpers: list[ShareProcess] = []
    await consumer.start()
    try:
        if partitions:
            consumer.assign(partitions)
            staged.ends = await consumer.end_offsets(partitions)
        for _ in range(plan.helpers(sum(staged.ends.values()))):
            helpers.append(await ShareProcess.start())
        watching = {
            tp: [r for r in readers if tp.topic in r.topics and r.progress is not None] for tp in partitions
        }
        for reader in readers:
            if reader.progress is not None:
                reader.progress.started(
                    sum(end for tp, end in staged.ends.items() if tp.topic in reader.topics)
                )

        def advanced(tp: TopicPartition, count: int) -> None:
            for reader in watching[tp]:
                assert reader.progress is not None
                reader.progress.advanced(count)

        own = ShareStaging(
            Share(share_table(name, 0), tuple(topics), {tp: (0, end) for tp, end in staged.ends.items()})
        )
        url = engine.url.render_as_string(hide_password=False)
        job = ShareJob(replay.bootstrap_servers, replay.client_id, url, own.share, replay.idle_timeout)
        try:
            staging = partial(own.run, consumer, engine, replay.idle_timeout, advanced)
            stagers, shares = await _shared(name, own, staging, helpers, job, advanced, plan.head_start)
            staged.stager = joined(stagers)
        except (ShareRefused, NotStageable, ShareFailed) as refused:
            raise NotSetBased(str(refused)) from None
    except OffsetOutOfRangeError:
        await ensure_complete(replay.bootstrap_servers, topics, replay.client_id)  # names the partition
        raise
    finally:
        await consumer.stop()
        for helper in helpers:
            await helper.close()
    async with engine.begin() as conn:
        tables = " UNION ALL ".join(f'SELECT {", ".join(COLUMNS)} FROM "{share.table}"' for share in shares)
        await conn.execute(sa.text(f'CREATE VIEW "{name}" AS {tables}'))
    return staged


async def _shared(
    name: str,
    own: ShareStaging,
    staging: Callable[[], Awaitable[Stager]],
    helpers: Sequence[ShareProcess],
    job: ShareJob,
    advanced: Advanced,
    head_start: bool,
) -> tuple[list[Stager], list[Share]]:
    """Stage ``own`` here (``staging``: it starts at once unless ``head_start`` is false) and, once the
    ``helpers`` are up, cut what it has left among them, each a ``job`` like this one for its share:
    every share's stager, and the shares (tables ``{name}_s0``, ``_s1``...)."""
    shares = [own.share]
    started = time.perf_counter()
    cut_made = asyncio.Event()

    def done(share: Share, stager: Stager) -> Stager:
        events = sum(stager.next_offsets.values()) - sum(stager.starts.values())
        log.info(
            "share staged", table=share.table, events=events, seconds=round(time.perf_counter() - started, 1)
        )
        return stager

    async def here() -> Stager:
        if helpers and not head_start:
            await cut_made.wait()
        return done(own.share, await staging())

    async def helped() -> list[Stager]:
        if not helpers:
            return []
        await asyncio.gather(*(helper.ready() for helper in helpers))
        # What is left is cut now that the helpers are up: every share ends at about the same time.
        for number, ranges in enumerate(own.cut(len(helpers) + 1), 1):
            shares.append(Share(share_table(name, number), own.share.topics, ranges))
        cut_made.set()

        async def there(helper: ShareProcess, share: Share) -> Stager:
            return done(share, await helper.stage(replace(job, share=share), advanced))

        async with _first_failure(), asyncio.TaskGroup() as group:
            tasks = [group.create_task(there(*each)) for each in zip(helpers, shares[1:], strict=True)]
        return [task.result() for task in tasks]

    async with _first_failure(), asyncio.TaskGroup() as group:
        mine, theirs = group.create_task(here()), group.create_task(helped())
    return [mine.result(), *theirs.result()], shares


@contextlib.asynccontextmanager
async def _first_failure() -> AsyncIterator[None]:
    """Around a task group: its first failure raised alone (a refusal before any other error)."""
    try:
        yield
    except BaseExceptionGroup as failures:
        errors: list[BaseException] = list(failures.exceptions)
        refused = [e for e in errors if isinstance(e, ShareRefused | NotStageable)]
        raise (refused or errors)[0] from None


def _check(staged: _Staged, registry: EventRegistry | None = None) -> None:
    """Raise :class:`NotSetBased` unless every event a fill reads is at its current schema version
    (the links, offsets and epochs were checked as the records were staged)."""
    registry = registry or contract_registry()
    # A type no contract knows is one no projection reads (they skip it, as the applier does).
    known = {event_type for event_type, _ in registry.classes()}
    for raw_type, raw_version in staged.stager.types:
        event_type, version = raw_type.decode(), int(raw_version)
        if event_type in known and registry.latest_version(event_type) != version:
            raise NotSetBased(f"{event_type} v{version} is not its current version: it needs upcasting")
    for tp, end in staged.ends.items():
        staged_up_to = staged.stager.next_offsets.get(staged.key(tp.topic, tp.partition), 0)
        if staged_up_to != end:
            raise NotSetBased(f"{tp.topic}/{tp.partition}: staged up to {staged_up_to} of {end}")


async def _fill(engine: AsyncEngine, staged: _Staged, each: _Fill) -> None:
    """One projection's fresh generation, its checkpoints and chain heads, in one transaction."""
    reader = each.reader
    mine = [tp for tp in staged.ends if tp.topic in reader.topics and staged.ends[tp] > 0]
    try:
        async with engine.begin() as conn:
            await conn.execute(sa.text("SET LOCAL work_mem = '256MB'"))
            # The secondary indexes are built once the rows are in: inserting each row into them
            # cost as much as the rows themselves, building an index from all its rows far less.
            # (A unique one refuses a duplicate then as it would have row by row: the fill fails.)
            indexes = sorted((i for t in each.tables.values() for i in t.indexes), key=lambda i: str(i.name))
            for secondary in indexes:
                await conn.execute(sa.schema.DropIndex(secondary))
            await each.fill.fill(conn, each.tables, staged.table)
            for secondary in indexes:
                await conn.execute(sa.schema.CreateIndex(secondary))
            stager, key = staged.stager, staged.key
            updates = {
                (tp.topic, tp.partition): Checkpoint(
                    staged.ends[tp],
                    stager.positions[key(tp.topic, tp.partition)],
                    stager.epochs[key(tp.topic, tp.partition)].decode(),
                )
                for tp in mine
            }
            await checkpoints.save_many(conn, reader.subscription, updates, (), reader.clock or SystemClock())
            heads = {
                (topic, commune.decode()): hash_.decode()
                for topic in reader.topics
                for commune, hash_ in stager.heads.get(staged.topics.index(topic), {}).items()
            }
            await continuity.save_heads(conn, reader.subscription, heads)
    except Exception as error:
        said = (str(error).splitlines() or [""])[0][:300]  # a database error goes on with its statement
        raise NotSetBased(
            f"{reader.subscription}: the fill failed: {type(error).__name__}: {said}"
        ) from error
    by_topic: defaultdict[str, int] = defaultdict(int)
    for tp in mine:
        reader.positions[tp] = staged.ends[tp]
        by_topic[tp.topic] += staged.ends[tp]
    log.info("set-based fill done", subscription=reader.subscription, events=dict(by_topic))
