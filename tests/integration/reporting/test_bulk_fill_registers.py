"""The registers' set-based fills (PostgreSQL) give the rows that applying every event in order gives:
the incoming register, and the outgoing register with the resolution-tracking book."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from functools import cache

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import DocumentPassedOn, IncomingDocumentRegistered
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.events import DomainEvent
from oneoffice.reporting.adapters.document_registers_projection import (
    BOOK_DOCUMENTS,
    BOOK_TASKS,
    OUTGOING,
    DocumentRegistersProjection,
)
from oneoffice.reporting.adapters.incoming_register_projection import TABLE, IncomingRegisterProjection

from .bulk_support import Records, filled_rows, incremental_rows, province_records, records_of

COMMUNE = "16876"
OTHER = "16882"
_DAY = date(2026, 3, 2)
_ALL = 1 << 30  # a batch size: every event of a partition in one batch


@cache
def _province() -> Records:
    return province_records(4, 1500)


@pytest.fixture
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(pg_url)
    yield engine
    await engine.dispose()


def _at(step: int) -> datetime:
    return datetime(2026, 3, 2, 1, tzinfo=UTC) + timedelta(minutes=step)


def _records(events: list[tuple[str, str, DomainEvent]]) -> Records:
    return records_of((commune, stream, event, _at(i)) for i, (commune, stream, event) in enumerate(events))


# --- the incoming register ---------------------------------------------------------------------------


def _registered(
    document: str,
    number: int,
    *,
    commune: str = COMMUNE,
    body: str = "UBND",
    summary: str = "Về việc",
    duplicate_of: str | None = None,
) -> IncomingDocumentRegistered:
    return IncomingDocumentRegistered(
        document_id=document,
        commune_id=commune,
        body_code=body,
        incoming_number=number,
        year=_DAY.year,
        issuer="UBND tỉnh",
        number_symbol=f"{number}/QĐ-UBND",
        document_date=_DAY - timedelta(days=2),
        document_type="QD",
        summary=summary,
        urgency="KHAN",
        received_date=_DAY,
        registered_by="vanthu",
        duplicate_of=duplicate_of,
    )


def _passed_on(
    document: str, recipient: str, day: date, *, late: bool = False, commune: str = COMMUNE
) -> DocumentPassedOn:
    return DocumentPassedOn(
        document_id=document,
        commune_id=commune,
        body_code="UBND",
        recipient_kind="person",
        recipient=recipient,
        passed_on=day,
        passing_on_deadline=_DAY + timedelta(days=1),
        late=late,
        needs_action=True,
        passed_on_by="vanthu",
    )


def _incoming(document: str, commune: str = COMMUNE) -> str:
    return f"incoming-document:{commune}:{document}"


async def test_the_incoming_register_filled_from_a_province_equals_the_incremental_one(
    engine: AsyncEngine,
) -> None:
    records = _province()
    projection = IncomingRegisterProjection()

    filled = await filled_rows(engine, projection, records)

    # One batch per partition: the province passes some documents on at an earlier second of the day
    # they came, and a batch applies its registrations before its passings-on (see the fill's module).
    assert filled == await incremental_rows(engine, projection, records, batch=_ALL)
    rows = filled[TABLE]
    assert len(rows) > 500
    assert sum(1 for row in rows if row[17] is not None) > 500  # passed on
    assert any(row[19] for row in rows)  # passed on late


async def test_the_incoming_register_fill_keeps_first_registrations_and_last_passings_on(
    engine: AsyncEngine,
) -> None:
    records = _records(
        [
            # A passing-on staged before its document's registration counts (as in one batch).
            (COMMUNE, _incoming("d4"), _passed_on("d4", "early", _DAY)),
            (COMMUNE, _incoming("d4"), _registered("d4", 4)),
            (COMMUNE, _incoming("d1"), _registered("d1", 1)),
            (COMMUNE, _incoming("d1"), _passed_on("d1", "p-1", _DAY)),
            # A repeated registration keeps the first line, passings-on included.
            (COMMUNE, _incoming("d1"), _registered("d1", 1, summary="lặp lại")),
            (COMMUNE, _incoming("d1"), _passed_on("d1", "p-2", _DAY + timedelta(days=3), late=True)),
            # Never passed on; a duplicate of another document.
            (COMMUNE, _incoming("d2"), _registered("d2", 2, duplicate_of="d1")),
            # Passed on, then passed on again to another recipient: the later one counts.
            (OTHER, _incoming("d3", OTHER), _registered("d3", 1, commune=OTHER, body="DANG_UY")),
            (OTHER, _incoming("d3", OTHER), _passed_on("d3", "p-3", _DAY, late=True, commune=OTHER)),
            (OTHER, _incoming("d3", OTHER), _passed_on("d3", "p-4", _DAY, commune=OTHER)),
            # A passing-on of a document never registered here.
            (COMMUNE, _incoming("d9"), _passed_on("d9", "p-9", _DAY)),
        ]
    )
    projection = IncomingRegisterProjection()

    filled = await filled_rows(engine, projection, records)

    assert filled == await incremental_rows(engine, projection, records, batch=_ALL)
    by_document = {row[0]: row for row in filled[TABLE]}
    assert sorted(by_document) == ["d1", "d2", "d3", "d4"]
    assert by_document["d4"][12] == "early"
    assert by_document["d1"][10] == "Về việc" and by_document["d1"][12] == "p-2"
    assert by_document["d1"][19] is True
    assert by_document["d2"][12] is None and by_document["d2"][13] == "d1" and by_document["d2"][19] is False
    assert by_document["d3"][12] == "p-4" and by_document["d3"][19] is False


async def test_the_incoming_register_fill_leaves_out_a_document_whose_number_another_took_first(
    engine: AsyncEngine,
) -> None:
    # The incremental projection dead-letters the second registration (the number index refuses it).
    records = _records(
        [
            (COMMUNE, _incoming("d1"), _registered("d1", 7)),
            (COMMUNE, _incoming("d2"), _registered("d2", 7)),
            (COMMUNE, _incoming("d2"), _passed_on("d2", "p-2", _DAY)),
            (COMMUNE, _incoming("d3"), _registered("d3", 7, body="DANG_UY")),
        ]
    )

    filled = await filled_rows(engine, IncomingRegisterProjection(), records)

    assert sorted((row[0], row[12]) for row in filled[TABLE]) == [("d1", None), ("d3", None)]


# --- the outgoing register and the resolution-tracking book -----------------------------------------


async def test_the_document_registers_filled_from_a_province_equal_the_incremental_ones(
    engine: AsyncEngine,
) -> None:
    records = _province()
    projection = DocumentRegistersProjection()

    filled = await filled_rows(engine, projection, records)

    assert filled == await incremental_rows(engine, projection, records)
    assert len(filled[OUTGOING]) > 200 and len(filled[BOOK_DOCUMENTS]) > 500 and len(filled[BOOK_TASKS]) > 200
    assert any(row[12] is not None for row in filled[OUTGOING])  # dispatched
    tasks = filled[BOOK_TASKS]
    assert any(row[8] is not None for row in tasks) and any(row[10] for row in tasks)  # done, overdue
