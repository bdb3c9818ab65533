"""The figures' use cases on eventcore's in-memory store: the catalogue is published once per change,
refused reports append nothing, and the read model built from the events answers the figures and
conflicts (the SQLite projection, fed the events the use cases appended)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.figures_projection import FiguresProjection
from oneoffice.reporting.adapters.figures_reader import SqlFigureReader
from oneoffice.reporting.application.figure_ports import ConflictView, FigureView
from oneoffice.reporting.application.figures import Caller, FigureService, ReportDraft
from oneoffice.reporting.domain.figure_errors import CatalogueNotPublished, ConflictNotOpen, InvalidFigure

from .figure_samples import BODIES, INDICATORS

CLERK = Caller("vanthu-16876")
LEADER = Caller("lanhdao-16876")


class NoReader:
    async def figures(
        self, commune_id: str, indicator_code: str | None, period: str | None
    ) -> list[FigureView]:
        return []

    async def conflicts(self, commune_id: str, status: str | None) -> list[ConflictView]:
        return []


@pytest.fixture
def store() -> InMemoryEventStore:
    return InMemoryEventStore(FixedClock(datetime(2026, 5, 20, 3, tzinfo=UTC)))


@pytest.fixture
def service(store: InMemoryEventStore) -> FigureService:
    return FigureService(
        store, build_registry(), FixedClock(datetime(2026, 5, 20, 3, tzinfo=UTC)), BODIES, NoReader()
    )


async def test_publishing_the_catalogue_at_every_start_adds_a_version_only_when_it_changed(
    store: InMemoryEventStore, service: FigureService
) -> None:
    with pytest.raises(CatalogueNotPublished):
        await service.catalogue()
    assert (await service.publish_catalogue(CLERK, INDICATORS)).version == 1
    assert (await service.publish_catalogue(CLERK, INDICATORS)).version == 1
    # Another replica starting with the same table, on the same store: nothing new either.
    other = FigureService(
        store.sharing(), build_registry(), FixedClock(datetime.now(UTC)), BODIES, NoReader()
    )
    assert (await other.publish_catalogue(CLERK, INDICATORS)).version == 1
    assert (await service.publish_catalogue(CLERK, INDICATORS[:2])).version == 2
    assert len(await store.read_stream("indicator-catalogue")) == 2


async def test_a_refused_report_appends_nothing(store: InMemoryEventStore, service: FigureService) -> None:
    await service.publish_catalogue(CLERK, INDICATORS)
    before = await store.last_position()
    with pytest.raises(InvalidFigure):
        await service.report(CLERK, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q4", "UBND", "12.4"))
    assert await store.last_position() == before


async def test_reports_conflicts_and_adoptions_reach_the_read_model_in_order(
    store: InMemoryEventStore, service: FigureService, engine: AsyncEngine
) -> None:
    await service.publish_catalogue(CLERK, INDICATORS)
    first = await service.report(
        CLERK, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q1", "UBND", "12.4", "rà soát")
    )
    assert (first.status, first.figure.value) == ("agreed", Decimal("12.4"))
    second = await service.report(CLERK, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q1", "MTTQ", "13.1"))
    assert (second.status, second.figure.open_conflict) == ("conflict", "fc-16876-TL_HO_NGHEO-2026-Q1-1")
    await service.report(CLERK, "16876", ReportDraft("DS_TONG", "2025", "UBND", "24310"))
    adopted = await service.adopt(
        LEADER, "16876", "fc-16876-TL_HO_NGHEO-2026-Q1-1", "UBND", "Số liệu chính thức"
    )
    assert adopted.value == Decimal("12.4")
    with pytest.raises(ConflictNotOpen):
        await service.adopt(LEADER, "16876", "fc-16876-TL_HO_NGHEO-2026-Q1-1", "MTTQ", "đổi ý")

    runner = ProjectionRunner(engine, FiguresProjection())
    await runner.start()
    events = await store.read_all()
    async with engine.begin() as conn:
        await runner.handle_stored(conn, events)
    async with engine.begin() as conn:  # applied twice: nothing changes
        await runner.handle_stored(conn, events)
    reader = SqlFigureReader(engine, runner)

    figures = await reader.figures("16876", None, None)
    assert [(f.indicator_code, f.period, f.status, f.value) for f in figures] == [
        ("DS_TONG", "2025", "agreed", Decimal("24310")),
        ("TL_HO_NGHEO", "2026-Q1", "adopted", Decimal("12.4")),
    ]
    poor = figures[1]
    assert [(e.kind, e.body_code, e.value, e.text, e.actor) for e in poor.history] == [
        ("report", "UBND", Decimal("12.4"), "rà soát", "vanthu-16876"),
        ("report", "MTTQ", Decimal("13.1"), "", "vanthu-16876"),
        ("adoption", "UBND", Decimal("12.4"), "Số liệu chính thức", "lanhdao-16876"),
    ]
    assert await reader.conflicts("16876", "open") == []
    [conflict] = await reader.conflicts("16876", "adopted")
    assert (conflict.values, conflict.adopted_body, conflict.reason) == (
        {"MTTQ": Decimal("13.1"), "UBND": Decimal("12.4")},
        "UBND",
        "Số liệu chính thức",
    )
    assert await reader.figures("16882", None, None) == []
