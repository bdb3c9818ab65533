"""Incoming registrations and their envelopes, as the documents service records them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.envelope import GENESIS_HASH, Envelope
from oneoffice.eventcore.events import DomainEvent

COMMUNE = "16876"  # xã Tương Dương
RECORDED_AT = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def registration(
    number: int, *, body: str = "UBND", year: int = 2026, **changes: Any
) -> IncomingDocumentRegistered:
    fields: dict[str, Any] = {
        "document_id": f"doc-{body}-{year}-{number:04d}",
        "commune_id": COMMUNE,
        "body_code": body,
        "incoming_number": number,
        "year": year,
        "issuer": "UBND tỉnh Nghệ An",
        "number_symbol": f"{number:02d}/UBND-VX",
        "document_date": date(year, 3, 1),
        "document_type": "CV",
        "summary": f"Về việc triển khai mô hình một văn phòng, đợt {number}",
        "urgency": "KHAN" if number % 2 else "NORMAL",
        "received_date": date(year, 3, 2),
        "registered_by": "user-vanthu-01",
        "duplicate_of": None,
    }
    fields.update(changes)
    return IncomingDocumentRegistered(**fields)


def envelope(
    event: DomainEvent,
    position: int,
    *,
    trace_context: dict[str, str] | None = None,
    payload: dict[str, Any] | None = None,
    schema_version: int | None = None,
) -> Envelope:
    """The envelope a subscription hands a projection for ``event`` stored at ``position``."""
    commune = getattr(event, "commune_id", COMMUNE)
    return Envelope(
        position=position,
        event_id=str(uuid.uuid4()),
        event_type=event.event_type,
        schema_version=schema_version or event.schema_version,
        stream_id=f"incoming-register:{commune}:UBND:2026",
        stream_version=position,
        commune_id=commune,
        occurred_at=RECORDED_AT + timedelta(minutes=position),
        recorded_at=RECORDED_AT + timedelta(minutes=position),
        actor="user-vanthu-01",
        correlation_id=str(uuid.uuid4()),
        causation_id=None,
        trace_context=trace_context or {},
        payload=payload if payload is not None else event.to_payload(),
        prev_hash=GENESIS_HASH,
        data=b"{}",
    )
