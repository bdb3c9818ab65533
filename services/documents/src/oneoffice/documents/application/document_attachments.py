"""The attachments of documents as the event store holds them: each document's own stream.

The stream may hold other events of the document too; only ``AttachmentAdded`` is folded here.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain.attachments import Attachment, AttachmentAdded, DocumentAttachments, DocumentKind
from .ports import AppendListener, EventStorePort


def to_contract(event: AttachmentAdded) -> contract.AttachmentAdded:
    a = event.attachment
    return contract.AttachmentAdded(
        document_kind=event.document_kind.value,
        document_id=event.document_id,
        commune_id=event.commune_id,
        attachment_id=a.attachment_id,
        file_name=a.file_name,
        media_type=a.media_type,
        sha256=a.sha256,
        size=a.size,
        added_by=a.added_by,
    )


def from_contract(event: contract.AttachmentAdded, added_at: datetime) -> AttachmentAdded:
    attachment = Attachment(
        attachment_id=event.attachment_id,
        file_name=event.file_name,
        media_type=event.media_type,
        sha256=event.sha256,
        size=event.size,
        added_by=event.added_by,
        added_at=added_at,
    )
    return AttachmentAdded(DocumentKind(event.document_kind), event.document_id, event.commune_id, attachment)


class AttachmentStreams:
    def __init__(
        self, store: EventStorePort, registry: EventRegistry, *, on_appended: AppendListener | None = None
    ) -> None:
        self._store = store
        self._registry = registry
        self._on_appended = on_appended

    async def load(self, kind: DocumentKind, commune_id: str, document_id: str) -> DocumentAttachments:
        attachments = DocumentAttachments(kind, commune_id, document_id)
        for envelope in await self._store.read_stream(attachments.stream_id):
            attachments.version = envelope.stream_version
            if envelope.event_type != contract.AttachmentAdded.event_type:
                continue
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            assert isinstance(event, contract.AttachmentAdded)
            attachments.apply(from_contract(event, envelope.occurred_at))
        return attachments

    async def save(
        self, attachments: DocumentAttachments, event: AttachmentAdded, *, correlation_id: str
    ) -> None:
        """Raises ``ConcurrencyConflict`` when the stream moved since it was loaded (nothing written)."""
        await self._store.append(
            attachments.stream_id,
            attachments.commune_id,
            [to_contract(event)],
            expected_version=attachments.version,
            metadata=Metadata(
                actor=event.attachment.added_by,
                correlation_id=correlation_id or str(uuid.uuid4()),
                causation_id=None,
                trace_context=inject_trace_context(),
            ),
            occurred_at=event.attachment.added_at,
        )
        if self._on_appended is not None:
            self._on_appended()
