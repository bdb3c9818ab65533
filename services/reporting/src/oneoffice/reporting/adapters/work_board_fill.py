"""The work-board's set-based fill: its three tables from every staged event at once (PostgreSQL).

One scan of the staging table (:mod:`.bulk_staging`) copies the events of tracked work to a temporary
table (dropped at the end; the fill runs in the caller's transaction): each payload field read once,
and only from the event types that have it, and ``seq``, the event's ``(topic, part, off)`` packed in
one number, in the order in which the incremental projection applies the events. Two
``INSERT … SELECT`` over that table then give what :func:`.work_board_projection.apply_work_events`
leaves after every event:

- a task is its FIRST creation (a creation again changes nothing), and only the events after that
  creation change it (an event of a task not yet created changes nothing): the lead and coordinators
  of its latest reassignment, ``done`` from its latest completion or reopening, the latest percentage
  given. An extension applies only when its number is above the current one, so the deadline is that
  of the first extension with the highest number (above 1); due soon and overdue are raised by an
  event for that deadline number after that extension (after the creation if none applied);
- a task's people are those of its latest first-creation-or-reassignment, even of a task never
  created (a reassignment replaces the people of its task whether the task exists or not);
- a document keeps the commune of its first event and the body of its latest; the recipient columns
  of its latest passing-on; ``untracked`` once any untracked notice came, on the day of the latest.

"Latest of a kind" is a ``DISTINCT ON`` over the rows of that kind; keys are compared with the "C"
collation (byte order: the same groups, sorted without the locale's cost).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
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
from oneoffice.eventcore.projection import Tables

from .bulk_staging import planner_settings

EVENTS = "work_board_fill_events"  # the temporary table

# ``seq`` packs (topic, part, off) in one bigint; a position beyond these bounds leaves it NULL.
_TOPIC_BITS, _PART_BITS, _OFF_BITS = 7, 16, 40

# What each event type is in the temporary table's ``kind``, and the payload fields read from it.
_CREATED, _PROGRESS, _REASSIGNED, _COMPLETED, _REOPENED = 1, 2, 3, 4, 5
_EXTENDED, _DUE_SOON, _OVERDUE, _PASSED_ON, _UNTRACKED = 6, 7, 8, 9, 10
_KINDS = {
    TaskCreated.event_type: _CREATED,
    TaskProgressNoted.event_type: _PROGRESS,
    TaskReassigned.event_type: _REASSIGNED,
    TaskCompleted.event_type: _COMPLETED,
    TaskReopened.event_type: _REOPENED,
    TaskDeadlineExtended.event_type: _EXTENDED,
    TaskDueSoon.event_type: _DUE_SOON,
    TaskOverdue.event_type: _OVERDUE,
    DocumentPassedOn.event_type: _PASSED_ON,
    DocumentUntracked.event_type: _UNTRACKED,
}
assert set(_KINDS) == {event.event_type for event in WORK_EVENTS}
_FIELDS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    # (column, its expression over ``payload``, the kinds it is read for)
    ("task_id", "(payload->>'task_id') COLLATE \"C\"", tuple(range(_CREATED, _OVERDUE + 1))),
    ("document_id", "(payload->>'document_id') COLLATE \"C\"", (_CREATED, _PASSED_ON, _UNTRACKED)),
    ("commune_id", "payload->>'commune_id'", (_CREATED, _PASSED_ON, _UNTRACKED)),
    ("title", "payload->>'title'", (_CREATED,)),
    ("lead", "payload->>'lead'", (_CREATED, _REASSIGNED)),
    ("coordinators", "payload->'coordinators'", (_CREATED, _REASSIGNED)),
    ("deadline", "(payload->>'deadline')::date", (_CREATED, _EXTENDED)),
    ("deadline_number", "(payload->>'deadline_number')::integer", (_EXTENDED, _DUE_SOON, _OVERDUE)),
    ("percentage", "(payload->>'percentage')::integer", (_PROGRESS,)),
    ("body_code", "payload->>'body_code'", (_CREATED, _PASSED_ON, _UNTRACKED)),
    ("recipient_kind", "payload->>'recipient_kind'", (_PASSED_ON,)),
    ("recipient", "payload->>'recipient'", (_PASSED_ON,)),
    ("passed_on", "(payload->>'passed_on')::date", (_PASSED_ON,)),
    ("needs_action", "(payload->>'needs_action')::boolean", (_PASSED_ON,)),
    ("raised_on", "(payload->>'raised_on')::date", (_UNTRACKED,)),
)
# Planner settings for the fill's statements, restored after: no JIT (the estimates of a fresh
# temporary table can make PostgreSQL compile for a second what runs in milliseconds), hash joins (a
# merge join sorts again what its CTE gave sorted). The memory for sorts is the caller's (work_mem).
_SETTINGS = {"jit": "off", "enable_mergejoin": "off"}


class PositionOutOfRange(ValueError):
    """A staged event's topic index, partition or offset is too large to order the events by one number."""


