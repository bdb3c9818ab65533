"""The dashboard read model (#13): facts from the documents, staff and reporting topics, kept so that
the order in which the three topics' events interleave never matters.

Each topic's events come in that topic's order; between topics anything goes (a task may arrive
before the staff member who leads it, a figure conflict before the commune's units). So every row is
a fact of one topic only, written by upsert (redeliveries change nothing), and what joins two topics
(whose history counts for which commune, who is staff on a day, a document's direction and
completion) is decided when the dashboard is read (:mod:`..domain.dashboard`).

One derived pair per incoming document, so that a dashboard counts documents without joining their
tasks: ``directed_on`` (its first task's direction) and ``completed_on`` (the last completion, once
every task of it is done). After each batch they are recomputed from the tasks rows, in one
statement, for every document the batch touched (registered, or one of its tasks changed): a pure
function of the rows, so the order of the events does not matter. Version 2 of the projection
(``reporting.dashboard.v2``, tables ``reporting_dash2_*``): an existing database rebuilds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import reporting as figures
from oneoffice.contracts.events import staff
from oneoffice.contracts.events.documents import (
    IncomingDocumentRegistered,
    OutgoingDocumentNumbered,
    TaskCompleted,
    TaskCreated,
    TaskDeadlineExtended,
    TaskOverdue,
    TaskReassigned,
    TaskReopened,
)
from oneoffice.eventcore.batched_writes import BatchedWrites
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.projection import Projection, Tables

from .dashboard_fill import fill_dashboard
from .event_decoding import contract_registry, domain_event

UNITS, PARENTS, NAMES = "units", "unit_parents", "unit_names"
ADOPTIONS, PEOPLE, STINTS = "adoptions", "people", "stints"
DOCUMENTS, TASKS, COVERAGE, CONFLICTS = "documents", "tasks", "coverage", "conflicts"

_HANDLED: tuple[type[DomainEvent], ...] = (
    staff.UnitEstablished,
    staff.UnitsMerged,
    staff.UnitSplit,
    staff.UnitRenamed,
    staff.UnitReparented,
    staff.UnitCeased,
    staff.OneOfficeModelAdopted,
    staff.PersonJoinedStaff,
    staff.PersonTransferred,
    staff.PersonLeftStaff,
    staff.CoverageStarted,
    staff.CoverageEscalated,
    IncomingDocumentRegistered,
    OutgoingDocumentNumbered,
    TaskCreated,
    TaskReassigned,
    TaskCompleted,
    TaskReopened,
    TaskDeadlineExtended,
    TaskOverdue,
    figures.FigureConflictRaised,
    figures.FigureAdopted,
)
_TYPES = frozenset(event.event_type for event in _HANDLED)


def dashboard_tables(metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
    def name(logical: str) -> str:
        return f"reporting_dash2_{logical}{suffix}"

    def table(logical: str, *columns: Any) -> sa.Table:
        return sa.Table(name(logical), metadata, *columns)

    def commune_index(logical: str, *more: str, include: tuple[str, ...] = ()) -> sa.Index:
        # ``include``: what the dashboard counts, so that PostgreSQL answers from the index alone.
        return sa.Index(f"ix_{name(logical)}_commune", "commune_id", *more, postgresql_include=list(include))

    code = sa.String(64)
    return {
        UNITS: table(
            UNITS,
            sa.Column("code", code, primary_key=True),
            sa.Column("valid_from", sa.Date, nullable=False),
            sa.Column("ended_on", sa.Date, nullable=True),
            sa.Column("successor", code, nullable=True),
        ),
        PARENTS: table(
            PARENTS,
            sa.Column("code", code, primary_key=True),
            sa.Column("valid_from", sa.Date, primary_key=True),
            sa.Column("parent", code, nullable=True),
        ),
        NAMES: table(
            NAMES,
            sa.Column("code", code, primary_key=True),
            sa.Column("valid_from", sa.Date, primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("kind", sa.String(16), nullable=False),
        ),
        ADOPTIONS: table(
            ADOPTIONS,
            sa.Column("commune_id", code, primary_key=True),
            sa.Column("adopted_on", sa.Date, nullable=False),
            sa.Column("wave", sa.Text, nullable=False),
        ),
        PEOPLE: table(
            PEOPLE,
            sa.Column("person_id", sa.String(200), primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("category", sa.String(32), nullable=False),
            # Text: the coefficient exactly as reported (SQLite has no exact decimal type).
            sa.Column("allowance", sa.String(32), nullable=False),
            sa.Column("bodies", sa.JSON, nullable=False),
        ),
        STINTS: table(
            STINTS,
            sa.Column("person_id", sa.String(200), primary_key=True),
            sa.Column("from_day", sa.Date, primary_key=True),
            sa.Column("commune_id", code, nullable=False),
            sa.Column("to_day", sa.Date, nullable=True),
            commune_index(STINTS),
        ),
        DOCUMENTS: table(
            DOCUMENTS,
            sa.Column("direction", sa.String(3), primary_key=True),
            sa.Column("document_id", sa.String(200), primary_key=True),
            sa.Column("commune_id", code, nullable=False),
            sa.Column("arrived_on", sa.Date, nullable=False),
            # Incoming: the first direction of its tasks, and the last completion once all are done.
            sa.Column("directed_on", sa.Date, nullable=True),
            sa.Column("completed_on", sa.Date, nullable=True),
            commune_index(DOCUMENTS, "arrived_on", include=("direction", "directed_on", "completed_on")),
        ),
        TASKS: table(
            TASKS,
            sa.Column("task_id", sa.String(200), primary_key=True),
            sa.Column("commune_id", code, nullable=False),
            sa.Column("lead", sa.String(200), nullable=False),
            sa.Column("document_id", sa.String(200), nullable=True),
            sa.Column("body_code", code, nullable=True),
            sa.Column("directed_on", sa.Date, nullable=False),
            sa.Column("deadline", sa.Date, nullable=False),
            sa.Column("deadline_number", sa.Integer, nullable=False),
            sa.Column("done", sa.Boolean, nullable=False),
            sa.Column("completed_on", sa.Date, nullable=True),
            sa.Column("overdue_on", sa.Date, nullable=True),
            commune_index(TASKS, include=("done", "completed_on", "deadline", "overdue_on")),
            sa.Index(f"ix_{name(TASKS)}_document", "document_id"),
        ),
        COVERAGE: table(
            COVERAGE,
            sa.Column("coverage_id", sa.String(300), primary_key=True),
            sa.Column("kind", sa.String(16), primary_key=True),
            sa.Column("commune_id", code, nullable=False),
            sa.Column("on", sa.Date, nullable=False),
            commune_index(COVERAGE, "on"),
        ),
        CONFLICTS: table(
            CONFLICTS,
            sa.Column("conflict_id", sa.String(300), primary_key=True),
            sa.Column("commune_id", code, nullable=False),
            sa.Column("period", sa.String(16), nullable=False),
            # Either event may come first (no order is assumed): the other column stays empty until it does.
            sa.Column("raised_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=True),
            commune_index(CONFLICTS),
        ),
    }


class DashboardProjection(Projection):
    name: ClassVar[str] = "reporting.dashboard.v2"

    def __init__(self, *, registry: EventRegistry | None = None) -> None:
        self._registry = registry or contract_registry()
        self._statements: dict[tuple[str, str], _Statements] = {}

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return dashboard_tables(metadata, suffix)

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        """Every event's row changes, then sent in a few statements (see ``BatchedWrites``)."""
        key = (conn.dialect.name, tables[UNITS].name)
        statements = self._statements.get(key)
        if statements is None:
            statements = self._statements[key] = _Statements(conn.dialect.name, tables)
        writer = _Writer(statements)
        touched = _Touched()
        for event in events:
            if event.event_type in _TYPES:
                decoded = domain_event(self._registry, event)
                touched.note(decoded)
                writer.apply(decoded, event)
        await writer.writes.flush(conn)
        await touched.refresh(conn, tables)

    async def fill(self, conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
        """The set-based rebuild's fill from the staged events (PostgreSQL only): :mod:`.dashboard_fill`."""
        await fill_dashboard(conn, tables, staged)


_CHUNK = 500  # ids per statement (SQLite and asyncpg bound the parameters of one statement)


@dataclass(slots=True)
class _Touched:
    """The documents a batch touched: through one of their tasks, or registered.

    A registration usually comes before any task of its document, which then has none to count; but
    a task may be created first (a commune's events are in the order they were recorded, and a task
    can be recorded before its document's registration). Registered documents are recomputed only
    when some task names them: one lookup by the tasks' document index, so the usual registration
    costs no recomputation. (Recomputing every registered document made PostgreSQL evaluate the two
    subqueries for each, a large share of a rebuild's time.) Without it the values of a document
    registered after its first task depended on whether a later task event fell in the same batch.
    """

    tasks: set[str] = field(default_factory=set)
    registered: set[str] = field(default_factory=set)

    def note(self, event: DomainEvent) -> None:
        match event:
            case TaskCreated() | TaskReassigned() | TaskCompleted() | TaskReopened():
                self.tasks.add(event.task_id)
            case IncomingDocumentRegistered():
                self.registered.add(event.document_id)
            case _:
                pass

    async def refresh(self, conn: AsyncConnection, tables: Tables) -> None:
        """Recomputes the touched incoming documents' ``directed_on`` and ``completed_on``."""
        documents, tasks = tables[DOCUMENTS], tables[TASKS]
        its = tasks.c.document_id == documents.c.document_id
        finished = sa.case((sa.and_(tasks.c.done, tasks.c.completed_on.is_not(None)), 1), else_=0)
        directed = sa.select(sa.func.min(tasks.c.directed_on)).where(its)
        completed = sa.select(
            sa.case((sa.func.sum(finished) == sa.func.count(), sa.func.max(tasks.c.completed_on)), else_=None)
        ).where(its)
        # The touched tasks' documents first: one condition on the document ids then finds each row
        # by its key (an OR with a subquery made PostgreSQL scan every incoming document per batch).
        document_ids: set[str] = set()
        task_ids = sorted(self.tasks)
        for start in range(0, len(task_ids), _CHUNK):
            of_tasks = sa.select(tasks.c.document_id).where(
                tasks.c.task_id.in_(task_ids[start : start + _CHUNK]), tasks.c.document_id.is_not(None)
            )
            document_ids.update((await conn.scalars(of_tasks)).all())
        registered = sorted(self.registered)
        for start in range(0, len(registered), _CHUNK):
            with_tasks = (
                sa.select(tasks.c.document_id)
                .where(tasks.c.document_id.in_(registered[start : start + _CHUNK]))
                .distinct()
            )
            document_ids.update((await conn.scalars(with_tasks)).all())
        chosen = sorted(document_ids)
        for start in range(0, len(chosen), _CHUNK):
            await conn.execute(
                sa.update(documents)
                .where(
                    documents.c.direction == "in", documents.c.document_id.in_(chosen[start : start + _CHUNK])
                )
                .values(directed_on=directed.scalar_subquery(), completed_on=completed.scalar_subquery())
            )


class _Statements:
    """The statements of one generation's tables, built once, with bind parameters."""

    def __init__(self, dialect: str, tables: Tables) -> None:
        self._insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self._tables = tables
        self._upserts: dict[tuple[str, tuple[str, ...], tuple[str, ...]], sa.Executable] = {}
        units, stints, tasks = tables[UNITS], tables[STINTS], tables[TASKS]
        self.new_unit = self._insert(units).on_conflict_do_nothing(index_elements=["code"])
        self.end_unit = (
            sa.update(units)
            .where(units.c.code == sa.bindparam("k_code"))
            .values(ended_on=sa.bindparam("ended_on"), successor=sa.bindparam("successor"))
        )
        self.close_stint = (
            sa.update(stints)
            .where(
                stints.c.person_id == sa.bindparam("k_person_id"),
                stints.c.from_day < sa.bindparam("k_effective"),
                stints.c.to_day.is_(None),
            )
            .values(to_day=sa.bindparam("to_day"))
        )
        self.new_task = self._insert(tasks).on_conflict_do_nothing(index_elements=["task_id"])
        task = tasks.c.task_id == sa.bindparam("k_task_id")
        self.reassign = sa.update(tasks).where(task).values(lead=sa.bindparam("lead"))
        self.complete = (
            sa.update(tasks)
            .where(task)
            .values(done=sa.bindparam("done"), completed_on=sa.bindparam("completed_on"))
        )
        self.extend = (
            sa.update(tasks)
            .where(task, tasks.c.deadline_number < sa.bindparam("k_deadline_number"))
            .values(
                deadline=sa.bindparam("deadline"),
                deadline_number=sa.bindparam("deadline_number"),
                overdue_on=sa.bindparam("overdue_on"),
            )
        )
        self.overdue = (
            sa.update(tasks)
            .where(task, tasks.c.deadline_number == sa.bindparam("k_deadline_number"))
            .values(overdue_on=sa.bindparam("overdue_on"))
        )

    def upsert(self, logical: str, key: tuple[str, ...], values: tuple[str, ...]) -> sa.Executable:
        """Insert a row of ``logical``, or set ``values`` on the row of the same ``key`` (nothing if none)."""
        statement = self._upserts.get((logical, key, values))
        if statement is None:
            insert = self._insert(self._tables[logical])
            statement = (
                insert.on_conflict_do_update(
                    index_elements=list(key), set_={name: insert.excluded[name] for name in values}
                )
                if values
                else insert.on_conflict_do_nothing(index_elements=list(key))
            )
            self._upserts[(logical, key, values)] = statement
        return statement


class _Writer:
    """One batch's row changes, each keyed by the rows it touches (see :class:`BatchedWrites`)."""

    def __init__(self, statements: _Statements) -> None:
        self._s = statements
        self.writes = BatchedWrites()

    def apply(self, event: DomainEvent, envelope: Envelope) -> None:
        match event:
            case staff.UnitEstablished():
                self._new_unit(event.unit, event.effective)
            case staff.UnitsMerged():
                if event.new_successor is not None:
                    self._new_unit(event.new_successor, event.effective)
                for code in event.merged:
                    self._end(code, event.effective, event.successor)
                for child in event.children_moved:
                    self._upsert(PARENTS, {"code": child, "valid_from": event.effective},
                                 parent=event.successor)  # fmt: skip
            case staff.UnitSplit():
                for unit in event.into:
                    self._new_unit(unit, event.effective)
                self._end(event.unit, event.effective, None)
            case staff.UnitRenamed():
                self._upsert(NAMES, {"code": event.code, "valid_from": event.effective},
                             name=event.name, kind=event.kind)  # fmt: skip
            case staff.UnitReparented():
                self._upsert(PARENTS, {"code": event.code, "valid_from": event.effective},
                             parent=event.parent)  # fmt: skip
            case staff.UnitCeased():
                self._end(event.code, event.effective, None)
            case staff.OneOfficeModelAdopted():
                self._upsert(ADOPTIONS, {"commune_id": event.commune_id},
                             adopted_on=event.adopted_on, wave=event.wave)  # fmt: skip
            case staff.PersonJoinedStaff():
                self._upsert(
                    PEOPLE,
                    {"person_id": event.person_id},
                    name=event.name,
                    category=event.category,
                    allowance=str(event.allowance),
                    bodies=list(event.bodies),
                )
                self._stint(event.person_id, event.commune_id, event.effective)
            case staff.PersonTransferred():
                self._close_stint(event.person_id, event.effective)
                self._stint(event.person_id, event.to_commune, event.effective)
            case staff.PersonLeftStaff():
                self._close_stint(event.person_id, event.effective)
            case staff.CoverageStarted() | staff.CoverageEscalated():
                kind = "started" if isinstance(event, staff.CoverageStarted) else "escalated"
                self._upsert(COVERAGE, {"coverage_id": event.coverage_id, "kind": kind},
                             commune_id=event.commune_id, on=event.on)  # fmt: skip
            case IncomingDocumentRegistered():
                self._upsert(DOCUMENTS, {"direction": "in", "document_id": event.document_id},
                             commune_id=event.commune_id, arrived_on=event.received_date)  # fmt: skip
            case OutgoingDocumentNumbered():
                self._upsert(DOCUMENTS, {"direction": "out", "document_id": event.document_id},
                             commune_id=event.commune_id, arrived_on=event.issued_on)  # fmt: skip
            case TaskCreated():
                self._new_task(event)
            case TaskReassigned():
                self._task(self._s.reassign, event.task_id, lead=event.lead)
            case TaskCompleted():
                self._task(self._s.complete, event.task_id, done=True, completed_on=event.completed_on)
            case TaskReopened():
                self._task(self._s.complete, event.task_id, done=False, completed_on=None)
            case TaskDeadlineExtended():
                self._task(self._s.extend, event.task_id, k_deadline_number=event.deadline_number,
                           deadline=event.deadline, deadline_number=event.deadline_number,
                           overdue_on=None)  # fmt: skip
            case TaskOverdue():
                self._task(self._s.overdue, event.task_id, k_deadline_number=event.deadline_number,
                           overdue_on=event.raised_on)  # fmt: skip
            case figures.FigureConflictRaised():
                self._conflict(event.conflict_id, event.commune_id, event.period,
                               raised_at=envelope.occurred_at)  # fmt: skip
            case figures.FigureAdopted():
                self._conflict(event.conflict_id, event.commune_id, event.period,
                               adopted_at=envelope.occurred_at)  # fmt: skip
            case _:
                return

    def _upsert(self, logical: str, key: dict[str, Any], *, rows: Any = None, **values: Any) -> None:
        statement = self._s.upsert(logical, tuple(key), tuple(values))
        self.writes.add(rows or (logical, *key.values()), statement, {**key, **values})

    def _new_unit(self, unit: staff.NewUnit, effective: Any) -> None:
        row = {"code": unit.code, "valid_from": effective, "ended_on": None, "successor": None}
        self.writes.add((UNITS, unit.code), self._s.new_unit, row)
        self._upsert(PARENTS, {"code": unit.code, "valid_from": effective}, parent=unit.parent)
        self._upsert(NAMES, {"code": unit.code, "valid_from": effective}, name=unit.name, kind=unit.kind)

    def _end(self, code: str, effective: Any, successor: str | None) -> None:
        self.writes.add(
            (UNITS, code), self._s.end_unit, {"k_code": code, "ended_on": effective, "successor": successor}
        )

    def _stint(self, person_id: str, commune_id: str, effective: Any) -> None:
        # Keyed by the person: a stint's opening and the closing of the person's earlier ones stay in order.
        self._upsert(STINTS, {"person_id": person_id, "from_day": effective}, rows=(STINTS, person_id),
                     commune_id=commune_id)  # fmt: skip

    def _close_stint(self, person_id: str, effective: Any) -> None:
        closing = {"k_person_id": person_id, "k_effective": effective, "to_day": effective}
        self.writes.add((STINTS, person_id), self._s.close_stint, closing)

    def _new_task(self, event: TaskCreated) -> None:
        row = {
            "task_id": event.task_id,
            "commune_id": event.commune_id,
            "lead": event.lead,
            "document_id": event.document_id,
            "body_code": event.body_code,
            "directed_on": event.directed_on,
            "deadline": event.deadline,
            "deadline_number": 1,
            "done": False,
            "completed_on": None,
            "overdue_on": None,
        }
        self.writes.add((TASKS, event.task_id), self._s.new_task, row)

    def _task(self, statement: sa.Executable, task_id: str, **values: Any) -> None:
        self.writes.add((TASKS, task_id), statement, {"k_task_id": task_id, **values})

    def _conflict(self, conflict_id: str, commune_id: str, period: str, **moment: Any) -> None:
        self._upsert(CONFLICTS, {"conflict_id": conflict_id}, commune_id=commune_id, period=period, **moment)
