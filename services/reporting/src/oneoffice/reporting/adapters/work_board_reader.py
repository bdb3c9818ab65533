"""Reads the boards from the work-board projection's active generation, with the positions they reflect.

The rows and the subscription's checkpoints are read in one transaction, on PostgreSQL a repeatable
read one: one snapshot, so the "as of" positions are exactly those the rows reflect (the applier
writes the rows and the checkpoints in one transaction). A rebuild that drops the generation between
two reads makes the read fail on PostgreSQL; it is then repeated on the new generation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.projection import ProjectionRunner, Tables
from oneoffice.eventcore.schema import subscription_checkpoints

from ..domain.work_board import (
    AsOf,
    MyDay,
    PassedOnDocument,
    Position,
    TrackedTask,
    WorkBoard,
    my_day,
    work_board,
)
from .work_board_projection import DOCUMENTS, TASK_PEOPLE, TASKS

_ATTEMPTS = 3
T = TypeVar("T")


class SqlWorkBoardReader:
    def __init__(
        self, engine: AsyncEngine, runner: ProjectionRunner, subscription: str, clock: Clock | None = None
    ) -> None:
        self._engine = engine
        self._runner = runner
        self._subscription = subscription
        self._clock = clock or SystemClock()

    async def work_board(self, commune_id: str) -> WorkBoard:
        async def read(conn: AsyncConnection, tables: Tables) -> WorkBoard:
            tasks_table, documents_table = tables[TASKS], tables[DOCUMENTS]
            tasks = [
                _task(row)
                for row in await conn.execute(
                    sa.select(tasks_table).where(
                        tasks_table.c.commune_id == commune_id, tasks_table.c.done.is_(False)
                    )
                )
            ]
            documents = [
                _document(row)
                for row in await conn.execute(
                    sa.select(documents_table).where(
                        documents_table.c.commune_id == commune_id, documents_table.c.untracked.is_(True)
                    )
                )
            ]
            tasked = await _tasked(conn, tasks_table, [d.document_id for d in documents])
            return work_board(commune_id, tasks, documents, tasked, await self._as_of(conn))

        return await self._in_snapshot(read)

    async def my_day(self, person_id: str, communes: Collection[str] | None) -> MyDay:
        """``communes`` None: every commune (a role reaching every commune)."""

        async def read(conn: AsyncConnection, tables: Tables) -> MyDay:
            tasks_table, people, documents_table = tables[TASKS], tables[TASK_PEOPLE], tables[DOCUMENTS]
            query = (
                sa.select(tasks_table)
                .join(people, people.c.task_id == tasks_table.c.task_id)
                .where(people.c.person_id == person_id, tasks_table.c.done.is_(False))
            )
            documents_query = sa.select(documents_table).where(
                documents_table.c.recipient == person_id,
                documents_table.c.recipient_kind == "leader",
                documents_table.c.needs_action.is_(True),
            )
            if communes is not None:
                query = query.where(tasks_table.c.commune_id.in_(sorted(communes)))
                documents_query = documents_query.where(documents_table.c.commune_id.in_(sorted(communes)))
            tasks = [_task(row) for row in await conn.execute(query)]
            documents = [_document(row) for row in await conn.execute(documents_query)]
            tasked = await _tasked(conn, tasks_table, [d.document_id for d in documents])
            return my_day(person_id, tasks, documents, tasked, await self._as_of(conn))

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
                if attempt == _ATTEMPTS or await self._runner.active_generation() == generation:
                    raise
        raise AssertionError("unreachable")


async def _tasked(conn: AsyncConnection, tasks: sa.Table, document_ids: list[str]) -> set[str]:
    """Those of the documents that some task (open or done) names."""
    if not document_ids:
        return set()
    rows = await conn.execute(
        sa.select(tasks.c.document_id).where(tasks.c.document_id.in_(sorted(set(document_ids)))).distinct()
    )
    return {row[0] for row in rows}


def _task(row: sa.Row[Any]) -> TrackedTask:
    m = row._mapping
    return TrackedTask(
        task_id=m["task_id"],
        commune_id=m["commune_id"],
        title=m["title"],
        lead=m["lead"],
        coordinators=tuple(m["coordinators"]),
        deadline=m["deadline"],
        deadline_number=m["deadline_number"],
        done=bool(m["done"]),
        due_soon=bool(m["due_soon"]),
        overdue=bool(m["overdue"]),
        body_code=m["body_code"],
        document_id=m["document_id"],
        percentage=m["percentage"],
    )


def _document(row: sa.Row[Any]) -> PassedOnDocument:
    m = row._mapping
    return PassedOnDocument(
        document_id=m["document_id"],
        commune_id=m["commune_id"],
        body_code=m["body_code"],
        recipient_kind=m["recipient_kind"],
        recipient=m["recipient"],
        passed_on=m["passed_on"],
        needs_action=bool(m["needs_action"]),
        untracked=bool(m["untracked"]),
        untracked_on=m["untracked_on"],
    )
