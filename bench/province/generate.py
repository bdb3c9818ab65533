"""Publishes a synthetic province's year to Kafka: the documents, staff and reporting topics.

    python -m bench.province.generate --bootstrap 127.0.0.1:9092 --prefix bench1. \
        [--communes 130] [--events-per-commune 20000] [--seed 13]

Events are built with the contract classes (:mod:`.timeline`), enveloped and chained as each
service's store would and sent as its relay would (:mod:`.messages`), through aiokafka's batch API:
one batch per partition filled to ``max_batch_size`` and sent without waiting for the one before (the
generation must not take longer than the rebuild it feeds). Topics are created as the services create
them (three partitions, infinite retention).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.kafka.topics import ensure_topic

from .messages import SimulatedStore
from .timeline import DAYS, day_of, province, upper_units

SERVICES = ("documents", "staff", "reporting")
PARTITIONS = 3
_BATCH_BYTES = 1 << 20
_VIETNAM = timedelta(hours=7)


def service_of(event_type: str) -> str:
    return event_type.split(".", 1)[0]


@dataclass(slots=True)
class Published:
    per_topic: Counter[str] = field(default_factory=Counter)
    per_type: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.per_topic.values())


class BatchPublisher:
    """Keyed messages into one open batch per (topic, partition); a full batch is sent at once."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer
        self._partitioner = DefaultPartitioner()
        self._batches: dict[tuple[str, int], Any] = {}
        self._in_flight: list[asyncio.Future[Any]] = []

    async def send(self, topic: str, key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> None:
        partition = self._partitioner(key, list(range(PARTITIONS)), list(range(PARTITIONS)))
        batch = self._batches.get((topic, partition))
        if batch is None:
            batch = self._batches[(topic, partition)] = self._producer.create_batch()
        if batch.append(key=key, value=value, timestamp=None, headers=headers) is None:
            await self._ship(topic, partition, batch)
            batch = self._batches[(topic, partition)] = self._producer.create_batch()
            if batch.append(key=key, value=value, timestamp=None, headers=headers) is None:
                raise ValueError(f"one message of {len(value)} bytes does not fit in a batch")

    async def _ship(self, topic: str, partition: int, batch: Any) -> None:
        batch.close()
        self._in_flight.append(await self._producer.send_batch(batch, topic, partition=partition))
        if len(self._in_flight) >= 32:
            await asyncio.gather(*self._in_flight)
            self._in_flight.clear()

    async def flush(self) -> None:
        for (topic, partition), batch in list(self._batches.items()):
            if batch.record_count():
                await self._ship(topic, partition, batch)
        self._batches.clear()
        await asyncio.gather(*self._in_flight)
        self._in_flight.clear()


async def generate(
    bootstrap: str, prefix: str, communes: int, events_per_commune: int, seed: int, *, quiet: bool = False
) -> Published:
    topics = {service: topic_for(service, prefix) for service in SERVICES}
    for topic in topics.values():
        await ensure_topic(bootstrap, topic, partitions=PARTITIONS)
    rng = random.Random(seed)
    stores = {service: SimulatedStore(service, random.Random(rng.getrandbits(64))) for service in SERVICES}
    versions: dict[str, int] = {}
    published = Published()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        client_id="oneoffice-bench-province",
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        max_batch_size=_BATCH_BYTES,
        max_request_size=_BATCH_BYTES,
    )
    await producer.start()
    started = time.perf_counter()
    try:
        out = BatchPublisher(producer)
        place = province(communes, events_per_commune, seed)

        async def emit(commune_id: str, stream_id: str, event: Any, at: datetime) -> None:
            service = service_of(event.event_type)
            version = versions[stream_id] = versions.get(stream_id, 0) + 1
            key, value, headers = stores[service].message(commune_id, stream_id, version, event, at)
            await out.send(topics[service], key, value, headers)
            published.per_topic[topics[service]] += 1
            published.per_type[event.event_type] += 1

        first = datetime.combine(day_of(0), clock_time(7), tzinfo=UTC) - _VIETNAM
        for code, established in upper_units(place):
            await emit(code, "units", established, first)
        for day in range(DAYS):
            midnight = datetime.combine(day_of(day), clock_time(0), tzinfo=UTC) - _VIETNAM
            for commune in place:
                for planned in commune.events_of(day):
                    event = planned.build()
                    at = midnight + timedelta(seconds=planned.second)
                    await emit(commune.code, planned.stream_id, event, at)
            if not quiet and day % 30 == 29:
                rate = published.total / (time.perf_counter() - started)
                print(
                    f"  day {day + 1}: {published.total:,} events ({rate:,.0f}/s)",
                    file=sys.stderr,
                    flush=True,
                )
        await out.flush()
    finally:
        await producer.stop()
    published.seconds = time.perf_counter() - started
    return published


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--prefix", default="bench.", help="prepended to the topic names")
    parser.add_argument("--communes", type=int, default=130)
    parser.add_argument("--events-per-commune", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    published = asyncio.run(
        generate(args.bootstrap, args.prefix, args.communes, args.events_per_commune, args.seed)
    )
    report(published)


def report(published: Published) -> None:
    print(f"generated {published.total:,} events in {published.seconds:.1f} s "
          f"({published.total / published.seconds:,.0f} events/s)")  # fmt: skip
    for topic, count in published.per_topic.items():
        print(f"  {topic}: {count:,}")
    for event_type, count in published.per_type.most_common():
        print(f"    {event_type}: {count:,} ({100 * count / published.total:.1f} %)")


if __name__ == "__main__":
    main()
