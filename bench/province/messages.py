"""The Kafka messages a service's outbox relay would publish for the events of its store.

Each topic stands for one service's event store: positions count from 1 in the order events are
appended, every event carries the hash of its commune's previous event in that store (the chain the
store keeps, :mod:`oneoffice.eventcore.chain`), and the message is what
:meth:`oneoffice.eventcore.relay.OutboxRelay._messages` sends: the canonical envelope bytes as the
value, the commune id as the key, and the headers in the relay's order (position, epoch, the event's
own hash, the hash it links to, event id, type, schema version, commune), then the trace context's
own headers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson

from oneoffice.eventcore.envelope import GENESIS_HASH, canonical_json, chain_hash, timestamp_text
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.relay import (
    COMMUNE_HEADER,
    EPOCH_HEADER,
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    HASH_HEADER,
    POSITION_HEADER,
    PREV_HASH_HEADER,
    SCHEMA_VERSION_HEADER,
)

Headers = list[tuple[str, bytes]]


@dataclass(slots=True)
class SimulatedStore:
    """Positions, epoch and per-commune chain heads of one service's store."""

    name: str
    rng: random.Random
    epoch: bytes = b""
    position: int = 0
    heads: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.epoch:
            self.epoch = f"{self.rng.getrandbits(128):032x}".encode()

    def message(
        self, commune_id: str, stream_id: str, stream_version: int, event: DomainEvent, at: datetime
    ) -> tuple[bytes, bytes, Headers]:
        """(key, value, headers) of the next event appended to this store."""
        rng = self.rng
        self.position += 1
        trace_id, span_id = rng.getrandbits(128), rng.getrandbits(64)
        traceparent = f"00-{trace_id:032x}-{span_id:016x}-01"
        stamp = timestamp_text(at.astimezone(UTC))
        event_id = f"{rng.getrandbits(128):032x}"
        envelope = {
            "actor": f"canbo-{commune_id}",
            "causation_id": None,
            "commune_id": commune_id,
            "correlation_id": f"{rng.getrandbits(128):032x}",
            "event_id": event_id,
            "event_type": event.event_type,
            "occurred_at": stamp,
            "payload": event.to_payload(),
            "prev_hash": (prev := self.heads.get(commune_id, GENESIS_HASH)),
            "recorded_at": stamp,
            "schema_version": event.schema_version,
            "stream_id": stream_id,
            "stream_version": stream_version,
            "trace_context": {"traceparent": traceparent},
        }
        # The store's canonical JSON (sorted keys, no whitespace, UTF-8 as is), spelled by orjson: the
        # same bytes for these envelopes (no floats, no control characters), checked now and then.
        data = orjson.dumps(envelope, option=orjson.OPT_SORT_KEYS)
        if self.position % 997 == 1 and data != canonical_json(envelope).encode():
            raise AssertionError(f"not the canonical envelope: {data!r}")
        own = chain_hash(data)
        self.heads[commune_id] = own
        commune = commune_id.encode()
        headers = [
            (POSITION_HEADER, str(self.position).encode()),
            (EPOCH_HEADER, self.epoch),
            (HASH_HEADER, own.encode()),
            (PREV_HASH_HEADER, prev.encode()),
            (EVENT_ID_HEADER, event_id.encode()),
            (EVENT_TYPE_HEADER, event.event_type.encode()),
            (SCHEMA_VERSION_HEADER, str(event.schema_version).encode()),
            (COMMUNE_HEADER, commune),
            ("traceparent", traceparent.encode()),
        ]
        return commune, data, headers
