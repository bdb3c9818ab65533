"""Samples of the attachment events (kept apart from samples.py, which other features extend too)."""

from __future__ import annotations

from oneoffice.contracts.events.documents import AttachmentAdded
from oneoffice.eventcore.events import DomainEvent

ATTACHMENT_SAMPLES: dict[type[DomainEvent], DomainEvent] = {
    AttachmentAdded: AttachmentAdded(
        document_kind="incoming",
        document_id="doc-0001",
        commune_id="16876",
        attachment_id="att-0001",
        file_name="Quyết định 125-QĐ-UBND (bản quét).pdf",
        media_type="application/pdf",
        sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        size=183_204,
        added_by="vanthu-16876",
    ),
}
