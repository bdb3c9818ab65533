"""Turning an append request into stored rows: envelope text, hash chain, stream versions.

Shared by the SQLite and PostgreSQL writers, which differ only in how they lock and insert.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .envelope import EnvelopeWriter, Metadata, StoredEvent, chain_hash
from .errors import ConcurrencyConflict, EventTooLarge, UnportableEventData

# What a Kafka topic takes by default (the broker's message.max.bytes, the producer's
# max.request.size), and what a record needs beside its value: batch and record headers, the key,
# our headers and the W3C trace context. An envelope larger than the difference is refused at append.
DEFAULT_MAX_MESSAGE_BYTES = 1 << 20
MESSAGE_HEADROOM_BYTES = 16 << 10
DEFAULT_MAX_EVENT_BYTES = DEFAULT_MAX_MESSAGE_BYTES - MESSAGE_HEADROOM_BYTES


def max_event_bytes(max_message_bytes: int) -> int:
    """The largest envelope an append accepts for a topic taking ``max_message_bytes`` per message."""
    return max_message_bytes - MESSAGE_HEADROOM_BYTES


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """The result of a request, stored under (scope, key) in the same transaction as its events."""

    scope: str
    key: str
    result: dict[str, Any]


# Test seam: runs inside the append transaction, after the insert, before the commit.
BeforeCommitHook = Callable[[Sequence[StoredEvent]], Coroutine[Any, Any, None]]


class NewEvent(NamedTuple):
    event_type: str
    schema_version: int
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AppendRequest:
    stream_id: str
    commune_id: str
    expected_version: int | None
    events: Sequence[NewEvent]
    metadata: Metadata
    occurred_at: str
    recorded_at: str
    idempotency: IdempotencyRecord | None
    # Stable across internal retries, so a retried append never mints new identities.
    event_ids: tuple[str, ...] = field(default=())
    # The largest envelope (bytes) the store keeps: what the relay's topic can take.
    max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES

    def __post_init__(self) -> None:
        if not self.event_ids:
            object.__setattr__(self, "event_ids", new_event_ids(len(self.events)))


def new_event_ids(count: int) -> tuple[str, ...]:
    """Time-ordered UUIDs (RFC 9562 version 7: 48-bit Unix milliseconds, then random bits).

    Time order keeps inserts into the unique event-id index at its right edge; random (version 4)
    ids scatter them over the whole index, which cost SQLite more than the rest of an append.
    Built as one 128-bit integer each (the version and variant bits set by masks), then spelled.
    """
    stamp = (time.time_ns() // 1_000_000) << 80 | _VERSION_7
    randomness = os.urandom(10 * count)  # one system call for the whole append
    ids = []
    for i in range(0, 10 * count, 10):
        value = stamp | (int.from_bytes(randomness[i : i + 10]) & _RANDOM_BITS)
        h = f"{value:032x}"
        ids.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return tuple(ids)


# The version nibble (7) and the variant bits (0b10) of a version 7 UUID, and the 74 random bits
# around them.
_VERSION_7 = 0x7 << 76 | 0b10 << 62
_RANDOM_BITS = (0xFFF << 64) | ((1 << 62) - 1)


class Row(NamedTuple):
    event_id: str
    event_type: str
    schema_version: int
    stream_version: int
    data: bytes
    hash: str


def check_expected(request: AppendRequest, current_version: int) -> int:
    """The version the new events build on; raises when the caller's expectation is stale."""
    expected = request.expected_version
    if expected is not None and expected != current_version:
        raise ConcurrencyConflict(request.stream_id, expected, current_version)
    return current_version


def plan_rows(request: AppendRequest, base_version: int, prev_hash: str) -> list[Row]:
    writer = EnvelopeWriter(
        stream_id=request.stream_id,
        commune_id=request.commune_id,
        occurred_at=request.occurred_at,
        recorded_at=request.recorded_at,
        metadata=request.metadata,
    )
    rows: list[Row] = []
    for offset, (event, event_id) in enumerate(zip(request.events, request.event_ids, strict=True)):
        version = base_version + offset + 1
        try:
            data = writer.write(
                event_id=event_id,
                event_type=event.event_type,
                schema_version=event.schema_version,
                stream_version=version,
                payload=event.payload,
                prev_hash=prev_hash,
            )
        except ValueError as exc:  # NaN or ±Infinity (the canonical encoder refuses them)
            raise UnportableEventData(str(exc)) from None
        if len(data) > request.max_event_bytes:
            raise EventTooLarge(len(data), request.max_event_bytes)
        prev_hash = chain_hash(data)
        rows.append(Row(event_id, event.event_type, event.schema_version, version, data, prev_hash))
    return rows
