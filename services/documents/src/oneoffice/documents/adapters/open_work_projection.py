"""The open work of each commune: tasks and their current deadline, and passings-on awaiting a task.

Fed by a catch-up subscription on the documents store (as the incoming-documents projection); its
rows commit with the subscription's checkpoint. It only tells the deadline watcher and the coverage
reaction where to look: they decide from the streams themselves. :class:`SqlOpenWork` is the
``OpenWork`` port over it.

A task's ``state``: ``done`` once completed (until reopened), else ``overdue`` when its current
deadline was raised overdue, ``due_soon`` when raised due soon, ``open`` otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables

from ..application.deadline_watcher import TaskRef, WatchedDocument

_EVENTS = (
    contract.DocumentPassedOn,
    contract.DocumentUntracked,
    contract.TaskCreated,
    contract.TaskReassigned,
    contract.TaskDeadlineExtended,
    contract.TaskCompleted,
    contract.TaskReopened,
    contract.TaskDueSoon,
    contract.TaskOverdue,
)
_TYPES = frozenset(event.event_type for event in _EVENTS)


def _state(row: dict[str, Any]) -> str:
    if row["done"]:
        return "done"
    if row["overdue_number"] == row["deadline_number"]:
        return "overdue"
    if row["due_soon_number"] == row["deadline_number"]:
        return "due_soon"
    return "open"


class OpenWorkProjection(Projection):
    name: ClassVar[str] = "documents.open_work"

    def __init__(self) -> None:
        self._registry = EventRegistry(_EVENTS)

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "tasks": sa.Table(
                f"open_work_tasks{suffix}",
                metadata,
                sa.Column("commune_id", sa.String(64), primary_key=True),
                sa.Column("task_id", sa.String(64), primary_key=True),
                sa.Column("document_id", sa.String(64), nullable=True),
                sa.Column("lead", sa.String(64), nullable=False, index=True),
                sa.Column("coordinators", sa.Text, nullable=False),
                sa.Column("deadline", sa.Date, nullable=False),
                sa.Column("deadline_number", sa.Integer, nullable=False),
                sa.Column("done", sa.Boolean, nullable=False),
                sa.Column("due_soon_number", sa.Integer, nullable=True),
                sa.Column("overdue_number", sa.Integer, nullable=True),
                sa.Column("state", sa.String(16), nullable=False),
                sa.Column("moved_by_absence", sa.String(128), nullable=True),
                sa.Column("returns_to", sa.String(64), nullable=True),
            ),
            "documents": sa.Table(
                f"open_work_documents{suffix}",
                metadata,
                sa.Column("commune_id", sa.String(64), primary_key=True),
                sa.Column("document_id", sa.String(64), primary_key=True),
                sa.Column("body_code", sa.String(32), nullable=True),
                sa.Column("passing_on_deadline", sa.Date, nullable=True),
                sa.Column("needs_action", sa.Boolean, nullable=False),
                sa.Column("has_task", sa.Boolean, nullable=False),
                sa.Column("untracked", sa.Boolean, nullable=False),
            ),
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type not in _TYPES:
            return
        decoded = self._registry.decode(event.event_type, event.schema_version, event.payload)
        if isinstance(decoded, contract.DocumentPassedOn | contract.DocumentUntracked):
            await self._document(conn, tables["documents"], decoded)
        elif isinstance(decoded, contract.TaskCreated):
            await self._created(conn, tables, decoded)
        else:
            await self._task_changed(conn, tables["tasks"], decoded)

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        for event in events:
            await self.apply(conn, tables, event)

    async def _document_row(
        self, conn: AsyncConnection, table: sa.Table, commune_id: str, document_id: str
    ) -> dict[str, Any]:
        key = (table.c.commune_id == commune_id) & (table.c.document_id == document_id)
        row = (await conn.execute(sa.select(table).where(key))).one_or_none()
        if row is not None:
            return dict(row._mapping)
        fresh = {
            "commune_id": commune_id,
            "document_id": document_id,
            "body_code": None,
            "passing_on_deadline": None,
            "needs_action": False,
            "has_task": False,
            "untracked": False,
        }
        await conn.execute(table.insert().values(**fresh))
        return fresh

    async def _save_document(self, conn: AsyncConnection, table: sa.Table, row: dict[str, Any]) -> None:
        key = (table.c.commune_id == row["commune_id"]) & (table.c.document_id == row["document_id"])
        await conn.execute(table.update().where(key).values(**row))

    async def _document(
        self,
        conn: AsyncConnection,
        table: sa.Table,
        event: contract.DocumentPassedOn | contract.DocumentUntracked,
    ) -> None:
        row = await self._document_row(conn, table, event.commune_id, event.document_id)
        if isinstance(event, contract.DocumentUntracked):
            row["untracked"] = True
        elif event.needs_action and not row["needs_action"]:
            # The first passing-on that needs action sets the deadline (as the watcher's fold does).
            row.update(
                needs_action=True, body_code=event.body_code, passing_on_deadline=event.passing_on_deadline
            )
        await self._save_document(conn, table, row)

    async def _created(self, conn: AsyncConnection, tables: Tables, event: contract.TaskCreated) -> None:
        row: dict[str, Any] = {
            "commune_id": event.commune_id,
            "task_id": event.task_id,
            "document_id": event.document_id,
            "lead": event.lead,
            "coordinators": json.dumps(event.coordinators),
            "deadline": event.deadline,
            "deadline_number": 1,
            "done": False,
            "due_soon_number": None,
            "overdue_number": None,
            "moved_by_absence": None,
            "returns_to": None,
        }
        row["state"] = _state(row)
        await conn.execute(tables["tasks"].insert().values(**row))
        if event.document_id is not None:
            documents = tables["documents"]
            document = await self._document_row(conn, documents, event.commune_id, event.document_id)
            document["has_task"] = True
            await self._save_document(conn, documents, document)

    async def _task_changed(self, conn: AsyncConnection, table: sa.Table, event: Any) -> None:
        key = (table.c.commune_id == event.commune_id) & (table.c.task_id == event.task_id)
        found = (await conn.execute(sa.select(table).where(key))).one_or_none()
        if found is None:
            return  # a task whose creation this read model never saw: nothing to track
        row = dict(found._mapping)
        if isinstance(event, contract.TaskDeadlineExtended):
            row.update(deadline=event.deadline, deadline_number=event.deadline_number)
        elif isinstance(event, contract.TaskCompleted):
            row["done"] = True
        elif isinstance(event, contract.TaskReopened):
            row["done"] = False
        elif isinstance(event, contract.TaskDueSoon):
            row["due_soon_number"] = max(row["due_soon_number"] or 0, event.deadline_number)
        elif isinstance(event, contract.TaskOverdue):
            row["overdue_number"] = max(row["overdue_number"] or 0, event.deadline_number)
        elif isinstance(event, contract.TaskReassigned):
            if event.absence_id is not None and not event.returning:
                if row["moved_by_absence"] is None:
                    row.update(moved_by_absence=event.absence_id, returns_to=row["lead"])
            else:
                row.update(moved_by_absence=None, returns_to=None)
            row.update(lead=event.lead, coordinators=json.dumps(event.coordinators))
        row["state"] = _state(row)
        await conn.execute(table.update().where(key).values(**row))


class SqlOpenWork:
    """The ``OpenWork`` port over the projection's active tables."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def _tasks(self, where: Any) -> list[TaskRef]:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["tasks"]
            query = sa.select(table.c.commune_id, table.c.task_id).where(where(table))
            rows = await conn.execute(query.order_by(table.c.commune_id, table.c.task_id))
        return [TaskRef(row.commune_id, row.task_id) for row in rows]

    async def tasks_to_watch(self, deadline_until: date) -> list[TaskRef]:
        return await self._tasks(
            lambda t: (
                (t.c.deadline <= deadline_until)
                & (~t.c.done & ((t.c.overdue_number.is_(None)) | (t.c.overdue_number < t.c.deadline_number)))
            )
        )

    async def open_tasks_led_by(self, commune_id: str, person: str) -> list[TaskRef]:
        return await self._tasks(lambda t: ~t.c.done & (t.c.commune_id == commune_id) & (t.c.lead == person))

    async def tasks_moved_by(self, commune_id: str, absence_id: str) -> list[TaskRef]:
        return await self._tasks(
            lambda t: ~t.c.done & (t.c.commune_id == commune_id) & (t.c.moved_by_absence == absence_id)
        )

    async def documents_to_watch(self, today: date) -> list[WatchedDocument]:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["documents"]
            query = sa.select(table.c.commune_id, table.c.document_id).where(
                table.c.needs_action,
                ~table.c.has_task,
                ~table.c.untracked,
                table.c.passing_on_deadline < today,
            )
            rows = await conn.execute(query.order_by(table.c.commune_id, table.c.document_id))
        return [WatchedDocument(row.commune_id, row.document_id) for row in rows]

    async def has_task(self, commune_id: str, document_id: str) -> bool:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["documents"]
            key = (table.c.commune_id == commune_id) & (table.c.document_id == document_id)
            found = await conn.scalar(sa.select(table.c.has_task).where(key))
        return bool(found)

    async def task_rows(self, commune_id: str) -> list[dict[str, Any]]:
        """Every task of a commune as the read model holds it (for checks and diagnostics)."""
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["tasks"]
            rows = await conn.execute(sa.select(table).where(table.c.commune_id == commune_id))
        return [{**row._mapping, "coordinators": json.loads(row.coordinators)} for row in rows]
