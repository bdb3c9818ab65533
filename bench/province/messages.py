"""The Kafka messages a service's outbox relay would publish for the events of its store.

Each topic stands for one service's event store: positions count from 1 in the order events are
appended, every event carries the hash of its commune's previous event in that store (the chain the
store keeps, :mod:`oneoffice.eventcore.chain`), and the message is what
:meth:`oneoffice.eventcore.relay.OutboxRelay._messages` sends: the canonical envelope bytes as the
value, the commune id as the key, and the headers in the relay's order (position, epoch, the event's
own hash, event id, type, schema version, commune), then the trace context's own headers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from oneoffice.eventcore.envelope import GENESIS_HASH, EnvelopeWriter, Metadata, chain_hash, timestamp_text
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.relay import (
    COMMUNE_HEADER,
    EPOCH_HEADER,
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    HASH_HEADER,
    POSITION_HEADER,
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
            self.epoch = ("%032x" % self.rng.getrandbits(128)).encode()

    def message(
        self, commune_id: str, stream_id: str, stream_version: int, event: DomainEvent, at: datetime
    ) -> tuple[bytes, bytes, Headers]:
        """(key, value, headers) of the next event appended to this store."""
        rng = self.rng
        self.position += 1
        trace_id, span_id = rng.getrandbits(128), rng.getrandbits(64)
        traceparent = f"00-{trace_id:032x}-{span_id:016x}-01"
        stamp = timestamp_text(at.astimezone(UTC))
        writer = EnvelopeWriter(
            stream_id=stream_id,
            commune_id=commune_id,
            occurred_at=stamp,
            recorded_at=stamp,
            metadata=Metadata(
                actor=f"canbo-{commune_id}",
                correlation_id="%032x" % rng.getrandbits(128),
                trace_context={"traceparent": traceparent},
            ),
        )
        event_id = "%032x" % rng.getrandbits(128)
        data = writer.write(
            event_id=event_id,
            event_type=event.event_type,
            schema_version=event.schema_version,
            stream_version=stream_version,
            payload=event.to_payload(),
            prev_hash=self.heads.get(commune_id, GENESIS_HASH),
        )
        own = chain_hash(data)
        self.heads[commune_id] = own
        commune = commune_id.encode()
        headers = [
            (POSITION_HEADER, str(self.position).encode()),
            (EPOCH_HEADER, self.epoch),
            (HASH_HEADER, own.encode()),
            (EVENT_ID_HEADER, event_id.encode()),
            (EVENT_TYPE_HEADER, event.event_type.encode()),
            (SCHEMA_VERSION_HEADER, str(event.schema_version).encode()),
            (COMMUNE_HEADER, commune),
            ("traceparent", traceparent.encode()),
        ]
        return commune, data, headers
