"""Relayed records COPYed into the staging table of a set-based rebuild (#13): each payload arrives as
the contract spells it, whatever its text holds (quotes, backslashes, escapes, Vietnamese), with the
envelope's instants and the relay's headers beside it."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest
import sqlalchemy as sa

from oneoffice.eventcore.database import create_engine
from oneoffice.reporting.adapters.bulk_staging import create_staging, stage_records
from tests.relayed_records import records_of
from tests.unit.reporting.samples import registration

pytestmark = pytest.mark.integration

AT = datetime(2026, 3, 2, 1, 30, 15, 250000, tzinfo=UTC)
SUMMARIES = [
    'Về việc "một văn phòng" \\ đợt 1',
    "Tab\tand newline\n and a backslash-n \\n, a NUL-like \\u0000 text",
    "Đảng ủy – HĐND – UBND – MTTQ 😀",
]


async def test_a_staged_payload_is_the_contract_s_payload_whatever_its_text(pg_url: str) -> None:
    events = [registration(n, commune_id="c1", summary=text) for n, text in enumerate(SUMMARIES, 1)]
    records = records_of([("c1", f"doc-{n}", event, AT) for n, event in enumerate(events)])["documents"]
    (partition, staged_records), *_ = records.items()
    engine = create_engine(pg_url)
    try:
        async with engine.begin() as conn:
            staged = await create_staging(conn, "bulk_events_copy")
            await stage_records(conn, staged, 0, partition, staged_records)
        async with engine.connect() as conn:
            rows = (await conn.execute(sa.select(staged).order_by(staged.c.off))).all()
    finally:
        await engine.dispose()

    assert [row.payload for row in rows] == [orjson.loads(orjson.dumps(e.to_payload())) for e in events]
    assert [row.payload["summary"] for row in rows] == SUMMARIES
    assert {row.occurred_at for row in rows} == {row.recorded_at for row in rows} == {AT}
    assert [row.position for row in rows] == [1, 2, 3]
    assert {(row.commune_id, row.event_type) for row in rows} == {
        ("c1", "documents.IncomingDocumentRegistered")
    }
