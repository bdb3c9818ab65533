"""The events of a set-based rebuild, staged in one PostgreSQL table (``bulk_events``).

A rebuild from Kafka on PostgreSQL can compute its projections' tables with a few statements over
every event at once instead of applying them batch by batch (:mod:`.bulk_rebuild`). The events go
to an unlogged table first, with ``COPY``: one line per Kafka record, built here from the record's
headers (the relay's, see :mod:`oneoffice.eventcore.relay`) and slices of its canonical envelope
bytes, so that Python never parses an envelope; PostgreSQL parses the payloads as ``jsonb`` while
Python reads the next fetch.

What a projection's set-based fill (:class:`SetBasedFill`) finds in the table, one row per event:

========================  ==========================================================================
``topic``                 index of the event's topic in the load's topic list (smallint)
``part``, ``off``         its Kafka partition and offset. A commune's events of one topic are all in
                          one partition, in their order: ``ORDER BY topic, part, off`` is the order
                          in which the incremental projection applies them
``position``              its position in the producing store (the relay's header)
``commune_id``            the commune the event belongs to (the record key)
``event_type``            e.g. ``documents.TaskCreated``; a fill may assume every event is at its
                          type's latest schema version (the rebuild checks it first)
``occurred_at``,          the envelope's two instants (``timestamptz``)
``recorded_at``
``payload``               the event's payload (``jsonb``), as the contract's ``to_payload`` spells it
========================  ==========================================================================

Only a clean log is staged (:class:`Stager`): an event published twice, a hole, a change of store
epoch stop the load, and the rebuild then goes event by event. So a fill sees each event once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, Protocol, runtime_checkable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.eventcore.envelope import GENESIS_HASH
from oneoffice.eventcore.projection import Tables
from oneoffice.eventcore.relay import COMMUNE_HEADER, POSITION_HEADER

STAGING_TABLE = "bulk_events"
_GENESIS = GENESIS_HASH.encode()
_PIECE = 1 << 20  # bytes sent to the server at a time


def staging_table(metadata: sa.MetaData, name: str = STAGING_TABLE) -> sa.Table:
    """The staging table's definition (created unlogged: it is rebuilt from Kafka if lost)."""
    return sa.Table(
        name,
        metadata,
        sa.Column("topic", sa.SmallInteger, nullable=False),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("off", sa.BigInteger, nullable=False),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("commune_id", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        prefixes=["UNLOGGED"],
    )


# The links, the epoch and the schema version are checked as the records are staged (:class:`Stager`):
# not staged, the table is a quarter smaller for the fills' scans.
COLUMNS = (
    "topic", "part", "off", "position", "commune_id", "event_type", "occurred_at", "recorded_at", "payload",
)  # fmt: skip


@runtime_checkable
class SetBasedFill(Protocol):
    """A projection that can fill a fresh generation from the staged events in a few statements."""

    async def fill(self, conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
        """Fill ``tables`` (empty) with what applying every event of ``staged`` in order would give."""
        ...


class NotStageable(ValueError):
    """A record the set-based load does not take (not spelled as the relay spells it): the rebuild
    replays event by event instead, where every check and dead letter of the applier holds."""


class Stager:
    """Turns fetched records into ``COPY`` text lines, checking on the way what the applier checks.

    One per load. The checks cost a few comparisons of header bytes a record, instead of a sort of
    every staged event in PostgreSQL: each partition's offsets follow each other from 0; each
    commune's events link into one hash chain from the genesis hash (an event a relay published
    twice, or one lost, breaks it); each partition carries one store epoch. A record that fails a
    check raises :class:`NotStageable`. What it saw is kept for the rebuild's checkpoints and chain
    heads: per partition its last position and epoch, per (topic, commune) the hash of its last event,
    and every (event type, schema version).
    """

    def __init__(self, starts: Mapping[tuple[int, int], int] | None = None) -> None:
        # With ``starts`` (a share of a load, see :func:`joined`): each partition's records start at its
        # offset there, and each commune's first event here links to an earlier share (kept in ``links``).
        self.starts = dict(starts or {})
        self.links: dict[int, dict[bytes, bytes]] | None = None if starts is None else {}
        self.heads: dict[int, dict[bytes, bytes]] = {}
        self.next_offsets: dict[tuple[int, int], int] = dict(self.starts)
        self.positions: dict[tuple[int, int], int] = {}
        self.epochs: dict[tuple[int, int], bytes] = {}
        self.types: set[tuple[bytes, bytes]] = set()

    def lines(self, topic: int, partition: int, records: Sequence[Any]) -> bytes:
        """The ``COPY`` text lines of one partition's next records (``aiokafka`` records or alike:
        ``offset``, ``value``, ``headers``), before escaping (see :func:`escaped`)."""
        if not records:
            return b""
        try:
            return self._lines(topic, partition, records)
        except (IndexError, TypeError, AttributeError) as error:
            raise NotStageable(f"a record is not spelled as the relay spells it: {error!r}") from None

    def _lines(self, topic: int, partition: int, records: Sequence[Any]) -> bytes:
        key = (topic, partition)
        heads = self.heads.setdefault(topic, {})
        # A commune not seen yet: its first event links to the genesis hash, or, in a share, to what
        # an earlier share saw last (``None``: noted in ``links``, checked when the shares are joined).
        unseen = _GENESIS if self.links is None else None
        links = {} if self.links is None else self.links.setdefault(topic, {})
        add_type = self.types.add
        expected = self.next_offsets.get(key, 0)
        epoch = self.epochs.get(key) or records[0].headers[1][1]
        prefix = b"%d\t%d\t" % key
        out: list[bytes] = []
        append = out.append
        for record in records:
            # The relay's headers: position, epoch, hash, prev hash, event id, type, version, commune.
            offset, value, headers = record.offset, record.value, record.headers
            if headers[0][0] != POSITION_HEADER or headers[7][0] != COMMUNE_HEADER:
                raise NotStageable(f"offset {offset}: not the relay's headers")
            if offset != expected:
                raise NotStageable(f"offset {offset} follows {expected - 1}")
            expected += 1
            commune = headers[7][1]
            head = heads.get(commune, unseen)
            if head != headers[3][1]:
                if head is not None:
                    raise NotStageable(f"offset {offset}: commune {commune!r}'s chain does not link")
                links[commune] = headers[3][1]
            heads[commune] = headers[2][1]
            if headers[1][1] != epoch:
                raise NotStageable(f"offset {offset}: another store epoch")
            add_type((headers[5][1], headers[6][1]))
            # Canonical envelope: sorted keys, so occurred_at precedes the payload and prev_hash, then
            # recorded_at, follow it; found from the right, they cannot be keys inside the payload.
            occurred = value.find(b'"occurred_at":"')
            start = value.find(b',"payload":', occurred)
            end = value.rfind(b',"prev_hash":')
            recorded = value.rfind(b'"recorded_at":"')
            spelled = 0 <= occurred < start <= end <= recorded
            if not spelled or value[occurred + 42] != 34 or value[recorded + 42] != 34:  # 34: '"'
                raise NotStageable(f"offset {offset}: not a canonical envelope")
            append(
                b"%s%d\t%s\t%s\t%s\t%s\t%s\t%s\n"
                % (
                    prefix,
                    offset,
                    headers[0][1],
                    commune,
                    headers[5][1],
                    value[occurred + 15 : occurred + 42],
                    value[recorded + 15 : recorded + 42],
                    value[start + 11 : end],
                )
            )
        self.next_offsets[key] = expected
        self.epochs[key] = epoch
        self.positions[key] = int(records[-1].headers[0][1])
        return b"".join(out)


def joined(shares: Sequence[Stager]) -> Stager:
    """What one stager would have seen staging the records of ``shares`` one after the other: each
    share (but the first, which may be a plain :class:`Stager`) read from its ``starts`` on, where the
    share before it stopped. Raises :class:`NotStageable` where they do not join: a partition's offsets
    (a range read twice or not at all), its store epoch, or a commune's chain (its first event in a
    share does not link to its last in the shares before: an event published twice or lost there)."""
    whole = Stager()
    for share in shares:
        for key, start in share.starts.items():
            if whole.next_offsets.get(key, 0) != start:
                raise NotStageable(f"partition {key}: a share starts at {start}, the one before ended at "
                                   f"{whole.next_offsets.get(key, 0)}")  # fmt: skip
        for topic, links in (share.links or {}).items():
            heads = whole.heads.get(topic, {})
            for commune, link in links.items():
                if heads.get(commune, _GENESIS) != link:
                    raise NotStageable(f"commune {commune!r}'s chain does not link across two shares")
        for key, epoch in share.epochs.items():
            if whole.epochs.setdefault(key, epoch) != epoch:
                raise NotStageable(f"partition {key}: another store epoch")
        for topic, heads in share.heads.items():
            whole.heads.setdefault(topic, {}).update(heads)
        whole.next_offsets.update(share.next_offsets)
        whole.positions.update(share.positions)
        whole.types |= share.types
    return whole


def escaped(lines: bytes) -> bytes:
    """``COPY``'s text format reads a backslash as an escape: every one of the JSON is doubled. (The
    other characters it treats specially, tab and newline, never appear raw in canonical JSON.)"""
    return lines.replace(b"\\", b"\\\\")


async def create_staging(conn: AsyncConnection, name: str = STAGING_TABLE) -> sa.Table:
    """A fresh, empty staging table named ``name`` (one left by an interrupted rebuild is dropped)."""
    table = staging_table(sa.MetaData(), name)
    await conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
    await conn.run_sync(table.metadata.create_all)
    return table


async def copy_into(conn: AsyncConnection, table: sa.Table, lines: bytes, *, freeze: bool = False) -> None:
    """``COPY`` escaped lines (see :meth:`Stager.lines`, :func:`escaped`) into ``table`` (``freeze``:
    rows written frozen; the table must have been created in the same transaction)."""
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    # As slices of the one buffer, from the event loop: a file object would be read in executor
    # threads, a copy of each piece made there (the process's memory grew with the province).
    view = memoryview(lines)

    async def pieces() -> AsyncIterator[memoryview]:
        for start in range(0, len(view), _PIECE):
            yield view[start : start + _PIECE]

    await driver.copy_to_table(
        table.name, source=pieces(), columns=list(COLUMNS), format="text", freeze=freeze or None
    )


async def stage_records(
    conn: AsyncConnection, table: sa.Table, topic: int, partition: int, records: Sequence[Any]
) -> None:
    """Stage one partition's records (tests and small loads)."""
    if records:
        await copy_into(conn, table, escaped(Stager().lines(topic, partition, records)))


@asynccontextmanager
async def planner_settings(conn: AsyncConnection, settings: Mapping[str, str]) -> AsyncIterator[None]:
    """``settings`` (e.g. ``{"jit": "off"}``) for the statements run inside, local to the transaction;
    the previous values after them. A fill's statements are few, large and run once: the planner's
    defaults (compiling just in time, a merge join or a nested loop on the guessed sizes of fresh
    extracts) can cost more than the statement. On an error nothing is put back: the transaction is
    aborted, and the settings end with it (the error stays the one raised)."""
    names = list(settings)
    current = ", ".join(f"current_setting('{name}')" for name in names)
    previous = dict(zip(names, (await conn.execute(sa.text(f"SELECT {current}"))).one(), strict=True))
    await _set_config(conn, settings)
    yield
    await _set_config(conn, previous)


async def _set_config(conn: AsyncConnection, settings: Mapping[str, str]) -> None:
    values = {f"v{i}": value for i, value in enumerate(settings.values())}
    calls = ", ".join(f"set_config('{name}', :v{i}, true)" for i, name in enumerate(settings))
    await conn.execute(sa.text(f"SELECT {calls}"), values)
