"""Hand-written fakes behind the documents service's ports."""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from oneoffice.documents.application.ports import IncomingDocumentView
from oneoffice.eventcore.append_plan import IdempotencyRecord
from oneoffice.eventcore.envelope import (
    GENESIS_HASH,
    Envelope,
    Metadata,
    StoredEvent,
    canonical_json,
    decode,
    timestamp_text,
)
from oneoffice.eventcore.errors import ConcurrencyConflict, DuplicateRequest
from oneoffice.eventcore.events import DomainEvent

BeforeAppend = Callable[[], Awaitable[None]]


class FakeEventStore:
    """Streams in memory with the real store's rules: expected version, idempotency in one step."""

    def __init__(self) -> None:
        self.streams: dict[str, list[Envelope]] = {}
        self.idempotency: dict[tuple[str, str], dict[str, Any]] = {}
        self.appends: list[tuple[str, int | None, Metadata]] = []
        self.conflicts = 0
        self.reads: list[tuple[str, int]] = []
        # Runs once at the start of the next append: a concurrent writer getting in first.
        self.before_next_append: list[BeforeAppend] = []
        self._position = 0
        self._in_hook = False

    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]:
        self.reads.append((stream_id, after_version))
        return [e for e in self.streams.get(stream_id, []) if e.stream_version > after_version]

    async def get_idempotency(self, scope: str, key: str) -> dict[str, Any] | None:
        record = self.idempotency.get((scope, key))
        return None if record is None else json.loads(json.dumps(record))

    async def append(
        self,
        stream_id: str,
        commune_id: str,
        new_events: Sequence[DomainEvent],
        *,
        expected_version: int | None,
        metadata: Metadata,
        idempotency: IdempotencyRecord | None = None,
        occurred_at: datetime | None = None,
    ) -> list[StoredEvent]:
        if self.before_next_append and not self._in_hook:
            # The concurrent writer's own appends do not trigger the next hooks.
            self._in_hook = True
            try:
                await self.before_next_append.pop(0)()
            finally:
                self._in_hook = False
        stream = self.streams.setdefault(stream_id, [])
        if idempotency is not None and (idempotency.scope, idempotency.key) in self.idempotency:
            raise DuplicateRequest(
                idempotency.scope, idempotency.key, self.idempotency[(idempotency.scope, idempotency.key)]
            )
        if expected_version is not None and expected_version != len(stream):
            self.conflicts += 1
            raise ConcurrencyConflict(stream_id, expected_version, len(stream))
        now = occurred_at or datetime.now(UTC)
        stored: list[StoredEvent] = []
        for event in new_events:
            self._position += 1
            # Built through the real decoder, so the fake follows the envelope's shape as it evolves.
            data = canonical_json(
                {
                    "event_id": str(uuid.uuid4()),
                    "event_type": event.event_type,
                    "schema_version": event.schema_version,
                    "stream_id": stream_id,
                    "stream_version": len(stream) + 1,
                    "commune_id": commune_id,
                    "occurred_at": timestamp_text(now),
                    "recorded_at": timestamp_text(now),
                    "actor": metadata.actor,
                    "correlation_id": metadata.correlation_id,
                    "causation_id": metadata.causation_id,
                    "trace_context": dict(metadata.trace_context),
                    "payload": event.to_payload(),
                    "prev_hash": GENESIS_HASH,
                }
            ).encode()
            envelope = decode((self._position, data))
            stream.append(envelope)
            stored.append((self._position, data))
        if idempotency is not None:
            self.idempotency[(idempotency.scope, idempotency.key)] = json.loads(
                json.dumps(idempotency.result)
            )
        self.appends.append((stream_id, expected_version, metadata))
        return stored

    def events(self, stream_id: str) -> list[dict[str, Any]]:
        return [e.payload for e in self.streams.get(stream_id, [])]


class FakeIncomingDocumentReader:
    def __init__(self, *views: IncomingDocumentView) -> None:
        self.views = {(v.commune_id, v.document_id): v for v in views}

    async def get(self, commune_id: str, document_id: str) -> IncomingDocumentView | None:
        return self.views.get((commune_id, document_id))
