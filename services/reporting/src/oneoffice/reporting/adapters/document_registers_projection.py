"""The outgoing register and the resolution-tracking book, projected from the documents topic (#13).

One projection, three tables: ``outgoing`` (a line per outgoing document, listed in the register once
numbered), ``book_documents`` (the incoming documents, for the book's description column) and
``book_tasks`` (a task on an incoming document: a line of the book). Each event is applied with an
insert that ignores a line already there or an update that sets the same values again, so a
repeated event changes nothing and a rebuild equals the incremental state. Events of one commune
come in order on one partition (the key is the commune id), so a document's draft precedes its
number, and a document's registration precedes its tasks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events.documents import (
    IncomingDocumentRegistered,
    OutgoingDocumentDispatched,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentRecalled,
    TaskCompleted,
    TaskCreated,
    TaskDeadlineExtended,
    TaskOverdue,
    TaskProgressNoted,
    TaskReassigned,
    TaskReopened,
)
from oneoffice.eventcore.batched_writes import BatchedWrites
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.projection import Projection, Tables

from .document_registers_fill import fill_document_registers
from .event_decoding import contract_registry, domain_event

OUTGOING = "outgoing"
BOOK_DOCUMENTS = "book_documents"
BOOK_TASKS = "book_tasks"

_HANDLED = frozenset(
    cls.event_type
    for cls in (
        IncomingDocumentRegistered,
        OutgoingDocumentDispatched,
        OutgoingDocumentDrafted,
        OutgoingDocumentNumbered,
        OutgoingDocumentRecalled,
        TaskCompleted,
        TaskCreated,
        TaskDeadlineExtended,
        TaskOverdue,
        TaskProgressNoted,
        TaskReassigned,
        TaskReopened,
    )
)


def _tables(metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
    outgoing = sa.Table(
        f"reporting_outgoing_register{suffix}",
        metadata,
        sa.Column("document_id", sa.String(200), primary_key=True),
        sa.Column("commune_id", sa.String(64), nullable=False),
        sa.Column("body_code", sa.String(64), nullable=False),
        sa.Column("document_type", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("signer_name", sa.Text, nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),  # a JSON list
        sa.Column("confidentiality", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer, nullable=True),
        sa.Column("number_symbol", sa.String(200), nullable=True),
        sa.Column("issued_on", sa.Date, nullable=True),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("dispatched_on", sa.Date, nullable=True),
        sa.Column("dispatched_to", sa.Text, nullable=True),  # a JSON list
        sa.Column("channel", sa.String(16), nullable=True),
        sa.Column("dispatched_by", sa.String(200), nullable=True),
        sa.Column("recall_reason", sa.Text, nullable=True),
        sa.Index(f"ix_reporting_outgoing_register{suffix}_year", "commune_id", "body_code", "year"),
    )
    documents = sa.Table(
        f"reporting_book_documents{suffix}",
        metadata,
        sa.Column("document_id", sa.String(200), primary_key=True),
        sa.Column("commune_id", sa.String(64), nullable=False),
        sa.Column("body_code", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("incoming_number", sa.Integer, nullable=False),
        sa.Column("document_type", sa.String(64), nullable=False),
        sa.Column("number_symbol", sa.String(200), nullable=False),
        sa.Column("document_date", sa.Date, nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Index(f"ix_reporting_book_documents{suffix}_year", "commune_id", "body_code", "year"),
    )
    tasks = sa.Table(
        f"reporting_book_tasks{suffix}",
        metadata,
        sa.Column("task_id", sa.String(200), primary_key=True),
        sa.Column("commune_id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False, index=True),
        sa.Column("lead", sa.String(200), nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("extensions", sa.Integer, nullable=False),
        sa.Column("percentage", sa.Integer, nullable=True),
        sa.Column("progress_note", sa.Text, nullable=False),
        sa.Column("done_on", sa.Date, nullable=True),
        sa.Column("reply_document_id", sa.String(200), nullable=True),
        sa.Column("overdue", sa.Boolean, nullable=False),
    )
    return {OUTGOING: outgoing, BOOK_DOCUMENTS: documents, BOOK_TASKS: tasks}


class DocumentRegistersProjection(Projection):
    name: ClassVar[str] = "reporting.document_registers"

    def __init__(self, *, registry: EventRegistry | None = None) -> None:
        self._registry = registry or contract_registry()
        self._statements: dict[tuple[str, str], _Statements] = {}

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return _tables(metadata, suffix)

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        """Every event's row changes, then sent in a few statements (see ``BatchedWrites``)."""
        key = (conn.dialect.name, tables[OUTGOING].name)
        statements = self._statements.get(key)
        if statements is None:
            statements = self._statements[key] = _Statements(conn.dialect.name, tables)
        writes = BatchedWrites()
        for event in events:
            if event.event_type in _HANDLED:
                decoded = domain_event(self._registry, event)
                _apply(writes, statements, decoded)
        await writes.flush(conn)

    async def fill(self, conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
        """The set-based rebuild's fill (PostgreSQL): see :mod:`.document_registers_fill`."""
        await fill_document_registers(
            conn, tables, staged, outgoing=OUTGOING, book_documents=BOOK_DOCUMENTS, book_tasks=BOOK_TASKS
        )


class _Statements:
    """The statements of one generation's tables, built once, with bind parameters."""

    def __init__(self, dialect: str, tables: Tables) -> None:
        insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self._tables = tables
        self.insert_new = {
            name: insert(table).on_conflict_do_nothing(
                index_elements=[c.name for c in table.primary_key.columns]
            )
            for name, table in tables.items()
        }
        self._updates: dict[tuple[str, str, tuple[str, ...]], sa.Executable] = {}

    def update(self, logical: str, key: str, values: tuple[str, ...]) -> sa.Executable:
        """``UPDATE`` of ``values`` on the row whose ``key`` is the parameter ``k_<key>``."""
        statement = self._updates.get((logical, key, values))
        if statement is None:
            table = self._tables[logical]
            statement = (
                table.update()
                .where(table.c[key] == sa.bindparam(f"k_{key}"))
                .values({name: sa.bindparam(name) for name in values})
            )
            self._updates[(logical, key, values)] = statement
        return statement


def _insert_new(writes: BatchedWrites, s: _Statements, logical: str, key: str, row: dict[str, Any]) -> None:
    writes.add((logical, row[key]), s.insert_new[logical], row)


def _update(writes: BatchedWrites, s: _Statements, logical: str, key: str, value: str, **values: Any) -> None:
    writes.add((logical, value), s.update(logical, key, tuple(values)), {f"k_{key}": value, **values})


def _apply(writes: BatchedWrites, s: _Statements, event: DomainEvent) -> None:
    match event:
        case OutgoingDocumentDrafted():
            row: dict[str, Any] = {
                "document_id": event.document_id,
                "commune_id": event.commune_id,
                "body_code": event.body_code,
                "document_type": event.document_type,
                "summary": event.summary,
                "signer_name": " ".join(p for p in (event.authority, event.signer_name) if p),
                "recipients": json.dumps(list(event.recipients), ensure_ascii=False),
                "confidentiality": event.confidentiality,
            }
            _insert_new(writes, s, OUTGOING, "document_id", row)
        case OutgoingDocumentNumbered():
            _update(
                writes, s, OUTGOING, "document_id", event.document_id,
                body_code=event.body_code, document_type=event.document_type, number=event.number,
                number_symbol=event.number_symbol, issued_on=event.issued_on, year=event.issued_on.year,
            )  # fmt: skip
        case OutgoingDocumentDispatched():
            _update(
                writes, s, OUTGOING, "document_id", event.document_id,
                dispatched_on=event.dispatched_on, channel=event.channel, dispatched_by=event.dispatched_by,
                dispatched_to=json.dumps(list(event.recipients), ensure_ascii=False),
            )  # fmt: skip
        case OutgoingDocumentRecalled():
            _update(writes, s, OUTGOING, "document_id", event.document_id, recall_reason=event.reason)
        case IncomingDocumentRegistered():
            row = {
                "document_id": event.document_id,
                "commune_id": event.commune_id,
                "body_code": event.body_code,
                "year": event.year,
                "incoming_number": event.incoming_number,
                "document_type": event.document_type,
                "number_symbol": event.number_symbol,
                "document_date": event.document_date,
                "issuer": event.issuer,
                "summary": event.summary,
            }
            _insert_new(writes, s, BOOK_DOCUMENTS, "document_id", row)
        case TaskCreated() if event.document_id is not None:
            row = {
                "task_id": event.task_id,
                "commune_id": event.commune_id,
                "document_id": event.document_id,
                "lead": event.lead,
                "deadline": event.deadline,
                "extensions": 0,
                "percentage": None,
                "progress_note": "",
                "done_on": None,
                "reply_document_id": None,
                "overdue": False,
            }
            _insert_new(writes, s, BOOK_TASKS, "task_id", row)
        case TaskProgressNoted():
            values: dict[str, Any] = {"progress_note": event.note}
            if event.percentage is not None:
                values["percentage"] = event.percentage
            _update(writes, s, BOOK_TASKS, "task_id", event.task_id, **values)
        case TaskCompleted():
            _update(
                writes, s, BOOK_TASKS, "task_id", event.task_id,
                done_on=event.completed_on, reply_document_id=event.reply_document_id,
                progress_note=event.result,
            )  # fmt: skip
        case TaskReopened():
            _update(writes, s, BOOK_TASKS, "task_id", event.task_id, done_on=None, reply_document_id=None)
        case TaskDeadlineExtended():
            _update(
                writes, s, BOOK_TASKS, "task_id", event.task_id,
                deadline=event.deadline, extensions=event.deadline_number - 1, overdue=False,
            )  # fmt: skip
        case TaskReassigned():
            _update(writes, s, BOOK_TASKS, "task_id", event.task_id, lead=event.lead)
        case TaskOverdue():
            _update(writes, s, BOOK_TASKS, "task_id", event.task_id, overdue=True)
        case _:
            pass
