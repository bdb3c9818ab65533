"""The incoming register projection turns registrations into register lines, once each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.staff import BodyRegistered
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.handlers import PoisonEvent
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.telemetry import inject_trace_context, setup_tracing
from oneoffice.reporting.adapters.incoming_register_projection import (
    SPAN_NAME,
    TABLE,
    IncomingRegisterProjection,
)

from .samples import RECORDED_AT, envelope, registration
from .work_samples import envelope as work
from .work_samples import passed_on


async def _apply(engine: AsyncEngine, runner: ProjectionRunner, events: Sequence[Envelope]) -> None:
    async with engine.begin() as conn:
        await runner.handle(conn, events)


async def _rows(engine: AsyncEngine, runner: ProjectionRunner) -> list[dict[str, Any]]:
    async with engine.connect() as conn:
        table = (await runner.tables(conn))[TABLE]
        result = await conn.execute(sa.select(table).order_by(table.c.incoming_number))
        return [dict(row._mapping) for row in result]


async def test_registered_document_becomes_one_line_of_its_body_register(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    stored = envelope(registration(7, duplicate_of="doc-UBND-2026-0003"), position=42)

    await _apply(engine, runner, [stored])

    [row] = await _rows(engine, runner)
    assert row == {
        "document_id": "doc-UBND-2026-0007",
        "commune_id": "16876",
        "body_code": "UBND",
        "year": 2026,
        "incoming_number": 7,
        "received_date": date(2026, 3, 2),
        "issuer": "UBND tỉnh Nghệ An",
        "number_symbol": "07/UBND-VX",
        "document_date": date(2026, 3, 1),
        "document_type": "CV",
        "summary": "Về việc triển khai mô hình một văn phòng, đợt 7",
        "urgency": "KHAN",
        "recipient": None,
        "duplicate_of": "doc-UBND-2026-0003",
        "registered_at": stored.recorded_at,
        "source_position": 42,
        "recipient_kind": None,
        "passed_on": None,
        "passing_on_deadline": None,
        "passed_on_late": False,
        "passed_on_by": None,
    }
    assert stored.recorded_at > RECORDED_AT


async def test_passing_on_fills_the_recipient_date_and_signature_columns_of_its_line(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    handed = passed_on("doc-UBND-2026-0007", kind="body", recipient="VP")
    late = passed_on("doc-UBND-2026-0008", recipient="p-chairman").model_copy(
        update={"passed_on": date(2026, 3, 4), "passing_on_deadline": date(2026, 3, 3), "late": True}
    )
    # Registered and passed on in one batch, the other line passed on in the next.
    await _apply(
        engine,
        runner,
        [envelope(registration(7), position=1), envelope(registration(8), position=2), work(handed, 3)],
    )
    await _apply(engine, runner, [work(late, 4)])

    columns = (
        "recipient_kind",
        "recipient",
        "passed_on",
        "passing_on_deadline",
        "passed_on_late",
        "passed_on_by",
    )
    assert [tuple(row[c] for c in columns) for row in await _rows(engine, runner)] == [
        ("body", "VP", date(2026, 3, 2), date(2026, 3, 2), False, "vanthu-16876"),
        ("leader", "p-chairman", date(2026, 3, 4), date(2026, 3, 3), True, "vanthu-16876"),
    ]


async def test_a_later_passing_on_replaces_the_earlier_and_a_repeated_one_changes_nothing(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    first = passed_on("doc-UBND-2026-0007", recipient="p-chairman")
    second = passed_on("doc-UBND-2026-0007", kind="person", recipient="p-clerk")
    await _apply(engine, runner, [envelope(registration(7), position=1), work(first, 2), work(second, 3)])
    await _apply(engine, runner, [work(second, 3)])

    [row] = await _rows(engine, runner)
    assert (row["recipient_kind"], row["recipient"]) == ("person", "p-clerk")


async def test_a_passing_on_of_a_document_not_in_the_register_adds_no_line(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    await _apply(engine, runner, [work(passed_on("doc-elsewhere"), 1)])

    assert await _rows(engine, runner) == []


async def test_applying_the_same_registration_twice_changes_nothing(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    first = envelope(registration(1), position=1)
    await _apply(engine, runner, [first, envelope(registration(2), position=2)])
    before = await _rows(engine, runner)

    # Redelivered in a later batch, and again within one batch, under a later position.
    await _apply(engine, runner, [first])
    await _apply(engine, runner, [envelope(registration(1, summary="changed"), position=9)] * 2)

    assert await _rows(engine, runner) == before


async def test_a_batch_with_an_already_present_document_adds_only_the_new_ones(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    await _apply(engine, runner, [envelope(registration(2), position=2)])
    before = await _rows(engine, runner)

    # A redelivered registration in the middle of a batch of new ones.
    batch = [envelope(registration(1), position=1), envelope(registration(2, summary="again"), position=5)]
    await _apply(engine, runner, [*batch, envelope(registration(3), position=6)])

    rows = await _rows(engine, runner)
    assert [r["incoming_number"] for r in rows] == [1, 2, 3]
    assert rows[1] == before[0], "the present line is left as it was"


async def test_a_batch_is_written_in_one_statement_without_reading_first(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement.split(None, 1)[0].upper())

    events = [envelope(registration(n), position=n) for n in range(1, 51)]
    sa.event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        await _apply(engine, runner, events)
    finally:
        sa.event.remove(engine.sync_engine, "before_cursor_execute", record)

    # The generation lookup, then one INSERT for the 50 registrations.
    assert statements.count("INSERT") == 1, statements
    assert statements.count("SELECT") == 1, statements
    assert len(await _rows(engine, runner)) == 50


async def test_events_of_other_types_are_ignored(engine: AsyncEngine, runner: ProjectionRunner) -> None:
    body = BodyRegistered(commune_id="16876", body_code="UBND", name="Ủy ban nhân dân", family="STATE")

    await _apply(engine, runner, [envelope(body, position=1), envelope(registration(1), position=2)])

    assert [row["document_id"] for row in await _rows(engine, runner)] == ["doc-UBND-2026-0001"]


async def test_each_body_and_year_keeps_its_own_numbering(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    events = [
        registration(1, body="UBND"),
        registration(1, body="DANG_UY"),
        registration(1, body="UBND", year=2025),
    ]

    await _apply(engine, runner, [envelope(e, position=n) for n, e in enumerate(events, start=1)])

    rows = await _rows(engine, runner)
    assert sorted((r["body_code"], r["year"], r["incoming_number"]) for r in rows) == [
        ("DANG_UY", 2026, 1),
        ("UBND", 2025, 1),
        ("UBND", 2026, 1),
    ]


async def test_a_second_document_with_a_taken_incoming_number_is_rejected(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    await _apply(engine, runner, [envelope(registration(3), position=1)])
    clash = registration(3, document_id="doc-other")

    # Rejected as poison, so the subscription dead-letters it and reports it: never listed twice.
    with pytest.raises(PoisonEvent, match="already taken"):
        await _apply(engine, runner, [envelope(clash, position=2)])
    assert [row["document_id"] for row in await _rows(engine, runner)] == ["doc-UBND-2026-0003"]


async def test_projection_span_continues_the_trace_of_the_registering_request(engine: AsyncEngine) -> None:
    exporter = InMemorySpanExporter()
    provider = setup_tracing("reporting", exporter=exporter)
    runner = ProjectionRunner(engine, IncomingRegisterProjection(tracer_provider=provider))
    await runner.start()
    with provider.get_tracer("test").start_as_current_span("RegisterIncomingDocument") as request_span:
        stored_context = inject_trace_context()

    await _apply(engine, runner, [envelope(registration(1), position=1, trace_context=stored_context)])

    [span] = [s for s in exporter.get_finished_spans() if s.name == SPAN_NAME]
    assert SPAN_NAME == "project documents.IncomingDocumentRegistered"
    assert span.kind is SpanKind.CONSUMER
    assert span.context is not None and span.parent is not None
    assert span.context.trace_id == request_span.get_span_context().trace_id
    assert span.parent.span_id == request_span.get_span_context().span_id
    assert span.parent.is_remote
    provider.shutdown()


async def test_events_of_other_types_leave_no_span(engine: AsyncEngine) -> None:
    exporter = InMemorySpanExporter()
    provider = setup_tracing("reporting", exporter=exporter)
    runner = ProjectionRunner(engine, IncomingRegisterProjection(tracer_provider=provider))
    await runner.start()
    body = BodyRegistered(commune_id="16876", body_code="UBND", name="Ủy ban nhân dân", family="STATE")

    await _apply(engine, runner, [envelope(body, position=1)])

    assert exporter.get_finished_spans() == ()
    provider.shutdown()
