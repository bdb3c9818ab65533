"""A report or an adoption answers once the figures' read model has its events (read-your-writes)."""

from __future__ import annotations

from datetime import UTC, datetime

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.reporting.application.figures import Caller, FigureService, ReportDraft

from .figure_samples import BODIES, INDICATORS
from .test_figure_service import NoReader

CLERK = Caller("vanthu-16876")


class ReadModel:
    """Records which positions the service waited for."""

    def __init__(self) -> None:
        self.waited_for: list[int] = []

    async def reached(self, position: int) -> bool:
        self.waited_for.append(position)
        return True


async def test_a_report_and_an_adoption_wait_for_the_read_model_to_reach_their_last_event() -> None:
    store = InMemoryEventStore(FixedClock(datetime(2026, 5, 20, 3, tzinfo=UTC)))
    read_model = ReadModel()
    service = FigureService(
        store,
        build_registry(),
        FixedClock(datetime(2026, 5, 20, 3, tzinfo=UTC)),
        BODIES,
        NoReader(),
        read_model_reached=read_model.reached,
    )
    await service.publish_catalogue(CLERK, INDICATORS)
    assert read_model.waited_for == [], "the catalogue has no read model to wait for (published at start)"

    await service.report(CLERK, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q1", "UBND", "12.4"))
    after_first = await store.last_position()
    outcome = await service.report(CLERK, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q1", "MTTQ", "13.1"))
    after_conflict = await store.last_position()  # the report and the conflict it raised
    conflict_id = outcome.figure.open_conflict
    assert conflict_id is not None
    await service.adopt(CLERK, "16876", conflict_id, "UBND", "Theo rà soát")

    assert read_model.waited_for == [after_first, after_conflict, await store.last_position()]
