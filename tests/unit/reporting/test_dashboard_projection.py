"""The dashboard projection (#13): facts of three topics into KPIs per commune, pilot against the
others, before against after adoption, workload and headcount; bad input refused; the same answer
whatever the interleaving of the topics, and after a rebuild."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events.documents import TaskReopened
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.dashboard_projection import DashboardProjection
from oneoffice.reporting.adapters.dashboard_reader import SqlDashboardReader
from oneoffice.reporting.application.dashboard import (
    DashboardQuery,
    get_commune_kpis,
    get_dashboard,
    get_workload,
)
from oneoffice.reporting.application.dashboard_cache import CachedDashboards
from oneoffice.reporting.application.dashboard_errors import UnitOutOfScope, UnknownUnit
from oneoffice.reporting.application.errors import InvalidQuery
from oneoffice.reporting.domain.dashboard import Dashboard
from oneoffice.reporting.domain.kpis import Kpis

from .dashboard_samples import DISTRICT, NOW, PROVINCE, TOPICS, C, N, done, envelope, incoming, task

CLOCK = FixedClock(NOW)
SUBSCRIPTION = "reporting.dashboard"


class Projected:
    """A fresh dashboard projection in its own SQLite file, fed event by event."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.runner = ProjectionRunner(engine, DashboardProjection(), CLOCK)
        self.reader = SqlDashboardReader(engine, self.runner, SUBSCRIPTION, CLOCK)
        self._position = 0

    async def apply(self, events: Sequence[tuple[str, DomainEvent]]) -> None:
        """In the order given, in one transaction; an event's time is its rank in its own topic."""
        async with self.engine.begin() as conn:
            for topic, event in events:
                self._position += 1
                rank = _RANKS[topic][id(event)] if id(event) in _RANKS[topic] else None
                await self.runner.handle(conn, [envelope(event, self._position, topic, rank)])

    async def apply_in_one_batch(self, events: Sequence[tuple[str, DomainEvent]]) -> None:
        envelopes = []
        for topic, event in events:
            self._position += 1
            rank = _RANKS[topic][id(event)] if id(event) in _RANKS[topic] else None
            envelopes.append(envelope(event, self._position, topic, rank))
        async with self.engine.begin() as conn:
            await self.runner.handle(conn, envelopes)

    async def dashboard(self, unit: str, period: str, **query: object) -> Dashboard:
        return await get_dashboard(self.reader, DashboardQuery(unit, period, **query), NOW)  # type: ignore[arg-type]

    async def rows(self) -> dict[str, list[tuple[object, ...]]]:
        async with self.engine.connect() as conn:
            tables = await self.runner.tables(conn)
            return {
                name: sorted((tuple(r) for r in await conn.execute(sa.select(t))), key=repr)
                for name, t in tables.items()
            }


async def _open(folder: Path) -> Projected:
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'reporting.db'}")
    await upgrade(engine)
    projected = Projected(engine)
    await projected.runner.start()
    return projected


# Each topic's events, built once (the interleavings share them), and their rank in their topic.
_EVENTS = {topic: events() for topic, events in TOPICS.items()}
_RANKS = {topic: {id(e): n for n, e in enumerate(events)} for topic, events in _EVENTS.items()}


def _in_topic_order() -> list[tuple[str, DomainEvent]]:
    return [(topic, event) for topic, events in _EVENTS.items() for event in events]


@pytest.fixture
async def projected(tmp_path: Path) -> AsyncIterator[Projected]:
    projected = await _open(tmp_path)
    await projected.apply(_in_topic_order())
    yield projected
    await projected.engine.dispose()


