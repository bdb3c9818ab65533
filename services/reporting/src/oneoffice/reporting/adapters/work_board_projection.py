"""The work-board read model (#12): tracked tasks and passed-on documents, from the documents topic.

Fed by the contract events of tracked work (``WORK_EVENTS``) through its own subscription, which
applies them exactly once in effect. One row per task (its state: lead, coordinators, current
deadline, done, due soon and overdue raised for the current deadline), one row per person and task
(lead or coordinator: "my tasks" read by person), and one row per passed-on or untracked document.

A task's events come in its stream's order; a document's passing-on and a task naming it live in
two streams (two partitions, in any order): whether a document has a task is decided when the board
is read, never stored, so every interleaving of the streams gives the same board.
"""

from __future__ import annotations

from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import build_registry
from oneoffice.contracts.events.documents import (
    WORK_EVENTS,
    DocumentPassedOn,
    DocumentUntracked,
    TaskCompleted,
    TaskCreated,
    TaskDeadlineExtended,
    TaskDueSoon,
    TaskOverdue,
    TaskProgressNoted,
    TaskReassigned,
    TaskReopened,
)
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.projection import Projection, Tables

TASKS = "tasks"
TASK_PEOPLE = "task_people"
DOCUMENTS = "documents"
_TYPES = frozenset(event.event_type for event in WORK_EVENTS)


