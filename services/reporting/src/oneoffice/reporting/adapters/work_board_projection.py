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

from collections.abc import Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

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
from oneoffice.eventcore.batched_writes import BatchedWrites
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.projection import Projection, Tables

from .event_decoding import contract_registry, domain_event
from .work_board_fill import fill_work_board

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
            # A task's people are replaced by task: without it each replacement reads the whole table.
            sa.Index(f"ix_{people}_task", "task_id"),
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
        self._registry = registry or contract_registry()
        self._statements: dict[tuple[str, str], _Statements] = {}

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return work_board_tables(metadata, suffix)

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        """Every event's row changes, then sent in a few statements (see ``BatchedWrites``)."""
        decoded = [domain_event(self._registry, event) for event in events if event.event_type in _TYPES]
        if decoded:
            key = (conn.dialect.name, tables[TASKS].name)
            statements = self._statements.get(key)
            if statements is None:
                statements = self._statements[key] = _Statements(conn.dialect.name, tables)
            await apply_work_events(conn, tables, decoded, statements)

    async def fill(self, conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
        """The set-based rebuild's fill (PostgreSQL): what ``apply_batch`` over every staged event gives."""
        await fill_work_board(conn, tables, staged)


async def apply_work_event(conn: AsyncConnection, tables: Tables, event: DomainEvent) -> None:
    """Change the rows as one event of tracked work says (other events change nothing)."""
    await apply_work_events(conn, tables, [event])


async def apply_work_events(
    conn: AsyncConnection,
    tables: Tables,
    events: Sequence[DomainEvent],
    statements: _Statements | None = None,
) -> None:
    """Change the rows as the events of tracked work say, in order (other events change nothing)."""
    s = statements or _Statements(conn.dialect.name, tables)
    writes = BatchedWrites()
    # A task created twice (a redelivery under another position) keeps its first state: its
    # creation is applied only when the task is neither in the table nor created earlier in the batch.
    created = {e.task_id for e in events if isinstance(e, TaskCreated)}
    known = await _existing_tasks(conn, tables[TASKS], created) if created else set()
    for event in events:
        match event:
            case TaskCreated():
                if event.task_id not in known:
                    known.add(event.task_id)
                    writes.add((TASKS, event.task_id), s.new_task, _task_row(event))
                    _replace_people(writes, s, event.task_id, event.lead, event.coordinators)
            case TaskReassigned():
                _update(
                    writes, s.reassign, event.task_id, lead=event.lead, coordinators=list(event.coordinators)
                )
                _replace_people(writes, s, event.task_id, event.lead, event.coordinators)
            case TaskCompleted():
                _update(writes, s.done, event.task_id, done=True)
            case TaskReopened():
                _update(writes, s.done, event.task_id, done=False)
            case TaskProgressNoted() if event.percentage is not None:
                _update(writes, s.percentage, event.task_id, percentage=event.percentage)
            case TaskDeadlineExtended():
                # A new deadline starts with nothing raised; a repeated or older extension changes nothing.
                _update(writes, s.extend, event.task_id, k_deadline_number=event.deadline_number,
                        deadline=event.deadline, deadline_number=event.deadline_number)  # fmt: skip
            case TaskDueSoon():
                # Raised for an earlier deadline than the current one: no longer relevant.
                _update(writes, s.due_soon, event.task_id, k_deadline_number=event.deadline_number)
            case TaskOverdue():
                _update(writes, s.overdue, event.task_id, k_deadline_number=event.deadline_number)
            case DocumentPassedOn():
                writes.add((DOCUMENTS, event.document_id), s.passed_on, {
                    "document_id": event.document_id,
                    "commune_id": event.commune_id,
                    "body_code": event.body_code,
                    "recipient_kind": event.recipient_kind,
                    "recipient": event.recipient,
                    "passed_on": event.passed_on,
                    "needs_action": event.needs_action,
                    "untracked": False,
                    "untracked_on": None,
                })  # fmt: skip
            case DocumentUntracked():
                writes.add((DOCUMENTS, event.document_id), s.untracked, {
                    "document_id": event.document_id,
                    "commune_id": event.commune_id,
                    "body_code": event.body_code,
                    "recipient_kind": None,
                    "recipient": None,
                    "passed_on": None,
                    "needs_action": False,
                    "untracked": True,
                    "untracked_on": event.raised_on,
                })  # fmt: skip
            case _:
                pass
    await writes.flush(conn)


class _Statements:
    """The statements of one generation's tables, built once, with bind parameters."""

    def __init__(self, dialect: str, tables: Tables) -> None:
        insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        tasks, people, documents = tables[TASKS], tables[TASK_PEOPLE], tables[DOCUMENTS]
        task = tasks.c.task_id == sa.bindparam("k_task_id")
        self.new_task = insert(tasks).on_conflict_do_nothing(index_elements=[tasks.c.task_id])
        self.reassign = (
            sa.update(tasks)
            .where(task)
            .values(lead=sa.bindparam("lead"), coordinators=sa.bindparam("coordinators"))
        )
        self.done = sa.update(tasks).where(task).values(done=sa.bindparam("done"))
        self.percentage = sa.update(tasks).where(task).values(percentage=sa.bindparam("percentage"))
        self.extend = (
            sa.update(tasks)
            .where(task, tasks.c.deadline_number < sa.bindparam("k_deadline_number"))
            .values(
                deadline=sa.bindparam("deadline"),
                deadline_number=sa.bindparam("deadline_number"),
                due_soon=False,
                overdue=False,
            )
        )
        current = tasks.c.deadline_number == sa.bindparam("k_deadline_number")
        self.due_soon = sa.update(tasks).where(task, current).values(due_soon=True)
        self.overdue = sa.update(tasks).where(task, current).values(overdue=True)
        self.forget_people = sa.delete(people).where(people.c.task_id == sa.bindparam("k_task_id"))
        self.add_person = sa.insert(people)
        # The latest passing-on wins; an untracked notice keeps the passing-on columns (and back).
        passed = insert(documents)
        self.passed_on = passed.on_conflict_do_update(
            index_elements=[documents.c.document_id],
            set_={
                c: passed.excluded[c]
                for c in ("body_code", "recipient_kind", "recipient", "passed_on", "needs_action")
            },
        )
        untracked = insert(documents)
        self.untracked = untracked.on_conflict_do_update(
            index_elements=[documents.c.document_id],
            set_={c: untracked.excluded[c] for c in ("body_code", "untracked", "untracked_on")},
        )


async def _existing_tasks(conn: AsyncConnection, tasks: sa.Table, task_ids: set[str]) -> set[str]:
    query = sa.select(tasks.c.task_id).where(tasks.c.task_id.in_(sorted(task_ids)))
    return set((await conn.scalars(query)).all())


def _task_row(event: TaskCreated) -> dict[str, Any]:
    return {
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


def _update(writes: BatchedWrites, statement: sa.Executable, task_id: str, **values: Any) -> None:
    # A task event whose task was never created (a broken source) changes nothing.
    writes.add((TASKS, task_id), statement, {"k_task_id": task_id, **values})


def _replace_people(
    writes: BatchedWrites, s: _Statements, task_id: str, lead: str, coordinators: list[str]
) -> None:
    writes.add((TASK_PEOPLE, task_id), s.forget_people, {"k_task_id": task_id})
    people = sorted({lead, *coordinators})
    writes.add_many(
        (TASK_PEOPLE, task_id), s.add_person, [{"person_id": p, "task_id": task_id} for p in people]
    )
