"""A stored version 1 registration decodes through the contracts registry and projects."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import build_registry
from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.incoming_register_projection import TABLE

from .samples import envelope, registration

# Exactly as a version 1 event is stored: JSON types only, dates as ISO strings.
V1_PAYLOAD = {
    "document_id": "doc-0001",
    "commune_id": "16876",
    "body_code": "DANG_UY",
    "incoming_number": 7,
    "year": 2025,
    "issuer": "Ban Thường vụ Tỉnh ủy Nghệ An",
    "number_symbol": "15-NQ/TU",
    "document_date": "2025-07-02",
    "document_type": "NQ",
    "summary": "Về việc kiện toàn tổ chức bộ máy cấp xã sau sắp xếp",
    "urgency": "HOA_TOC",
    "received_date": "2025-07-04",
    "registered_by": "user-vanthu-01",
    "duplicate_of": None,
}


def test_v1_payload_decodes_through_the_contracts_registry() -> None:
    event = build_registry().decode("documents.IncomingDocumentRegistered", 1, V1_PAYLOAD)

    assert isinstance(event, IncomingDocumentRegistered)
    assert event.document_date == date(2025, 7, 2)
    assert event.received_date == date(2025, 7, 4)
    assert event.urgency == "HOA_TOC"
    # Upcast to version 2, which records the symbol's parts: none were read in version 1.
    assert event.to_payload() == {**V1_PAYLOAD, "symbol": None}


async def test_v1_payload_projects_into_a_register_line(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    stored = envelope(registration(1), position=3, payload=V1_PAYLOAD, schema_version=1)

    async with engine.begin() as conn:
        await runner.handle(conn, [stored])
        table = (await runner.tables(conn))[TABLE]
        row = (await conn.execute(sa.select(table))).one()._mapping

    assert (row["commune_id"], row["body_code"], row["year"], row["incoming_number"]) == (
        "16876",
        "DANG_UY",
        2025,
        7,
    )
    assert row["number_symbol"] == "15-NQ/TU"
    assert row["received_date"] == date(2025, 7, 4)
    assert row["urgency"] == "HOA_TOC"
