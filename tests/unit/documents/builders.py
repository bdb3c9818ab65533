"""Realistic inputs for the documents tests: xã Tương Dương (16876), March 2026."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from oneoffice.documents.adapters.reference_data import load_catalogue
from oneoffice.documents.application.register_incoming import RegisterIncomingDocument
from oneoffice.documents.domain.incoming_document import (
    IncomingDocumentDetails,
    IncomingDocumentInput,
    validate_incoming_document,
)

COMMUNE = "16876"
TODAY = date(2026, 3, 10)
# 02:00 UTC on 10 March is 09:00 in Vietnam: the same calendar day.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
CATALOGUE = load_catalogue()


def document_input(**changes: Any) -> IncomingDocumentInput:
    base = IncomingDocumentInput(
        commune_id=COMMUNE,
        body_code="UBND",
        issuer="UBND tỉnh Nghệ An",
        number_symbol="125/QĐ-UBND",
        document_date="2026-03-02",
        document_type="QD",
        summary="Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
        urgency="NORMAL",
        received_date="2026-03-05",
        registered_by="van-thu",
    )
    return replace(base, **changes)


def details(**changes: Any) -> IncomingDocumentDetails:
    return validate_incoming_document(document_input(**changes), CATALOGUE, TODAY)


def register_command(idempotency_key: str = "key-1", **changes: Any) -> RegisterIncomingDocument:
    return RegisterIncomingDocument(
        document=document_input(**changes), idempotency_key=idempotency_key, correlation_id="corr-1"
    )
