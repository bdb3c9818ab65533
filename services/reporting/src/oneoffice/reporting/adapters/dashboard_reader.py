"""Reads the dashboard's facts from the projection's active generation, in one snapshot.

The units, the facts of the communes asked for and the subscription's checkpoints are read in one
transaction (on PostgreSQL a repeatable read one): the "as of" positions are exactly those the facts
reflect, and every total the domain computes from them equals the sum of its rows. One query per
table for the whole answer, filtered by commune and day through the tables' indexes: never one round
trip per commune (a province has thousands).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.projection import ProjectionRunner, Tables
from oneoffice.eventcore.schema import subscription_checkpoints

from ..domain.dashboard import Adoption, DashboardFacts, StaffStint
from ..domain.kpis import ConflictFact, CoverageFact, DocumentFact, TaskFact
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
T = TypeVar("T")
# Which communes' facts to read, decided from the units read in the same snapshot (None: nothing).
Plan = Callable[[UnitTree], Collection[str] | None]


class SqlDashboardReader:
    def __init__(
        self, engine: AsyncEngine, runner: ProjectionRunner, subscription: str, clock: Clock | None = None
    ) -> None:
        self._engine = engine
        self._runner = runner
        self._subscription = subscription
        self._clock = clock or SystemClock()

    async def facts(self, plan: Plan, start: date | None, end: date | None) -> DashboardFacts:
        """The units, and the facts of the communes ``plan`` names from them: documents and coverage of
        ``[start, end)`` (every day: None), the tasks that can count in it, staff, adoptions, conflicts."""

        async def read(conn: AsyncConnection, tables: Tables) -> DashboardFacts:
            facts = DashboardFacts(tree=await _tree(conn, tables))
            codes = plan(facts.tree)
            if codes:
                chosen = sorted(set(codes))
                facts.adoptions = await _adoptions(conn, tables)
                facts.stints = await _stints(conn, tables, chosen)
                facts.documents = await _documents(conn, tables[DOCUMENTS], chosen, start, end)
                facts.tasks = await _tasks(conn, tables[TASKS], chosen, start)
                facts.coverage = await _coverage(conn, tables[COVERAGE], chosen, start, end)
                facts.conflicts = await _conflicts(conn, tables[CONFLICTS], chosen)
            facts.as_of = await self._as_of(conn)
            return facts

        return await self._in_snapshot(read)

    async def _as_of(self, conn: AsyncConnection) -> AsOf:
        table = subscription_checkpoints
        rows = await conn.execute(
            sa.select(table.c.source, table.c.partition, table.c.next_offset)
            .where(table.c.subscription == self._subscription)
            .order_by(table.c.source, table.c.partition)
        )
        return AsOf(tuple(Position(r[0], int(r[1]), int(r[2])) for r in rows), self._clock.now())

    async def _in_snapshot(self, read: Callable[[AsyncConnection, Tables], Awaitable[T]]) -> T:
        for attempt in range(1, _ATTEMPTS + 1):
            generation = await self._runner.active_generation()
            try:
                async with self._engine.connect() as plain:
                    conn = plain
                    if plain.dialect.name == "postgresql":
                        conn = await plain.execution_options(isolation_level="REPEATABLE READ")
                    async with conn.begin():
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


async def _stints(conn: AsyncConnection, tables: Tables, communes: list[str]) -> list[StaffStint]:
    stints, people = tables[STINTS], tables[PEOPLE]
    rows = await conn.execute(
        sa.select(stints, people.c.name, people.c.category, people.c.allowance, people.c.bodies)
        .join(people, people.c.person_id == stints.c.person_id)
        .where(stints.c.commune_id.in_(communes))
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


def _within(column: Any, start: date | None, end: date | None) -> list[Any]:
    return [c for c in (column >= start if start else None, column < end if end else None) if c is not None]


async def _documents(
    conn: AsyncConnection, table: sa.Table, communes: list[str], start: date | None, end: date | None
) -> list[DocumentFact]:
    rows = await conn.execute(
        sa.select(table).where(table.c.commune_id.in_(communes), *_within(table.c.arrived_on, start, end))
    )
    return [DocumentFact(r.document_id, r.commune_id, r.direction, r.arrived_on) for r in rows]


async def _tasks(
    conn: AsyncConnection, table: sa.Table, communes: list[str], start: date | None
) -> list[TaskFact]:
    query = sa.select(table).where(table.c.commune_id.in_(communes))
    if start is not None:
        # What can count in a period starting on ``start``: directed, completed or overdue since, or open.
        query = query.where(
            sa.or_(
                table.c.directed_on >= start,
                table.c.completed_on.is_(None),
                table.c.completed_on >= start,
                table.c.overdue_on >= start,
            )
        )
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


async def _coverage(
    conn: AsyncConnection, table: sa.Table, communes: list[str], start: date | None, end: date | None
) -> list[CoverageFact]:
    rows = await conn.execute(
        sa.select(table).where(table.c.commune_id.in_(communes), *_within(table.c.on, start, end))
    )
    return [CoverageFact(f"{r.coverage_id}/{r.kind}", r.commune_id, r.on) for r in rows]


async def _conflicts(conn: AsyncConnection, table: sa.Table, communes: list[str]) -> list[ConflictFact]:
    rows = await conn.execute(
        sa.select(table).where(table.c.commune_id.in_(communes), table.c.raised_at.is_not(None))
    )
    return [ConflictFact(r.conflict_id, r.commune_id, r.period, _utc(r.raised_at), _utc(r.adopted_at))
            for r in rows]  # fmt: skip


def _utc(moment: datetime | None) -> Any:
    # SQLite hands back the naive UTC time it stored.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment
