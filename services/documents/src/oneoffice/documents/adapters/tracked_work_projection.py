"""The documents service's read model of tracked work: how each incoming document was passed on (the
register's "đơn vị hoặc người nhận" / "ngày chuyển" columns) and every task's current state.

Fed by a catch-up subscription on the service's own store, exactly once per event. Due-soon and
overdue events (the deadline watcher's) mark the deadline number they were raised for.
"""

from __future__ import annotations

from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables

from ..application.work_ports import PassingOnView, TaskFilter, TaskView

_TYPES = frozenset(event.event_type for event in contract.WORK_EVENTS)


def _split(text: str) -> list[str]:
    return [part for part in text.split(",") if part]


class TrackedWorkProjection(Projection):
    name: ClassVar[str] = "documents.tracked_work"

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "passings": sa.Table(
                f"work_passings{suffix}",
                metadata,
                sa.Column("document_id", sa.String(64), primary_key=True),
                sa.Column("commune_id", sa.String(64), nullable=False),
                sa.Column("recipient_kind", sa.String(16), nullable=False),
                sa.Column("recipient", sa.String(64), nullable=False),
                sa.Column("passed_on", sa.Date, nullable=False),
                sa.Column("passing_on_deadline", sa.Date, nullable=False),
                sa.Column("late", sa.Boolean, nullable=False),
                sa.Column("needs_action", sa.Boolean, nullable=False),
                sa.Column("passed_on_by", sa.String(100), nullable=False),
            ),
            "tasks": sa.Table(
                f"work_tasks{suffix}",
                metadata,
                sa.Column("task_id", sa.String(64), primary_key=True),
                sa.Column("commune_id", sa.String(64), nullable=False, index=True),
                sa.Column("title", sa.Text, nullable=False),
                sa.Column("document_id", sa.String(64), nullable=True),
                sa.Column("body_code", sa.String(32), nullable=True),
                sa.Column("lead", sa.String(64), nullable=False),
                # Person ids joined with commas (ids hold no comma).
                sa.Column("coordinators", sa.Text, nullable=False),
                sa.Column("deadline", sa.Date, nullable=False),
                sa.Column("deadline_number", sa.Integer, nullable=False),
                sa.Column("status", sa.String(8), nullable=False),
                sa.Column("percentage", sa.Integer, nullable=True),
                sa.Column("directed_by", sa.String(100), nullable=False),
                sa.Column("directed_on", sa.Date, nullable=False),
                sa.Column("completed_on", sa.Date, nullable=True),
                sa.Column("due_soon_number", sa.Integer, nullable=True),
                sa.Column("overdue_number", sa.Integer, nullable=True),
            ),
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type not in _TYPES:
            return
        payload = event.payload
        tasks = tables["tasks"]
        task = tasks.c.task_id == payload.get("task_id")
        match event.event_type:
            case contract.DocumentPassedOn.event_type:
                passed = contract.DocumentPassedOn.model_validate(payload)
                passings = tables["passings"]
                await conn.execute(passings.delete().where(passings.c.document_id == passed.document_id))
                await conn.execute(
                    passings.insert().values(
                        passed.model_dump(exclude={"body_code"}),
                    )
                )
            case contract.TaskCreated.event_type:
                created = contract.TaskCreated.model_validate(payload)
                values: dict[str, Any] = created.model_dump(exclude={"note"})
                values["coordinators"] = ",".join(created.coordinators)
                await conn.execute(
                    tasks.insert().values(**values, deadline_number=1, status="open", percentage=None)
                )
            case contract.TaskProgressNoted.event_type:
                noted = contract.TaskProgressNoted.model_validate(payload)
                if noted.percentage is not None:
                    await conn.execute(tasks.update().where(task).values(percentage=noted.percentage))
            case contract.TaskCompleted.event_type:
                done = contract.TaskCompleted.model_validate(payload)
                await conn.execute(
                    tasks.update().where(task).values(status="done", completed_on=done.completed_on)
                )
            case contract.TaskReassigned.event_type:
                moved = contract.TaskReassigned.model_validate(payload)
                await conn.execute(
                    tasks.update()
                    .where(task)
                    .values(lead=moved.lead, coordinators=",".join(moved.coordinators))
                )
            case contract.TaskDeadlineExtended.event_type:
                extended = contract.TaskDeadlineExtended.model_validate(payload)
                await conn.execute(
                    tasks.update()
                    .where(task)
                    .values(deadline=extended.deadline, deadline_number=extended.deadline_number)
                )
            case contract.TaskReopened.event_type:
                await conn.execute(tasks.update().where(task).values(status="open", completed_on=None))
            case contract.TaskDueSoon.event_type:
                soon = contract.TaskDueSoon.model_validate(payload)
                await conn.execute(tasks.update().where(task).values(due_soon_number=soon.deadline_number))
            case contract.TaskOverdue.event_type:
                late = contract.TaskOverdue.model_validate(payload)
                await conn.execute(tasks.update().where(task).values(overdue_number=late.deadline_number))


class SqlTrackedWork:
    """The ``TrackedWorkReader`` port over the projection's active tables."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def passing_on(self, commune_id: str, document_id: str) -> PassingOnView | None:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["passings"]
            row = (
                await conn.execute(
                    sa.select(table).where(
                        table.c.document_id == document_id, table.c.commune_id == commune_id
                    )
                )
            ).one_or_none()
        return None if row is None else PassingOnView(**row._mapping)

    async def tasks(self, commune_id: str, where: TaskFilter) -> list[TaskView]:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["tasks"]
            query = sa.select(table).where(table.c.commune_id == commune_id)
            if where.document_id is not None:
                query = query.where(table.c.document_id == where.document_id)
            if where.body_code is not None:
                query = query.where(table.c.body_code == where.body_code)
            if where.done is not None:
                query = query.where(table.c.status == ("done" if where.done else "open"))
            if where.deadline_until is not None:
                query = query.where(table.c.deadline <= where.deadline_until)
            rows = (await conn.execute(query.order_by(table.c.deadline, table.c.task_id))).all()
        views = [_view(row._mapping) for row in rows]
        if where.handler is not None:
            views = [v for v in views if where.handler == v.lead or where.handler in v.coordinators]
        return views

    async def task(self, commune_id: str, task_id: str) -> TaskView | None:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["tasks"]
            row = (
                await conn.execute(
                    sa.select(table).where(table.c.task_id == task_id, table.c.commune_id == commune_id)
                )
            ).one_or_none()
        return None if row is None else _view(row._mapping)


def _view(row: Any) -> TaskView:
    values = dict(row)
    values["coordinators"] = tuple(_split(values["coordinators"]))
    return TaskView(**values)