async def test_the_province_shows_its_communes_of_the_day_with_their_kpis_side_by_side(
    projected: Projected,
) -> None:
    board = await projected.dashboard(PROVINCE, "2026-Q1")

    assert [row.commune_id for row in board.communes] == [C, N]
    chi, nhon = board.communes
    # Nhôn continues An and Bình (merged on 1 July 2025): their history counts for it.
    assert nhon.history == (N, "A01", "B02")
    assert nhon.kpis == Kpis(
        documents_in=2,
        documents_out=1,
        direction_median_days=2.0,
        direction_p90_days=2.8,
        completion_median_days=8.5,
        completion_p90_days=12.1,
        completed=2,
        on_time=1,
        on_time_rate=0.5,
        overdue=1,
    )
    assert chi.kpis == Kpis(
        documents_in=2,
        documents_out=1,
        direction_median_days=3.0,
        direction_p90_days=3.0,
        completion_median_days=9.0,
        completion_p90_days=9.0,
        completed=1,
        on_time=1,
        on_time_rate=1.0,
        coverage_events=1,
        figures_in_conflict=1,
    )


async def test_totals_are_the_sums_of_their_communes_in_the_same_answer(projected: Projected) -> None:
    board = await projected.dashboard(PROVINCE, "2026-Q1")

    for counted in (
        "documents_in",
        "documents_out",
        "completed",
        "on_time",
        "overdue",
        "coverage_events",
        "figures_in_conflict",
    ):
        assert getattr(board.totals, counted) == sum(getattr(r.kpis, counted) for r in board.communes)
    # Percentiles of the pooled durations, never an average of medians.
    assert board.totals.direction_median_days == 3.0
    assert board.totals.completion_median_days == 9.0


async def test_pilot_communes_stand_against_the_others_and_before_against_after_adoption(
    projected: Projected,
) -> None:
    board = await projected.dashboard(PROVINCE, "2026-Q1")

    assert board.pilot == board.communes[1].kpis  # Nhôn carries An's 2017 pilot
    assert board.others == board.communes[0].kpis
    assert [(a.commune_id, a.adopted_on, a.pilot) for a in board.adoptions] == [
        ("A01", date(2017, 6, 1), True),
        (C, date(2026, 2, 1), False),
    ]
    # Chi adopted on 1 February 2026: its January document came before, the rest after.
    assert board.before_adoption.documents_in == 1
    assert board.after_adoption.documents_in == 3
    chi, nhon = board.communes
    assert chi.headcount_before == {"công chức": 1} and chi.headcount_after == {"công chức": 1}
    assert nhon.headcount_before == {"cán bộ": 1, "công chức": 1}
    assert nhon.headcount_after == {"cán bộ": 1, "công chức": 1, "hợp đồng": 1}


async def test_an_old_district_stays_viewable_as_it_stood_on_its_last_day(projected: Projected) -> None:
    board = await projected.dashboard(DISTRICT, "2017", scope=frozenset({N, C}))

    assert board.viewed_on == date(2025, 6, 30)
    assert [row.commune_id for row in board.communes] == ["A01", "B02", C]
    assert board.communes[0].kpis.documents_in == 2 and board.communes[0].pilot
    assert board.before_adoption.documents_in == 1 and board.after_adoption.documents_in == 1


async def test_the_hierarchy_is_the_one_of_the_as_of_day(projected: Projected) -> None:
    board = await projected.dashboard(
        PROVINCE, "2024", as_of=datetime.fromisoformat("2024-12-31T00:00:00+00:00")
    )

    assert [row.commune_id for row in board.communes] == ["A01", "B02", C]
    assert board.totals.documents_in == 1


async def test_a_communes_kpis_and_its_staff_workload(projected: Projected) -> None:
    kpis = await get_commune_kpis(projected.reader, N, "2026-Q1", NOW)
    assert kpis.totals == kpis.communes[0].kpis

    workload = await get_workload(projected.reader, N, NOW)
    shown = {s.person_id: (s.category, s.allowance, s.open, s.done, s.overdue) for s in workload.staff}
    assert shown == {
        "p-a1": ("công chức", Decimal("1.0"), 0, 3, 0),
        "p-b1": ("cán bộ", Decimal("2.67"), 1, 1, 0),
        "p-n2": ("hợp đồng", Decimal("1.0"), 0, 0, 0),
    }
    assert workload.headcount == {"cán bộ": 1, "công chức": 1, "hợp đồng": 1}


