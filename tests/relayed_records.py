"""The Kafka records a relay would publish for some events: a synthetic province's year or hand-made
events, spelled as the relay spells them (headers, canonical envelope) and partitioned by commune as
the relay's producer does (:mod:`bench.province.messages` builds each message). No Kafka here.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from aiokafka.partitioner import DefaultPartitioner

from bench.province.generate import SERVICES, service_of
from bench.province.messages import Headers, SimulatedStore
from bench.province.timeline import DAYS, day_of, province, upper_units
from oneoffice.eventcore.events import DomainEvent

PARTITIONS = 3
TOPICS = tuple(SERVICES)  # a topic's index in the staging table is its index here
_VIETNAM = timedelta(hours=7)


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
