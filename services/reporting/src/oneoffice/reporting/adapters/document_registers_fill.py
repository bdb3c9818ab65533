"""The document registers' set-based fill: one statement per table over the staged events
(:mod:`.bulk_staging`), giving what applying every event in order gives
(:mod:`.document_registers_projection`).

Every event of a document or a task comes from its commune's stream on one partition of the
documents topic, so ``(topic, part, off)`` orders them. The incremental projection inserts a line at
its first creating event (a repeated one is ignored) and applies each later change to it with an
``UPDATE`` (a change before the line exists, or for a line that never exists, changes nothing). So
each column is the value of the last event that sets it, if that event comes after the line's
creating event, and the creating event's value otherwise: the last event of each kind is taken over
all of them (one sort), then kept only when it comes after the creation (the last of a kind before
the creation means none of that kind after it).

- ``outgoing``: a line per ``OutgoingDocumentDrafted``; the number columns from the last
  ``OutgoingDocumentNumbered``, the dispatch columns from the last ``OutgoingDocumentDispatched``, the
  recall reason from the last ``OutgoingDocumentRecalled``. The JSON lists are ``jsonb``'s text of
  the payload's list, spelled as ``json.dumps`` spells it (``", "`` between items, the same escapes).
- ``book_documents``: a line per ``IncomingDocumentRegistered``.
- ``book_tasks``: a line per ``TaskCreated`` with a document; its columns change in groups, each set
  by some kinds of events (the last of them counts): the lead (``TaskReassigned``), the deadline and
  its number (``TaskDeadlineExtended``), overdue (``TaskDeadlineExtended`` clears it, ``TaskOverdue``
  sets it), the percentage (``TaskProgressNoted`` with one), the note (``TaskProgressNoted``'s note,
  ``TaskCompleted``'s result), done (``TaskCompleted`` sets the day and the reply, ``TaskReopened``
  clears both).

Keys are sorted in byte order (``COLLATE "C"``): the order is only needed to group a key's events,
and the database's collation compares far more slowly.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import documents as d
from oneoffice.eventcore.projection import Tables

from .registers_fill_settings import fill_settings

_TYPES = {
    "drafted": d.OutgoingDocumentDrafted,
    "numbered": d.OutgoingDocumentNumbered,
    "dispatched": d.OutgoingDocumentDispatched,
    "recalled": d.OutgoingDocumentRecalled,
    "registered": d.IncomingDocumentRegistered,
    "created": d.TaskCreated,
    "noted": d.TaskProgressNoted,
    "completed": d.TaskCompleted,
    "reopened": d.TaskReopened,
    "extended": d.TaskDeadlineExtended,
    "reassigned": d.TaskReassigned,
    "overdue": d.TaskOverdue,
}
_PARAMETERS = {name: cls.event_type for name, cls in _TYPES.items()}

_OUTGOING = """
WITH drafted AS (
    SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C")
           ARRAY[topic, part, off] AS at,
           payload ->> 'document_id' COLLATE "C" AS document_id,
           payload
    FROM {staged}
    WHERE event_type = :drafted
    ORDER BY payload ->> 'document_id' COLLATE "C", topic, part, off
),
changed AS MATERIALIZED (
    SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C", event_type)
           ARRAY[topic, part, off] AS at,
           payload ->> 'document_id' COLLATE "C" AS document_id,
           event_type,
           payload
    FROM {staged}
    WHERE event_type IN (:numbered, :dispatched, :recalled)
    ORDER BY payload ->> 'document_id' COLLATE "C", event_type, topic DESC, part DESC, off DESC
)
INSERT INTO {outgoing} (
    document_id, commune_id, body_code, document_type, summary, signer_name, recipients,
    confidentiality, number, number_symbol, issued_on, year, dispatched_on, dispatched_to, channel,
    dispatched_by, recall_reason
)
SELECT d.document_id,
       d.payload ->> 'commune_id',
       coalesce(n.payload ->> 'body_code', d.payload ->> 'body_code'),
       coalesce(n.payload ->> 'document_type', d.payload ->> 'document_type'),
       d.payload ->> 'summary',
       concat_ws(' ', nullif(d.payload ->> 'authority', ''), nullif(d.payload ->> 'signer_name', '')),
       (d.payload -> 'recipients')::text,
       d.payload ->> 'confidentiality',
       (n.payload ->> 'number')::int,
       n.payload ->> 'number_symbol',
       (n.payload ->> 'issued_on')::date,
       extract(year FROM (n.payload ->> 'issued_on')::date)::int,
       (s.payload ->> 'dispatched_on')::date,
       (s.payload -> 'recipients')::text,
       s.payload ->> 'channel',
       s.payload ->> 'dispatched_by',
       r.payload ->> 'reason'
FROM drafted AS d
LEFT JOIN changed AS n
  ON n.document_id = d.document_id AND n.event_type = :numbered AND n.at > d.at
LEFT JOIN changed AS s
  ON s.document_id = d.document_id AND s.event_type = :dispatched AND s.at > d.at
LEFT JOIN changed AS r
  ON r.document_id = d.document_id AND r.event_type = :recalled AND r.at > d.at
"""

_BOOK_DOCUMENTS = """
INSERT INTO {book_documents} (
    document_id, commune_id, body_code, year, incoming_number, document_type, number_symbol,
    document_date, issuer, summary
)
SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C")
       payload ->> 'document_id',
       payload ->> 'commune_id',
       payload ->> 'body_code',
       (payload ->> 'year')::int,
       (payload ->> 'incoming_number')::int,
       payload ->> 'document_type',
       payload ->> 'number_symbol',
       (payload ->> 'document_date')::date,
       payload ->> 'issuer',
       payload ->> 'summary'
