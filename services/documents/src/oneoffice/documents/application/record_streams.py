"""The record files of a commune as the event store holds them: one stream, ``record-files:<commune>``.

The domain's events and the contract's carry the same fields; the translation is field for field.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain import record_files as domain
from ..domain.retention import RetentionSchedule
from .ports import AppendListener, EventStorePort

_PAIRS: tuple[tuple[type[Any], type[DomainEvent]], ...] = (
    (domain.RecordFileOpened, contract.RecordFileOpened),
    (domain.RecordDocumentLinked, contract.RecordDocumentLinked),
    (domain.RecordFileClosed, contract.RecordFileClosed),
    (domain.RecordFileHandoverDueSoon, contract.RecordFileHandoverDueSoon),
    (domain.RecordFilesHandedOver, contract.RecordFilesHandedOver),
    (domain.RecordFileDisposed, contract.RecordFileDisposed),
)
_TO_CONTRACT = dict(_PAIRS)
_FROM_CONTRACT = {c.event_type: d for d, c in _PAIRS}


def to_contract(event: domain.RecordEvent) -> DomainEvent:
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    if isinstance(event, domain.RecordFilesHandedOver):
        fields["file_ids"] = list(event.file_ids)
    return _TO_CONTRACT[type(event)](**fields)


def from_contract(event: DomainEvent) -> domain.RecordEvent:
    cls = _FROM_CONTRACT[event.event_type]
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(cls)}
    if cls is domain.RecordFilesHandedOver:
        fields["file_ids"] = tuple(fields["file_ids"])
    made: domain.RecordEvent = cls(**fields)
    return made


class RecordStreams:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        schedule: RetentionSchedule,
        *,
        on_appended: AppendListener | None = None,
    ) -> None:
        self._store = store
        self._registry = registry
        self._schedule = schedule
        self._on_appended = on_appended

    @property
    def schedule(self) -> RetentionSchedule:
        return self._schedule

    async def load(self, commune_id: str) -> domain.CommuneRecords:
        records = domain.CommuneRecords(commune_id, dict(self._schedule.periods))
        for envelope in await self._store.read_stream(records.stream_id):
            records.version = envelope.stream_version
            if envelope.event_type not in _FROM_CONTRACT:
                continue
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            records.apply(from_contract(event))
        return records

    async def save(
        self,
        records: domain.CommuneRecords,
        events: list[domain.RecordEvent],
        *,
        actor: str,
        correlation_id: str,
    ) -> None:
        """Raises ``ConcurrencyConflict`` when the stream moved since it was loaded (nothing written)."""
        if not events:
            return
        await self._store.append(
            records.stream_id,
            records.commune_id,
            [to_contract(e) for e in events],
            expected_version=records.version,
            metadata=Metadata(
                actor=actor,
                correlation_id=correlation_id or str(uuid.uuid4()),
                causation_id=None,
                trace_context=inject_trace_context(),
            ),
        )
        records.apply_all(events)
        records.version += len(events)
        if self._on_appended is not None:
            self._on_appended()