async def fill_work_board(conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
    """Fill the (empty) tasks, task people and documents tables of ``tables`` from ``staged``."""
    name = conn.dialect.identifier_preparer.format_table
    async with planner_settings(conn, _SETTINGS):
        await conn.execute(sa.text(_events(name(staged))))
        if await conn.scalar(sa.text(f"SELECT EXISTS (SELECT FROM {EVENTS} WHERE seq IS NULL)")):
            raise PositionOutOfRange(
                f"a staged event's topic index, partition or offset is beyond {_TOPIC_BITS}, "
                f"{_PART_BITS} or {_OFF_BITS} bits"
            )
        await conn.execute(sa.text(f"ANALYZE {EVENTS} (kind, task_id, document_id)"))
        await conn.execute(sa.text(_tasks(name(tables["tasks"]), name(tables["task_people"]))))
        await conn.execute(sa.text(_documents(name(tables["documents"]))))
        await conn.execute(sa.text(f"DROP TABLE {EVENTS}"))


def _in(*kinds: int) -> str:
    return f"kind IN ({', '.join(map(str, kinds))})"


def _events(staged: str) -> str:
    seq = f"(topic::bigint << {_PART_BITS + _OFF_BITS}) | (part::bigint << {_OFF_BITS}) | off"
    bounded = f"topic >= 0 AND topic < {1 << _TOPIC_BITS} AND part >= 0 AND part < {1 << _PART_BITS} "
    bounded += f"AND off >= 0 AND off < {1 << _OFF_BITS}"
    kind = " ".join(f"WHEN '{event_type}' THEN {k}" for event_type, k in _KINDS.items())
    # Each field read only from the events that have it (a payload lookup costs more than the test).
    fields = ",\n".join(f"CASE WHEN {_types(kinds)} THEN {expression} END AS {column}"
                         for column, expression, kinds in _FIELDS)  # fmt: skip
    return f"""
        CREATE TEMPORARY TABLE {EVENTS} ON COMMIT DROP AS
        SELECT CASE WHEN {bounded} THEN {seq} END AS seq,
               (CASE event_type {kind} END)::smallint AS kind,
               {fields}
        FROM {staged}
        WHERE {_types(_KINDS.values())}
    """


def _types(kinds: Iterable[int]) -> str:
    """The staged events of these kinds."""
    wanted = set(kinds)
    types = ", ".join(f"'{event_type}'" for event_type, kind in _KINDS.items() if kind in wanted)
    return f"event_type IN ({types})"


def _latest(columns: str, where: str) -> str:
    """Per task, the latest event matching ``where``."""
    return f"""
        SELECT DISTINCT ON (task_id) task_id, seq, {columns}
        FROM {EVENTS} WHERE {where} ORDER BY task_id, seq DESC
    """


def _tasks(tasks: str, people: str) -> str:
    return f"""
        WITH created AS (
            SELECT DISTINCT ON (task_id) *
            FROM {EVENTS} WHERE kind = {_CREATED} ORDER BY task_id, seq
        ),
        reassigned AS ({_latest("lead, coordinators", f"kind = {_REASSIGNED}")}),
        done AS ({_latest(f"kind = {_COMPLETED} AS done", _in(_COMPLETED, _REOPENED))}),
        progress AS ({_latest("percentage", f"kind = {_PROGRESS} AND percentage IS NOT NULL")}),
        extended AS (
            SELECT DISTINCT ON (e.task_id) e.task_id, e.seq, e.deadline, e.deadline_number
            FROM {EVENTS} e JOIN created c ON c.task_id = e.task_id AND e.seq > c.seq
            WHERE e.kind = {_EXTENDED} AND e.deadline_number > 1
            ORDER BY e.task_id, e.deadline_number DESC, e.seq
        ),
        raised AS (
            SELECT e.task_id,
                   bool_or(e.kind = {_DUE_SOON}) AS due_soon,
                   bool_or(e.kind = {_OVERDUE}) AS overdue
            FROM {EVENTS} e
            JOIN created c ON c.task_id = e.task_id
            LEFT JOIN extended x ON x.task_id = e.task_id
            WHERE e.{_in(_DUE_SOON, _OVERDUE)}
              AND e.seq > coalesce(x.seq, c.seq)
              AND e.deadline_number = coalesce(x.deadline_number, 1)
            GROUP BY e.task_id
        ),
        inserted AS (  -- the tasks; the statement inserts their people
            INSERT INTO {tasks} (task_id, commune_id, title, lead, coordinators, deadline, deadline_number,
                                 done, due_soon, overdue, body_code, document_id, percentage)
            SELECT c.task_id, c.commune_id, c.title,
                   coalesce(r.lead, c.lead),
                   coalesce(r.coordinators, c.coordinators, '[]')::json,
                   coalesce(x.deadline, c.deadline),
                   coalesce(x.deadline_number, 1),
                   coalesce(d.done, false),
                   coalesce(s.due_soon, false),
                   coalesce(s.overdue, false),
                   c.body_code, c.document_id, p.percentage
            FROM created c
            LEFT JOIN reassigned r ON r.task_id = c.task_id AND r.seq > c.seq
            LEFT JOIN done d ON d.task_id = c.task_id AND d.seq > c.seq
            LEFT JOIN progress p ON p.task_id = c.task_id AND p.seq > c.seq
            LEFT JOIN extended x ON x.task_id = c.task_id
            LEFT JOIN raised s ON s.task_id = c.task_id
            ORDER BY c.task_id
        ),
        named AS (
            SELECT c.task_id, c.lead, c.coordinators FROM created c
            LEFT JOIN reassigned r ON r.task_id = c.task_id
            WHERE r.seq IS NULL OR r.seq < c.seq
            UNION ALL
            SELECT r.task_id, r.lead, r.coordinators FROM reassigned r
            LEFT JOIN created c ON c.task_id = r.task_id
            WHERE c.seq IS NULL OR r.seq > c.seq
        )
        INSERT INTO {people} (person_id, task_id)
        SELECT person_id, task_id FROM (
            SELECT lead AS person_id, task_id FROM named
            UNION
            SELECT jsonb_array_elements_text(coalesce(coordinators, '[]')), task_id FROM named
        ) persons
        ORDER BY person_id, task_id
    """


def _documents(documents: str) -> str:
    def summary(kind: int, columns: str) -> str:
        # Per document, its latest event of ``kind`` and the seq and commune of its first.
        whole = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
        return f"""
            SELECT DISTINCT ON (document_id) document_id, seq AS last_seq, body_code, {columns},
                   last_value(seq) OVER w AS first_seq, last_value(commune_id) OVER w AS first_commune
            FROM {EVENTS} WHERE kind = {kind}
            WINDOW w AS (PARTITION BY document_id ORDER BY seq DESC {whole})
            ORDER BY document_id, seq DESC
        """

    return f"""
        WITH passed AS ({summary(_PASSED_ON, "recipient_kind, recipient, passed_on, needs_action")}),
        untracked AS ({summary(_UNTRACKED, "raised_on")})
        INSERT INTO {documents} (document_id, commune_id, body_code, recipient_kind, recipient, passed_on,
                                 needs_action, untracked, untracked_on)
        SELECT coalesce(p.document_id, u.document_id),
               CASE WHEN u.first_seq IS NULL OR p.first_seq < u.first_seq
                    THEN p.first_commune ELSE u.first_commune END,
               CASE WHEN u.last_seq IS NULL OR p.last_seq > u.last_seq
                    THEN p.body_code ELSE u.body_code END,
               p.recipient_kind, p.recipient, p.passed_on, coalesce(p.needs_action, false),
               u.document_id IS NOT NULL, u.raised_on
        FROM passed p FULL JOIN untracked u ON u.document_id = p.document_id
    """