FROM {staged}
WHERE event_type = :registered
ORDER BY payload ->> 'document_id' COLLATE "C", topic, part, off
"""

_BOOK_TASKS = """
WITH created AS (
    SELECT DISTINCT ON (payload ->> 'task_id' COLLATE "C")
           ARRAY[topic, part, off] AS at,
           payload ->> 'task_id' COLLATE "C" AS task_id,
           payload
    FROM {staged}
    WHERE event_type = :created AND payload ->> 'document_id' IS NOT NULL
    ORDER BY payload ->> 'task_id' COLLATE "C", topic, part, off
),
last_of_group AS (
    SELECT DISTINCT ON (payload ->> 'task_id' COLLATE "C", column_group)
           payload ->> 'task_id' COLLATE "C" AS task_id,
           column_group,
           ARRAY[topic, part, off] AS at,
           event_type,
           payload
    FROM {staged}
    CROSS JOIN LATERAL unnest(
        CASE event_type
            WHEN :reassigned THEN ARRAY['lead']
            WHEN :extended THEN ARRAY['deadline', 'overdue']
            WHEN :overdue THEN ARRAY['overdue']
            WHEN :completed THEN ARRAY['note', 'done']
            WHEN :reopened THEN ARRAY['done']
            WHEN :noted THEN
                CASE WHEN payload ->> 'percentage' IS NULL THEN ARRAY['note']
                     ELSE ARRAY['note', 'percentage'] END
        END
    ) AS column_group
    WHERE event_type IN (:reassigned, :extended, :overdue, :completed, :reopened, :noted)
    ORDER BY payload ->> 'task_id' COLLATE "C", column_group, topic DESC, part DESC, off DESC
),
changed AS (
    SELECT task_id,
           max(at) FILTER (WHERE column_group = 'lead') AS lead_at,
           max(payload ->> 'lead') FILTER (WHERE column_group = 'lead') AS lead,
           max(at) FILTER (WHERE column_group = 'deadline') AS deadline_at,
           max((payload ->> 'deadline')::date) FILTER (WHERE column_group = 'deadline') AS deadline,
           max((payload ->> 'deadline_number')::int - 1) FILTER (WHERE column_group = 'deadline')
               AS extensions,
           max(at) FILTER (WHERE column_group = 'overdue') AS overdue_at,
           bool_or(event_type = :overdue) FILTER (WHERE column_group = 'overdue') AS overdue,
           max(at) FILTER (WHERE column_group = 'percentage') AS percentage_at,
           max((payload ->> 'percentage')::int) FILTER (WHERE column_group = 'percentage')
               AS percentage,
           max(at) FILTER (WHERE column_group = 'note') AS note_at,
           max(CASE WHEN event_type = :noted THEN payload ->> 'note' ELSE payload ->> 'result' END)
               FILTER (WHERE column_group = 'note') AS note,
           max(at) FILTER (WHERE column_group = 'done') AS done_at,
           max((payload ->> 'completed_on')::date) FILTER (WHERE column_group = 'done') AS done_on,
           max(payload ->> 'reply_document_id') FILTER (WHERE column_group = 'done')
               AS reply_document_id
    FROM last_of_group
    GROUP BY task_id
)
INSERT INTO {book_tasks} (
    task_id, commune_id, document_id, lead, deadline, extensions, percentage, progress_note, done_on,
    reply_document_id, overdue
)
SELECT c.task_id,
       c.payload ->> 'commune_id',
       c.payload ->> 'document_id',
       CASE WHEN x.lead_at > c.at THEN x.lead ELSE c.payload ->> 'lead' END,
       CASE WHEN x.deadline_at > c.at THEN x.deadline ELSE (c.payload ->> 'deadline')::date END,
       CASE WHEN x.deadline_at > c.at THEN x.extensions ELSE 0 END,
       CASE WHEN x.percentage_at > c.at THEN x.percentage END,
       CASE WHEN x.note_at > c.at THEN x.note ELSE '' END,
       CASE WHEN x.done_at > c.at THEN x.done_on END,
       CASE WHEN x.done_at > c.at THEN x.reply_document_id END,
       CASE WHEN x.overdue_at > c.at THEN x.overdue ELSE false END
FROM created AS c
LEFT JOIN changed AS x ON x.task_id = c.task_id
"""


async def fill_document_registers(
    conn: AsyncConnection,
    tables: Tables,
    staged: sa.Table,
    *,
    outgoing: str,
    book_documents: str,
    book_tasks: str,
) -> None:
    """Fill the three tables (an empty generation) from the ``staged`` events."""
    preparer = conn.dialect.identifier_preparer
    names: dict[str, Any] = {
        "staged": preparer.format_table(staged),
        "outgoing": preparer.format_table(tables[outgoing]),
        "book_documents": preparer.format_table(tables[book_documents]),
        "book_tasks": preparer.format_table(tables[book_tasks]),
    }
    async with fill_settings(conn):
        for sql in (_OUTGOING, _BOOK_DOCUMENTS, _BOOK_TASKS):
            statement = sa.text(sql.format(**names))
            used = {name: value for name, value in _PARAMETERS.items() if f":{name}" in sql}
            await conn.execute(statement, used)
