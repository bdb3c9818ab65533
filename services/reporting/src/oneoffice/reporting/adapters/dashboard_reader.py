"""Reads the dashboard's facts from the projection's active generation, in one snapshot.

The units, the facts of the communes asked for and the subscription's checkpoints are read in one
transaction (on PostgreSQL a repeatable read one): the "as of" positions are exactly those the facts
reflect, and every total the domain computes from them equals the sum of its rows. The documents and
tasks are counted by the database (GROUP BY per unit and part, durations as histograms of whole days):
a province of thousands of communes answers with a few thousand rows, never its millions of facts, and
a few queries, never one round trip per commune. The units counted and the day each one's commune
adopted the model go to the database as one relation (two arrays unnested on PostgreSQL, a VALUES list
on SQLite).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.projection import ProjectionRunner, Tables
from oneoffice.eventcore.schema import projection_generations, subscription_checkpoints

from ..domain.dashboard import Adoption, DashboardFacts, Part, ProjectionVersion, Selection, StaffStint
from ..domain.kpis import ConflictFact, Tally, TaskFact
from ..domain.unit_tree import UnitFacts, UnitTree
from ..domain.work_board import AsOf, Position
from .dashboard_projection import (
    ADOPTIONS,
    CONFLICTS,
    COVERAGE,
    DOCUMENTS,
    NAMES,
    PARENTS,
    PEOPLE,
    STINTS,
    TASKS,
    UNITS,
)

_ATTEMPTS = 3
# Asked before every dashboard answer: plain text (half the CPU of building the statement each time).
_VERSION = sa.text(
    f"SELECT '' AS source, generation, 0 AS next_offset FROM {projection_generations.name} WHERE name = :name"
    f" UNION ALL SELECT source, partition, next_offset FROM {subscription_checkpoints.name}"
    " WHERE subscription = :subscription"
)
T = TypeVar("T")
# What to count, decided from the units and adoptions read in the same snapshot.
Plan = Callable[[UnitTree, Sequence[Adoption]], Selection]
# Whose raw tasks and staff to read (a workload), decided from the units read in the same snapshot.
WorkloadPlan = Callable[[UnitTree], Collection[str]]


class SqlDashboardReader:
    def __init__(
        self, engine: AsyncEngine, runner: ProjectionRunner, subscription: str, clock: Clock | None = None
    ) -> None:
        self._engine = engine
        self._runner = runner
        self._subscription = subscription
        self._clock = clock or SystemClock()

    async def facts(self, plan: Plan) -> DashboardFacts:
        """The units and adoptions; the tallies of the units ``plan`` selects from them (documents,
        tasks, coverage counted in the database), their staff and figure conflicts."""

        async def read(conn: AsyncConnection, tables: Tables) -> DashboardFacts:
            facts = DashboardFacts(tree=await _tree(conn, tables), adoptions=await _adoptions(conn, tables))
            selection = plan(facts.tree, facts.adoptions)
            if selection.splits:
                units = _units(conn, selection.splits)
                facts.stints = await _stints(conn, tables, units)
                facts.conflicts = await _conflicts(conn, tables[CONFLICTS], units)
                facts.tallies = await _Counting(conn, tables, units, selection).tallies()
            facts.as_of = await self._as_of(conn)
            return facts

        return await self._in_snapshot(read)

    async def workload_facts(self, plan: WorkloadPlan) -> DashboardFacts:
        """The units, and every task and stint of the units ``plan`` names from them."""

        async def read(conn: AsyncConnection, tables: Tables) -> DashboardFacts:
            facts = DashboardFacts(tree=await _tree(conn, tables))
            codes = plan(facts.tree)
            if codes:
                units = _units(conn, dict.fromkeys(codes))
                facts.stints = await _stints(conn, tables, units)
                facts.tasks = await _tasks(conn, tables[TASKS], units)
            facts.as_of = await self._as_of(conn)
            return facts

        return await self._in_snapshot(read)

    async def version(self) -> ProjectionVersion:
        """The active generation and the positions it reflects: one indexed lookup, no facts read."""
        async with self._engine.connect() as conn:
            rows = (
                await conn.execute(_VERSION, {"name": self._runner.name, "subscription": self._subscription})
            ).all()
        generation = next((int(r[1]) for r in rows if r[0] == ""), 0)
        positions = (Position(r[0], int(r[1]), int(r[2])) for r in rows if r[0] != "")
        return ProjectionVersion(generation, frozenset(positions))

    async def _as_of(self, conn: AsyncConnection) -> AsOf:
        return AsOf(await self._positions(conn), self._clock.now())

    async def _positions(self, conn: AsyncConnection) -> tuple[Position, ...]:
        table = subscription_checkpoints
        rows = await conn.execute(
            sa.select(table.c.source, table.c.partition, table.c.next_offset)
            .where(table.c.subscription == self._subscription)
            .order_by(table.c.source, table.c.partition)
        )
        return tuple(Position(r[0], int(r[1]), int(r[2])) for r in rows)

    async def _in_snapshot(self, read: Callable[[AsyncConnection, Tables], Awaitable[T]]) -> T:
        for attempt in range(1, _ATTEMPTS + 1):
            generation = await self._runner.active_generation()
            try:
                async with self._engine.connect() as plain:
                    conn = plain
                    if plain.dialect.name == "postgresql":
                        conn = await plain.execution_options(isolation_level="REPEATABLE READ")
                    async with conn.begin():
                        if conn.dialect.name == "postgresql":
                            # Compiling the counts costs more than it saves: they scan simple indexes.
                            await conn.execute(sa.text("SET LOCAL jit = off"))
                        return await read(conn, await self._runner.tables(conn))
            except DBAPIError:
                # A rebuild dropped the generation between two reads: read the new one.
                if attempt == _ATTEMPTS or await self._runner.active_generation() == generation:
                    raise
        raise AssertionError("unreachable")


async def _tree(conn: AsyncConnection, tables: Tables) -> UnitTree:
    parents: dict[str, list[tuple[date, str | None]]] = defaultdict(list)
    names: dict[str, list[tuple[date, str, str]]] = defaultdict(list)
    for row in await conn.execute(sa.select(tables[PARENTS])):
        parents[row.code].append((row.valid_from, row.parent))
    for row in await conn.execute(sa.select(tables[NAMES])):
        names[row.code].append((row.valid_from, row.name, row.kind))
    return UnitTree(
        UnitFacts(
            code=row.code,
            valid_from=row.valid_from,
            ended_on=row.ended_on,
            successor=row.successor,
            parents=tuple(parents[row.code]),
            names=tuple(names[row.code]),
        )
        for row in await conn.execute(sa.select(tables[UNITS]))
    )


async def _adoptions(conn: AsyncConnection, tables: Tables) -> list[Adoption]:
    rows = await conn.execute(sa.select(tables[ADOPTIONS]))
    return [Adoption(r.commune_id, r.adopted_on, r.wave) for r in rows]


def _units(conn: AsyncConnection, splits: Mapping[str, date | None]) -> sa.FromClause:
    """The relation (code, split) of the units counted, each with its split day (NULL: none)."""
    codes, days = list(splits), list(splits.values())
    if conn.dialect.name == "postgresql":
        unnested = sa.func.unnest(
            sa.bindparam("unit_codes", codes, type_=ARRAY(sa.String)),
            sa.bindparam("unit_splits", days, type_=ARRAY(sa.Date)),
        )
        return cast(sa.FromClause, unnested.table_valued("code", "split").render_derived(name="counted"))
    values = sa.values(sa.column("code", sa.String), sa.column("split", sa.Date), name="counted")
    return values.data(list(zip(codes, days, strict=True))).cte("counted")


async def _stints(conn: AsyncConnection, tables: Tables, units: sa.FromClause) -> list[StaffStint]:
    stints, people = tables[STINTS], tables[PEOPLE]
    rows = await conn.execute(
        sa.select(stints, people.c.name, people.c.category, people.c.allowance, people.c.bodies)
        .join(people, people.c.person_id == stints.c.person_id)
        .join(units, units.c.code == stints.c.commune_id)
    )
    return [
        StaffStint(
            person_id=r.person_id,
            commune_id=r.commune_id,
            from_day=r.from_day,
            to_day=r.to_day,
            name=r.name,
            category=r.category,
            allowance=Decimal(r.allowance),
            bodies=tuple(r.bodies),
        )
        for r in rows
    ]


class _Counting:
    """The tallies of a selection, by (unit, part): a handful of GROUP BY queries."""

    def __init__(
        self, conn: AsyncConnection, tables: Tables, units: sa.FromClause, selection: Selection
    ) -> None:
        self._conn = conn
        self._tables = tables
        self._units = units
        self._selection = selection
        self._found: dict[tuple[str, Part], Tally] = {}

    def _tally(self, code: str, part: str) -> Tally:
        key = (code, cast(Part, part))
        if key not in self._found:
            self._found[key] = Tally()
        return self._found[key]

    def _part(self, day: Any) -> Any:
        split = self._units.c.split
        return sa.case((split.is_(None), "all"), (day < split, "before"), else_="after").label("part")

    def _within(self, day: Any) -> Any:
        return sa.and_(day >= self._selection.start, day < self._selection.end)

    def _days(self, later: Any, earlier: Any) -> Any:
        if self._conn.dialect.name == "postgresql":
            return sa.type_coerce(later - earlier, sa.Integer)
        return sa.cast(sa.func.julianday(later) - sa.func.julianday(earlier), sa.Integer)

    async def tallies(self) -> dict[tuple[str, Part], Tally]:
        await self._documents()
        await self._durations()
        await self._tasks()
        await self._coverage()
        return self._found

    async def _documents(self) -> None:
        documents = self._tables[DOCUMENTS]
        part = self._part(documents.c.arrived_on)
        query = (
            sa.select(documents.c.commune_id, documents.c.direction, part, sa.func.count())
            .join(self._units, self._units.c.code == documents.c.commune_id)
            .where(self._within(documents.c.arrived_on))
            .group_by(documents.c.commune_id, documents.c.direction, part)
        )
        for code, direction, part_of, count in await self._conn.execute(query):
            tally = self._tally(code, part_of)
            if direction == "out":
                tally.documents_out += count
            else:
                tally.documents_in += count

    async def _durations(self) -> None:
        """Per incoming document of the window: days from arrival to its first direction (made by the
        last day) and to the completion of all its tasks (all done by then), from the columns the
        projection keeps (:class:`..dashboard_projection._Touched`)."""
        documents = self._tables[DOCUMENTS]
        last_day = self._selection.last_day
        part = self._part(documents.c.arrived_on)
        code = documents.c.commune_id
        arrived = documents.c.arrived_on

        def histogram(kind: str, day: Any) -> sa.Select[Any]:
            days = self._days(day, arrived)
            return (
                sa.select(sa.literal(kind), code, part, days, sa.func.count())
                .join(self._units, self._units.c.code == code)
                .where(documents.c.direction == "in", self._within(arrived), day <= last_day)
                .group_by(code, part, days)
            )

        query = sa.union_all(
            histogram("direction", documents.c.directed_on), histogram("completion", documents.c.completed_on)
        )
        for kind, unit, part_of, days, count in await self._conn.execute(query):
            tally = self._tally(unit, part_of)
            histogram_of = tally.to_direction if kind == "direction" else tally.to_completion
            histogram_of[int(days)] += count

    async def _tasks(self) -> None:
        tasks = self._tables[TASKS]
        part = self._part(tasks.c.completed_on)
        on_time = sa.case((tasks.c.completed_on <= tasks.c.deadline, 1), else_=0)
        completed = (
            sa.select(tasks.c.commune_id, part, sa.func.count(), sa.func.sum(on_time))
            .join(self._units, self._units.c.code == tasks.c.commune_id)
            .where(tasks.c.done, self._within(tasks.c.completed_on))
            .group_by(tasks.c.commune_id, part)
        )
        for code, part_of, count, in_time in await self._conn.execute(completed):
            tally = self._tally(code, part_of)
            tally.completed += count
            tally.on_time += int(in_time or 0)
        part = self._part(tasks.c.overdue_on)
        overdue = (
            sa.select(tasks.c.commune_id, part, sa.func.count())
            .join(self._units, self._units.c.code == tasks.c.commune_id)
            .where(self._within(tasks.c.overdue_on))
            .group_by(tasks.c.commune_id, part)
        )
        for code, part_of, count in await self._conn.execute(overdue):
            self._tally(code, part_of).overdue += count

    async def _coverage(self) -> None:
        coverage = self._tables[COVERAGE]
        part = self._part(coverage.c.on)
        query = (
            sa.select(coverage.c.commune_id, part, sa.func.count())
            .join(self._units, self._units.c.code == coverage.c.commune_id)
            .where(self._within(coverage.c.on))
            .group_by(coverage.c.commune_id, part)
        )
        for code, part_of, count in await self._conn.execute(query):
            self._tally(code, part_of).coverage_events += count


async def _tasks(conn: AsyncConnection, table: sa.Table, units: sa.FromClause) -> list[TaskFact]:
    query = sa.select(table).join(units, units.c.code == table.c.commune_id)
    return [
        TaskFact(
            task_id=r.task_id,
            commune_id=r.commune_id,
            lead=r.lead,
            directed_on=r.directed_on,
            deadline=r.deadline,
            document_id=r.document_id,
            body_code=r.body_code,
            done=bool(r.done),
            completed_on=r.completed_on,
            overdue_on=r.overdue_on,
        )
        for r in await conn.execute(query)
    ]


async def _conflicts(conn: AsyncConnection, table: sa.Table, units: sa.FromClause) -> list[ConflictFact]:
    rows = await conn.execute(
        sa.select(table).join(units, units.c.code == table.c.commune_id).where(table.c.raised_at.is_not(None))
    )
    return [ConflictFact(r.conflict_id, r.commune_id, r.period, _utc(r.raised_at), _utc(r.adopted_at))
            for r in rows]  # fmt: skip


def _utc(moment: datetime | None) -> Any:
    # SQLite hands back the naive UTC time it stored.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