def work_board_tables(metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
    tasks = f"reporting_work_tasks{suffix}"
    people = f"reporting_work_task_people{suffix}"
    documents = f"reporting_work_documents{suffix}"
    return {
        TASKS: sa.Table(
            tasks,
            metadata,
            sa.Column("task_id", sa.String(200), primary_key=True),
            sa.Column("commune_id", sa.String(64), nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("lead", sa.String(200), nullable=False),
            sa.Column("coordinators", sa.JSON, nullable=False),
            sa.Column("deadline", sa.Date, nullable=False),
            sa.Column("deadline_number", sa.Integer, nullable=False),
            sa.Column("done", sa.Boolean, nullable=False),
            sa.Column("due_soon", sa.Boolean, nullable=False),
            sa.Column("overdue", sa.Boolean, nullable=False),
            sa.Column("body_code", sa.String(64), nullable=True),
            sa.Column("document_id", sa.String(200), nullable=True),
            sa.Column("percentage", sa.Integer, nullable=True),
            sa.Index(f"ix_{tasks}_commune", "commune_id"),
            sa.Index(f"ix_{tasks}_document", "document_id"),
        ),
        TASK_PEOPLE: sa.Table(
            people,
            metadata,
            sa.Column("person_id", sa.String(200), primary_key=True),
            sa.Column("task_id", sa.String(200), primary_key=True),
        ),
        DOCUMENTS: sa.Table(
            documents,
            metadata,
            sa.Column("document_id", sa.String(200), primary_key=True),
            sa.Column("commune_id", sa.String(64), nullable=False),
            sa.Column("body_code", sa.String(64), nullable=False),
            sa.Column("recipient_kind", sa.String(16), nullable=True),
            sa.Column("recipient", sa.String(200), nullable=True),
            sa.Column("passed_on", sa.Date, nullable=True),
            sa.Column("needs_action", sa.Boolean, nullable=False),
            sa.Column("untracked", sa.Boolean, nullable=False),
            sa.Column("untracked_on", sa.Date, nullable=True),
            sa.Index(f"ix_{documents}_commune", "commune_id"),
            sa.Index(f"ix_{documents}_recipient", "recipient"),
        ),
    }


class WorkBoardProjection(Projection):
    name: ClassVar[str] = "reporting.work_board"

    def __init__(self, *, registry: EventRegistry | None = None) -> None:
        self._registry = registry or build_registry()

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return work_board_tables(metadata, suffix)

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type not in _TYPES:
            return
        decoded = self._registry.decode(event.event_type, event.schema_version, event.payload)
        await apply_work_event(conn, tables, decoded)


async def apply_work_event(conn: AsyncConnection, tables: Tables, event: DomainEvent) -> None:
    """Change the rows as one event of tracked work says (other events change nothing)."""
    tasks = tables[TASKS]
    match event:
        case TaskCreated():
            await _insert_task(conn, tables, event)
        case TaskReassigned():
            await _update(conn, tasks, event.task_id, lead=event.lead, coordinators=list(event.coordinators))
            await _replace_people(conn, tables[TASK_PEOPLE], event.task_id, event.lead, event.coordinators)
        case TaskCompleted():
            await _update(conn, tasks, event.task_id, done=True)
        case TaskReopened():
            await _update(conn, tasks, event.task_id, done=False)
        case TaskProgressNoted() if event.percentage is not None:
            await _update(conn, tasks, event.task_id, percentage=event.percentage)
        case TaskDeadlineExtended():
            # A new deadline starts with nothing raised; a repeated or older extension changes nothing.
            await _update(
                conn,
                tasks,
                event.task_id,
                tasks.c.deadline_number < event.deadline_number,
                deadline=event.deadline,
                deadline_number=event.deadline_number,
                due_soon=False,
                overdue=False,
            )
        case TaskDueSoon():
            # Raised for an earlier deadline than the current one: no longer relevant.
            await _update(
                conn, tasks, event.task_id, tasks.c.deadline_number == event.deadline_number, due_soon=True
            )
        case TaskOverdue():
            await _update(
                conn, tasks, event.task_id, tasks.c.deadline_number == event.deadline_number, overdue=True
            )
        case DocumentPassedOn():
            await _upsert_document(
                conn,
                tables[DOCUMENTS],
                {
                    "document_id": event.document_id,
                    "commune_id": event.commune_id,
                    "body_code": event.body_code,
                    "recipient_kind": event.recipient_kind,
                    "recipient": event.recipient,
                    "passed_on": event.passed_on,
                    "needs_action": event.needs_action,
                },
            )
        case DocumentUntracked():
            await _upsert_document(
                conn,
                tables[DOCUMENTS],
                {
                    "document_id": event.document_id,
                    "commune_id": event.commune_id,
                    "body_code": event.body_code,
                    "untracked": True,
                    "untracked_on": event.raised_on,
                },
            )
        case _:
            return


def _insert(conn: AsyncConnection) -> Any:
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


async def _insert_task(conn: AsyncConnection, tables: Tables, event: TaskCreated) -> None:
    tasks = tables[TASKS]
    row = {
        "task_id": event.task_id,
        "commune_id": event.commune_id,
        "title": event.title,
        "lead": event.lead,
        "coordinators": list(event.coordinators),
        "deadline": event.deadline,
        "deadline_number": 1,
        "done": False,
        "due_soon": False,
        "overdue": False,
        "body_code": event.body_code,
        "document_id": event.document_id,
        "percentage": None,
    }
    # A task created twice (a redelivery under another position) keeps its first state.
    result = await conn.execute(
        _insert(conn)(tasks).values(row).on_conflict_do_nothing(index_elements=[tasks.c.task_id])
    )
    if result.rowcount:
        await _replace_people(conn, tables[TASK_PEOPLE], event.task_id, event.lead, event.coordinators)


async def _update(
    conn: AsyncConnection, table: sa.Table, task_id: str, *conditions: Any, **values: Any
) -> None:
    # A task event whose task was never created (a broken source) changes nothing.
    await conn.execute(sa.update(table).where(table.c.task_id == task_id, *conditions).values(**values))


async def _replace_people(
    conn: AsyncConnection, table: sa.Table, task_id: str, lead: str, coordinators: list[str]
) -> None:
    await conn.execute(sa.delete(table).where(table.c.task_id == task_id))
    people = sorted({lead, *coordinators})
    await conn.execute(sa.insert(table), [{"person_id": p, "task_id": task_id} for p in people])


async def _upsert_document(conn: AsyncConnection, table: sa.Table, values: dict[str, Any]) -> None:
    """Insert the document's row, or change the columns given (the latest passing-on wins)."""
    row = {"needs_action": False, "untracked": False, **values}
    statement = _insert(conn)(table).values(row)
    changed = {k: v for k, v in values.items() if k not in ("document_id", "commune_id")}
    await conn.execute(statement.on_conflict_do_update(index_elements=[table.c.document_id], set_=changed))
