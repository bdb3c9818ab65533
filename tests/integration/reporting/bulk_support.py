"""What the set-based rebuild's tests share: the Kafka records a relay would publish for some events
(a synthetic province's or hand-made ones), and a projection's rows from applying them event by
event against its rows from a set-based fill over the same records staged in PostgreSQL.

No Kafka here: the records are what :mod:`bench.province.messages` builds, the relay's spelling
(headers, canonical envelope), partitioned by commune as the relay's producer does.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from aiokafka.partitioner import DefaultPartitioner
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.province.generate import SERVICES, service_of
from bench.province.messages import Headers, SimulatedStore
from bench.province.timeline import DAYS, day_of, province, upper_units
from oneoffice.eventcore.envelope import decode
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.projection import Projection
from oneoffice.reporting.adapters.bulk_staging import create_staging, stage_records

PARTITIONS = 3
TOPICS = tuple(SERVICES)  # a topic's index in the staging table is its index here
_VIETNAM = timedelta(hours=7)

Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class Record:
    """A consumed Kafka record, as much of it as the consumers read."""

    offset: int
    key: bytes
    value: bytes
    headers: Headers


# service -> partition -> its records in offset order
Records = dict[str, dict[int, list[Record]]]


class Publisher:
    """Appends events to one simulated store per service and keeps the records the relay would send."""

    def __init__(self, seed: int = 13) -> None:
        rng = random.Random(seed)
        self._stores = {s: SimulatedStore(s, random.Random(rng.getrandbits(64))) for s in SERVICES}
        self._versions: dict[str, int] = {}
        self._partitioner = DefaultPartitioner()
        self.records: Records = {s: defaultdict(list) for s in SERVICES}

    def emit(self, commune_id: str, stream_id: str, event: DomainEvent, at: datetime) -> None:
        service = service_of(event.event_type)
        version = self._versions[stream_id] = self._versions.get(stream_id, 0) + 1
        key, value, headers = self._stores[service].message(commune_id, stream_id, version, event, at)
        partition = self._partitioner(key, list(range(PARTITIONS)), list(range(PARTITIONS)))
        records = self.records[service][partition]
        records.append(Record(len(records), key, value, headers))


def province_records(communes: int = 6, events_per_commune: int = 3000, seed: int = 13) -> Records:
    """A synthetic province's year (:mod:`bench.province.timeline`), as the relays would publish it."""
    out = Publisher(seed)
    place = province(communes, events_per_commune, seed)
    first = datetime.combine(day_of(0), time(7), tzinfo=UTC) - _VIETNAM
    for code, established in upper_units(place):
        out.emit(code, "units", established, first)
    for day in range(DAYS):
        midnight = datetime.combine(day_of(day), time(0), tzinfo=UTC) - _VIETNAM
        for commune in place:
            for planned in commune.events_of(day):
                out.emit(
                    commune.code,
                    planned.stream_id,
                    planned.build(),
                    midnight + timedelta(seconds=planned.second),
                )
    return out.records


def records_of(events: Iterable[tuple[str, str, DomainEvent, datetime]], seed: int = 13) -> Records:
    """Hand-made events ``(commune_id, stream_id, event, occurred_at)``, in the order given."""
    out = Publisher(seed)
    for commune_id, stream_id, event, at in events:
        out.emit(commune_id, stream_id, event, at)
    return out.records


async def _rows(engine: AsyncEngine, tables: dict[str, sa.Table]) -> Rows:
    async with engine.connect() as conn:
        return {
            logical: sorted((tuple(row) for row in await conn.execute(sa.select(table))), key=repr)
            for logical, table in sorted(tables.items())
        }


async def _fresh_tables(engine: AsyncEngine, projection: Projection, suffix: str) -> dict[str, sa.Table]:
    tables = projection.define_tables(sa.MetaData(), suffix)
    async with engine.begin() as conn:
        await conn.run_sync(next(iter(tables.values())).metadata.create_all)
    return tables


async def incremental_rows(
    engine: AsyncEngine,
    projection: Projection,
    records: Records,
    *,
    batch: int = 400,
    order: Sequence[str] = TOPICS,
) -> Rows:
    """The projection's rows after applying every record event by event (``apply_batch`` in batches
    of ``batch``, one topic after another in ``order``, each partition in offset order)."""
    tables = await _fresh_tables(engine, projection, "_inc")
    for service in order:
        for partition in sorted(records[service]):
            stored = [
                (int(dict(r.headers)["oneoffice-position"]), r.value) for r in records[service][partition]
            ]
            for start in range(0, len(stored), batch):
                async with engine.begin() as conn:
                    await projection.apply_batch(
                        conn, tables, [decode(e) for e in stored[start : start + batch]]
                    )
    return await _rows(engine, tables)


async def filled_rows(engine: AsyncEngine, projection: Any, records: Records) -> Rows:
    """The projection's rows from its set-based ``fill`` over every record staged in PostgreSQL."""
    tables = await _fresh_tables(engine, projection, "_bulk")
    async with engine.begin() as conn:
        staged = await create_staging(conn, "bulk_events_test")
        for index, service in enumerate(TOPICS):
            for partition, part_records in sorted(records[service].items()):
                await stage_records(conn, staged, index, partition, part_records)
    async with engine.begin() as conn:
        await projection.fill(conn, tables, staged)
    return await _rows(engine, tables)
