"""Reading a real topic back, for the Kafka tests."""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer

from oneoffice.eventcore.kafka.topics import existing_partitions


@dataclass(frozen=True)
class Record:
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, str]


async def read_topic(bootstrap: str, topic: str, timeout: float = 20.0) -> list[Record]:
    """Every record of ``topic`` from the earliest offset to the end offsets taken now (none while
    the topic does not exist yet: a relay creates it with its first publish)."""
    tps = await existing_partitions(bootstrap, [topic])
    if not tps:
        return []
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        records: list[Record] = []
        remaining = {tp for tp in tps if ends[tp] > 0}
        while remaining:
            batch = await consumer.getmany(*remaining, timeout_ms=int(timeout * 1000))
            if not batch:
                raise TimeoutError(f"topic {topic} did not deliver up to its end offsets")
            for tp, messages in batch.items():
                for m in messages:
                    records.append(
                        Record(
                            m.partition,
                            m.offset,
                            m.key,
                            m.value,
                            {k: bytes(v).decode() for k, v in (m.headers or ())},
                        )
                    )
                    if m.offset + 1 >= ends[tp]:
                        remaining.discard(tp)
        return records
    finally:
        await consumer.stop()
