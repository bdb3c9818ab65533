"""The SQL reader pages through the projection's active generation."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.incoming_register_reader import SqlIncomingRegisterReader

from .samples import envelope, registration


async def _apply(engine: AsyncEngine, handler: EventHandler, events: list[Envelope]) -> None:
    async with engine.begin() as conn:
        await handler.handle(conn, events)


async def test_reader_returns_the_lines_after_a_number_in_number_order(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    events = [registration(n) for n in (3, 1, 5, 2, 4)] + [registration(1, body="DANG_UY")]
    await _apply(engine, runner, [envelope(e, position=p) for p, e in enumerate(events, start=1)])
    reader = SqlIncomingRegisterReader(engine, runner)

    lines = await reader.read_page("16876", "UBND", 2026, after_number=1, limit=3)

    assert [line.incoming_number for line in lines] == [2, 3, 4]
    assert {line.body_code for line in lines} == {"UBND"}
    assert lines[0].document_id == "doc-UBND-2026-0002"
    assert lines[0].recipient is None


async def test_reader_follows_the_generation_a_rebuild_switched_to(
    engine: AsyncEngine, runner: ProjectionRunner
) -> None:
    await _apply(engine, runner, [envelope(registration(1), position=1)])
    reader = SqlIncomingRegisterReader(engine, runner)

    async def replay(handler: EventHandler, subscription: str) -> None:
        await _apply(engine, handler, [envelope(registration(n), position=n) for n in (1, 2)])

    generation = await runner.rebuild("reporting.incoming_register", replay)

    assert generation == 2
    lines = await reader.read_page("16876", "UBND", 2026, after_number=0, limit=10)
    assert [line.incoming_number for line in lines] == [1, 2]
