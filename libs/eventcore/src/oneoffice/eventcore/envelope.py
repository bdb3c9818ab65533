"""What travels around every event: identity, position, provenance, tracing and the hash chain.

At rest and on the wire an event is a :data:`StoredEvent`: a plain ``(position, data)`` tuple, where
``data`` is the canonical UTF-8 JSON of its envelope. Its hash is the SHA-256 of those bytes, and the
envelope names the hash of the commune's previous event. The bytes are what was hashed, so
verification never depends on how a driver decodes JSON, and a relay publishes them unchanged.
Plain tuples because followers read millions of them: drivers hand them over without a Python-level
object per row. :func:`decode` gives the :class:`Envelope`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

import orjson

GENESIS_HASH = "0" * 64


# One encoder for the process: ``json.dumps`` with options builds a new encoder on every call.
# ``allow_nan=False``: NaN and ±Infinity are not JSON; written, they would make the stream
# unreadable for every strict reader (orjson, browsers), so encoding them raises ValueError.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_quote = encode_basestring


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept as is; NaN/Infinity refused."""
    return _ENCODER.encode(value)


def timestamp_text(value: datetime) -> str:
    """One spelling of an instant (naive values are taken as UTC): ``2026-11-25T08:30:00.000000Z``.

    ``isoformat`` rather than ``strftime``: the same text, several times faster (every append
    spells two instants)."""
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def chain_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Metadata:
    """Who asked for the change and in which flow (the same for every event of one append)."""

    actor: str
    correlation_id: str
    causation_id: str | None = None
    trace_context: dict[str, str] = field(default_factory=dict)


StoredEvent = tuple[int, bytes]
"""``(position, data)``: one recorded event as stored."""


def decode(stored: StoredEvent) -> Envelope:
    position, data = stored
    d = orjson.loads(data)  # several times faster than json.loads, same result for our JSON
    # Positional: this runs once per event on every consumer's hot path.
    return Envelope(
        position,
        d["event_id"],
        d["event_type"],
        d["schema_version"],
        d["stream_id"],
        d["stream_version"],
        d["commune_id"],
        parse_timestamp(d["occurred_at"]),
        parse_timestamp(d["recorded_at"]),
        d["actor"],
        d["correlation_id"],
        d["causation_id"],
        d["trace_context"],
        d["payload"],
        d["prev_hash"],
        data,
    )


@dataclass(frozen=True, slots=True)
class Envelope:
    """One recorded event, decoded.

    ``position`` is the global position in the store (holes are possible, reordering is not);
    ``stream_version`` counts the events of one aggregate from 1; ``prev_hash``/``hash`` chain the
    events of one commune in position order.
    """

    position: int
    event_id: str
    event_type: str
    schema_version: int
    stream_id: str
    stream_version: int
    commune_id: str
    occurred_at: datetime
    recorded_at: datetime
    actor: str
    correlation_id: str
    causation_id: str | None
    trace_context: dict[str, str]
    payload: dict[str, Any]
    prev_hash: str
    data: bytes
    """The stored canonical envelope bytes this was decoded from."""

    @property
    def hash(self) -> str:
        return chain_hash(self.data)


_json = canonical_json


class EnvelopeWriter:
    """Writes the canonical envelope bytes of the events of one append.

    The fields shared by the whole append are serialised once; each event then costs one payload
    serialisation and a string join. The result is byte-for-byte ``canonical_json`` of the full
    envelope dict (keys in sorted order), which a unit test checks.
    """

    __slots__ = ("_head", "_middle", "_recorded", "_stream", "_trace")

    def __init__(
        self, *, stream_id: str, commune_id: str, occurred_at: str, recorded_at: str, metadata: Metadata
    ) -> None:
        self._head = (
            f'{{"actor":{_json(metadata.actor)},"causation_id":{_json(metadata.causation_id)},'
            f'"commune_id":{_json(commune_id)},"correlation_id":{_json(metadata.correlation_id)},"event_id":'
        )
        self._middle = f',"occurred_at":{_json(occurred_at)},"payload":'
        self._recorded = f',"recorded_at":{_json(recorded_at)},"schema_version":'
        self._stream = f',"stream_id":{_json(stream_id)},"stream_version":'
        self._trace = f',"trace_context":{_json(metadata.trace_context)}}}'

    def write(
        self,
        *,
        event_id: str,
        event_type: str,
        schema_version: int,
        stream_version: int,
        payload: dict[str, Any],
        prev_hash: str,
    ) -> bytes:
        return "".join(
            (
                self._head,
                _quote(event_id),
                ',"event_type":',
                _quote(event_type),
                self._middle,
                _ENCODER.encode(payload),
                ',"prev_hash":',
                _quote(prev_hash),
                self._recorded,
                str(int(schema_version)),
                self._stream,
                str(int(stream_version)),
                self._trace,
            )
        ).encode("utf-8")
