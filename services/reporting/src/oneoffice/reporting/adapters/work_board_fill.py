"""The work-board's set-based fill: its three tables from every staged event at once (PostgreSQL).

One scan of the staging table (:mod:`.bulk_staging`) copies the events of tracked work, their fields
read once from the payload, to a temporary table numbered in the order the incremental projection
applies them (``topic, part, off``). Each of the board's tables is then one ``INSERT … SELECT`` over
that table, giving what :func:`.work_board_projection.apply_work_events` leaves after every event:

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

EVENTS = "work_board_fill_events"  # the temporary table (dropped at commit)

_CREATED = TaskCreated.event_type
_REASSIGNED = TaskReassigned.event_type
_COMPLETED = TaskCompleted.event_type
_REOPENED = TaskReopened.event_type
_PROGRESS = TaskProgressNoted.event_type
_EXTENDED = TaskDeadlineExtended.event_type
_DUE_SOON = TaskDueSoon.event_type
_OVERDUE = TaskOverdue.event_type
_PASSED_ON = DocumentPassedOn.event_type
_UNTRACKED = DocumentUntracked.event_type


def _quoted(event_types: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in event_types)


async def fill_work_board(conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
    """Fill the (empty) tasks, task people and documents tables of ``tables`` from ``staged``."""
    name = conn.dialect.identifier_preparer.format_table
    tasks, people, documents = (name(tables[t]) for t in ("tasks", "task_people", "documents"))
    for statement in (
        _events(name(staged)),
        f"ANALYZE {EVENTS}",
        _tasks(tasks),
        _people(people),
        _documents(documents),
    ):
        await conn.execute(sa.text(statement))


def _events(staged: str) -> str:
    # ``seq``: the order of application. Every field any statement reads, read once.
    return f"""
        CREATE TEMPORARY TABLE {EVENTS} ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY topic, part, off) AS seq,
               event_type AS kind,
               payload->>'task_id' AS task_id,
               payload->>'document_id' AS document_id,
               payload->>'commune_id' AS commune_id,
               payload->>'title' AS title,
               payload->>'lead' AS lead,
               payload->'coordinators' AS coordinators,
               (payload->>'deadline')::date AS deadline,
               (payload->>'deadline_number')::integer AS deadline_number,
               (payload->>'percentage')::integer AS percentage,
               payload->>'body_code' AS body_code,
               payload->>'recipient_kind' AS recipient_kind,
               payload->>'recipient' AS recipient,
               (payload->>'passed_on')::date AS passed_on,
               (payload->>'needs_action')::boolean AS needs_action,
               (payload->>'raised_on')::date AS raised_on
        FROM {staged}
        WHERE event_type IN ({_quoted([e.event_type for e in WORK_EVENTS])})
    """


def _tasks(tasks: str) -> str:
    return f"""
        WITH created AS (
            SELECT DISTINCT ON (task_id) *
            FROM {EVENTS} WHERE kind = '{_CREATED}'
            ORDER BY task_id, seq
        ),
        later AS (
            SELECT e.* FROM {EVENTS} e JOIN created c ON c.task_id = e.task_id AND e.seq > c.seq
            WHERE e.kind IN ({_quoted([_REASSIGNED, _COMPLETED, _REOPENED, _PROGRESS, _EXTENDED,
                                       _DUE_SOON, _OVERDUE])})
        ),
        changed AS (
            SELECT task_id,
                   (array_agg(lead ORDER BY seq DESC) FILTER (WHERE kind = '{_REASSIGNED}'))[1] AS lead,
                   (array_agg(coordinators ORDER BY seq DESC)
                       FILTER (WHERE kind = '{_REASSIGNED}'))[1] AS coordinators,
                   (array_agg(kind = '{_COMPLETED}' ORDER BY seq DESC)
                       FILTER (WHERE kind IN ('{_COMPLETED}', '{_REOPENED}')))[1] AS done,
                   (array_agg(percentage ORDER BY seq DESC)
                       FILTER (WHERE kind = '{_PROGRESS}' AND percentage IS NOT NULL))[1] AS percentage,
                   max(deadline_number)
                       FILTER (WHERE kind = '{_EXTENDED}' AND deadline_number > 1) AS deadline_number,
                   (array_agg(deadline ORDER BY deadline_number DESC, seq)
                       FILTER (WHERE kind = '{_EXTENDED}' AND deadline_number > 1))[1] AS deadline,
                   (array_agg(seq ORDER BY deadline_number DESC, seq)
                       FILTER (WHERE kind = '{_EXTENDED}' AND deadline_number > 1))[1] AS extended_at
            FROM later GROUP BY task_id
        ),
        raised AS (
            SELECT l.task_id,
                   bool_or(l.kind = '{_DUE_SOON}') AS due_soon,
                   bool_or(l.kind = '{_OVERDUE}') AS overdue
            FROM later l JOIN changed c ON c.task_id = l.task_id
            WHERE l.kind IN ('{_DUE_SOON}', '{_OVERDUE}')
              AND l.deadline_number = coalesce(c.deadline_number, 1)
              AND l.seq > coalesce(c.extended_at, 0)
            GROUP BY l.task_id
        )
        INSERT INTO {tasks} (task_id, commune_id, title, lead, coordinators, deadline, deadline_number,
                             done, due_soon, overdue, body_code, document_id, percentage)
        SELECT t.task_id, t.commune_id, t.title,
               coalesce(c.lead, t.lead),
               coalesce(c.coordinators, t.coordinators, '[]'::jsonb)::json,
               coalesce(c.deadline, t.deadline),
               coalesce(c.deadline_number, 1),
               coalesce(c.done, false),
               coalesce(r.due_soon, false),
               coalesce(r.overdue, false),
               t.body_code, t.document_id, c.percentage
        FROM created t
        LEFT JOIN changed c ON c.task_id = t.task_id
        LEFT JOIN raised r ON r.task_id = t.task_id
    """


def _people(people: str) -> str:
    return f"""
        WITH named AS (
            SELECT DISTINCT ON (task_id) task_id, lead, coordinators
            FROM (
                (SELECT DISTINCT ON (task_id) task_id, seq, lead, coordinators
                 FROM {EVENTS} WHERE kind = '{_CREATED}' ORDER BY task_id, seq)
                UNION ALL
                SELECT task_id, seq, lead, coordinators FROM {EVENTS} WHERE kind = '{_REASSIGNED}'
            ) naming
            ORDER BY task_id, seq DESC
        )
        INSERT INTO {people} (person_id, task_id)
        SELECT person_id, task_id FROM named
        CROSS JOIN LATERAL (
            SELECT lead AS person_id
            UNION
            SELECT jsonb_array_elements_text(coalesce(coordinators, '[]'::jsonb))
        ) persons
    """


def _documents(documents: str) -> str:
    passed, untracked = _PASSED_ON, _UNTRACKED
    return f"""
        INSERT INTO {documents} (document_id, commune_id, body_code, recipient_kind, recipient, passed_on,
                                 needs_action, untracked, untracked_on)
        SELECT document_id,
               (array_agg(commune_id ORDER BY seq))[1],
               (array_agg(body_code ORDER BY seq DESC))[1],
               (array_agg(recipient_kind ORDER BY seq DESC) FILTER (WHERE kind = '{passed}'))[1],
               (array_agg(recipient ORDER BY seq DESC) FILTER (WHERE kind = '{passed}'))[1],
               (array_agg(passed_on ORDER BY seq DESC) FILTER (WHERE kind = '{passed}'))[1],
               coalesce((array_agg(needs_action ORDER BY seq DESC) FILTER (WHERE kind = '{passed}'))[1],
                        false),
               bool_or(kind = '{untracked}'),
               (array_agg(raised_on ORDER BY seq DESC) FILTER (WHERE kind = '{untracked}'))[1]
        FROM {EVENTS} WHERE kind IN ('{passed}', '{untracked}')
        GROUP BY document_id
    """
