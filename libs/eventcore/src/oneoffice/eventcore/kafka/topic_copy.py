"""What reached a topic: every commune's events in the order the relay published them.

Read from offset 0 to the end offsets taken at start, with partitions assigned by hand (no
consumer group, nothing committed). The relay publishes at least once, so a page it sent again
after a crash appears twice: the first copy of an event id is kept. Each event's hash is computed
here from the message bytes (the header is not trusted: the copy must equal the store byte for byte).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from hashlib import sha256

from aiokafka import AIOKafkaConsumer, TopicPartition

from ..audit import CopiedEvent
from ..relay import EVENT_ID_HEADER, POSITION_HEADER
from .topics import existing_partitions

TopicCopy = dict[str, list[CopiedEvent]]


class TopicCopyStalled(RuntimeError):
    """Kafka delivered nothing for too long although the end offsets were not reached."""


async def read_topic_copy(
    bootstrap_servers: str,
    topic: str,
    *,
    client_id: str = "oneoffice-audit",
    idle_timeout: float = 30.0,
    on_message: Callable[[int], None] | None = None,
) -> TopicCopy | None:
    """Every commune's events on ``topic``; None when the topic does not exist (nothing published)."""
    partitions = await existing_partitions(bootstrap_servers, [topic], client_id=client_id)
    if not partitions:
        return None
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, client_id=client_id, group_id=None, enable_auto_commit=False
    )
    await consumer.start()
    try:
        return await _read(consumer, partitions, idle_timeout, on_message)
    finally:
        await consumer.stop()


async def _read(
    consumer: AIOKafkaConsumer,
    partitions: list[TopicPartition],
    idle_timeout: float,
    on_message: Callable[[int], None] | None,
) -> TopicCopy:
    consumer.assign(partitions)
    await consumer.seek_to_beginning(*partitions)
    ends: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
    pending = {tp for tp in partitions if await consumer.position(tp) < ends[tp]}
    copy: TopicCopy = {}
    seen: set[str] = set()
    loop = asyncio.get_running_loop()
    last_progress = loop.time()
    while pending:
        batches = await consumer.getmany(*pending, timeout_ms=500, max_records=5000)
        if batches:
            last_progress = loop.time()
        elif loop.time() - last_progress > idle_timeout:
            raise TopicCopyStalled(
                f"no message for {idle_timeout} s; still to read: {sorted(map(str, pending))}"
            )
        for tp, records in batches.items():
            kept = [r for r in records if r.offset < ends[tp]]
            for record in kept:
                headers = {name: bytes(value) for name, value in record.headers}
                event_id = headers.get(EVENT_ID_HEADER, b"").decode()
                if event_id in seen:
                    continue
                seen.add(event_id)
                commune = (record.key or b"").decode()
                value = record.value or b""
                position = int(headers.get(POSITION_HEADER, b"0"))
                copy.setdefault(commune, []).append(
                    CopiedEvent(position, event_id, sha256(value).hexdigest())
                )
            if on_message is not None and kept:
                on_message(len(kept))
        for tp in list(pending):
            if await consumer.position(tp) >= ends[tp]:
                pending.discard(tp)
    return copy