@pytest.mark.parametrize(
    ("unit", "period", "as_of", "field"),
    [
        (PROVINCE, "2026-Q5", None, "period"),
        (PROVINCE, "Q1-2026", None, "period"),
        (PROVINCE, "2026-Q3", None, "period"),  # not begun yet on 15 April 2026
        (PROVINCE, "2016", "2016-12-31T00:00:00+00:00", "as_of"),  # before the first event
    ],
)
async def test_bad_input_is_refused_naming_the_argument(
    projected: Projected, unit: str, period: str, as_of: str | None, field: str
) -> None:
    with pytest.raises(InvalidQuery) as refused:
        await projected.dashboard(unit, period, as_of=datetime.fromisoformat(as_of) if as_of else None)
    assert refused.value.field == field


async def test_an_unknown_unit_and_a_unit_outside_the_scope_are_refused(projected: Projected) -> None:
    with pytest.raises(UnknownUnit):
        await projected.dashboard("99999", "2026-Q1")
    with pytest.raises(UnitOutOfScope):
        await projected.dashboard(DISTRICT, "2026-Q1", scope=frozenset({C}))
    with pytest.raises(UnitOutOfScope):
        await projected.dashboard(PROVINCE, "2026-Q1", scope=frozenset({N}))
    # Every commune under it in scope: the province's roll-up of them is too.
    assert (await projected.dashboard(PROVINCE, "2026-Q1", scope=frozenset({C, N}))).communes


# The properties: any interleaving of the three topics (each in its own order) gives the same
# projection, and a rebuild from the log gives what the incremental application gave.


@st.composite
def interleaving(draw: st.DrawFn) -> list[tuple[str, DomainEvent]]:
    queues = {topic: [(topic, e) for e in events] for topic, events in _EVENTS.items()}
    merged: list[tuple[str, DomainEvent]] = []
    while any(queues.values()):
        topic = draw(st.sampled_from(sorted(t for t, q in queues.items() if q)))
        merged.append(queues[topic].pop(0))
    return merged


async def _answers(projected: Projected) -> tuple[object, ...]:
    return (
        await projected.rows(),
        await projected.dashboard(PROVINCE, "2026-Q1"),
        await projected.dashboard(DISTRICT, "2017"),
        await get_workload(projected.reader, N, NOW),
    )


class _Template:
    """A migrated database file, copied for each example (migrating costs more than the example)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory()
        self.path: Path | None = None
        self.answers: tuple[object, ...] | None = None

    async def copy_into(self, folder: Path) -> Projected:
        if self.path is None:
            engine = create_engine(f"sqlite+aiosqlite:///{Path(self._folder.name) / 'template.db'}")
            await upgrade(engine)
            await engine.dispose()
            self.path = Path(self._folder.name) / "template.db"
        shutil.copy(self.path, folder / "reporting.db")
        projected = Projected(create_engine(f"sqlite+aiosqlite:///{folder / 'reporting.db'}"))
        await projected.runner.start()
        return projected


_TEMPLATE = _Template()


@given(merged=interleaving())
@settings(max_examples=10, deadline=None, database=None)
async def test_any_interleaving_of_the_topics_gives_the_same_projection(
    merged: list[tuple[str, DomainEvent]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if _TEMPLATE.answers is None:
            canonical = await _TEMPLATE.copy_into(Path(folder))
            await canonical.apply(_in_topic_order())
            _TEMPLATE.answers = await _answers(canonical)
            await canonical.engine.dispose()
            os.remove(os.path.join(folder, "reporting.db"))
        shuffled = await _TEMPLATE.copy_into(Path(folder))
        try:
            await shuffled.apply(merged)
            assert await _answers(shuffled) == _TEMPLATE.answers
        finally:
            await shuffled.engine.dispose()


async def test_a_rebuild_equals_the_incremental_state(tmp_path: Path) -> None:
    projected = await _open(tmp_path)
    # Incrementally, the topics taken in turns (documents before their units and staff).
    queues = [[(topic, e) for e in events] for topic, events in reversed(_EVENTS.items())]
    await projected.apply([q.pop(0) for _ in range(max(map(len, queues))) for q in queues if q])
    before = await _answers(projected)
    merged = _in_topic_order()

    async def replay(handler: EventHandler, subscription: str) -> None:
        envelopes: list[Envelope] = [
            envelope(e, n, topic, _RANKS[topic][id(e)]) for n, (topic, e) in enumerate(merged, 1)
        ]
        async with projected.engine.begin() as conn:
            await _handle(handler, conn, envelopes)

    assert await projected.runner.rebuild(SUBSCRIPTION, replay) == 2
    assert await _answers(projected) == before
    await projected.engine.dispose()


async def _handle(handler: EventHandler, conn: AsyncConnection, events: list[Envelope]) -> None:
    await handler.handle(conn, events)


async def test_a_reopened_task_takes_its_documents_completion_back_until_it_is_done_again(
    projected: Projected,
) -> None:
    def chi(board: Dashboard) -> Kpis:
        return next(row.kpis for row in board.communes if row.commune_id == C)

    assert chi(await projected.dashboard(PROVINCE, "2026-Q1")).completion_median_days == 9.0
    reopened = TaskReopened(task_id="t-c-2", commune_id=C, reason="Thiếu", reopened_by="lanhdao")
    await projected.apply([("documents", reopened)])
    assert chi(await projected.dashboard(PROVINCE, "2026-Q1")).completion_median_days is None
    await projected.apply([("documents", done("t-c-2", C, date(2026, 3, 5)))])
    assert chi(await projected.dashboard(PROVINCE, "2026-Q1")).completion_median_days == 13.0


async def test_a_kept_answer_over_the_real_reader_is_the_fresh_one(
    projected: Projected,
) -> None:
    answers = CachedDashboards(projected.reader)
    version = await projected.reader.version()
    assert version.generation == 1
    kept = await answers.get(DashboardQuery(PROVINCE, "2026-Q1"), NOW)
    assert kept == await projected.dashboard(PROVINCE, "2026-Q1")
    assert await answers.get(DashboardQuery(PROVINCE, "2026-Q1"), NOW) == kept


async def test_the_topics_applied_in_one_batch_give_the_rows_of_event_by_event(
    projected: Projected, tmp_path: Path
) -> None:
    (tmp_path / "batched").mkdir()
    batched = await _open(tmp_path / "batched")
    try:
        # A rebuild applies a thousand events at a time: their row changes are batched.
        await batched.apply_in_one_batch(_in_topic_order())
        assert await batched.rows() == await projected.rows()
    finally:
        await batched.engine.dispose()


async def test_a_document_registered_after_its_first_task_takes_its_direction_whatever_the_batches(
    tmp_path: Path,
) -> None:
    first, second = date(2026, 3, 2), date(2026, 3, 9)
    events = [
        ("documents", task("t-late-1", C, "canbo", first, document="doc-late")),
        ("documents", done("t-late-1", C, second)),
        ("documents", incoming("doc-late", C, first)),  # recorded after its task
    ]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one_by_one, together = await _open(tmp_path / "a"), await _open(tmp_path / "b")
    try:
        await one_by_one.apply(events)  # a batch each
        await together.apply_in_one_batch(events)
        rows = (await one_by_one.rows())["documents"]
        assert [(r[1], r[4], r[5]) for r in rows] == [("doc-late", first, second)]
        assert rows == (await together.rows())["documents"]
    finally:
        await one_by_one.engine.dispose()
        await together.engine.dispose()
