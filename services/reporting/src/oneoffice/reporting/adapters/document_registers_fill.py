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
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.projection import Tables

from .registers_fill_settings import fill_settings

_TYPES: dict[str, type[DomainEvent]] = {
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
last_of_kind AS (
    SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C", event_type)
           payload ->> 'document_id' COLLATE "C" AS document_id,
           event_type,
           ARRAY[topic, part, off] AS at,
           payload ->> 'body_code' AS body_code,
           payload ->> 'document_type' AS document_type,
           (payload ->> 'number')::int AS number,
           payload ->> 'number_symbol' AS number_symbol,
           (payload ->> 'issued_on')::date AS issued_on,
           (payload ->> 'dispatched_on')::date AS dispatched_on,
           (payload -> 'recipients')::text AS dispatched_to,
           payload ->> 'channel' AS channel,
           payload ->> 'dispatched_by' AS dispatched_by,
           payload ->> 'reason' AS recall_reason
    FROM {staged}
    WHERE event_type IN (:numbered, :dispatched, :recalled)
    ORDER BY payload ->> 'document_id' COLLATE "C", event_type, topic DESC, part DESC, off DESC
),
changed AS (
    SELECT document_id,
           max(at) FILTER (WHERE event_type = :numbered) AS numbered_at,
           max(body_code) FILTER (WHERE event_type = :numbered) AS body_code,
           max(document_type) FILTER (WHERE event_type = :numbered) AS document_type,
           max(number) FILTER (WHERE event_type = :numbered) AS number,
           max(number_symbol) FILTER (WHERE event_type = :numbered) AS number_symbol,
           max(issued_on) FILTER (WHERE event_type = :numbered) AS issued_on,
           max(at) FILTER (WHERE event_type = :dispatched) AS dispatched_at,
           max(dispatched_on) FILTER (WHERE event_type = :dispatched) AS dispatched_on,
           max(dispatched_to) FILTER (WHERE event_type = :dispatched) AS dispatched_to,
           max(channel) FILTER (WHERE event_type = :dispatched) AS channel,
           max(dispatched_by) FILTER (WHERE event_type = :dispatched) AS dispatched_by,
           max(at) FILTER (WHERE event_type = :recalled) AS recalled_at,
           max(recall_reason) FILTER (WHERE event_type = :recalled) AS recall_reason
    FROM last_of_kind
    GROUP BY document_id
)
INSERT INTO {outgoing} (
    document_id, commune_id, body_code, document_type, summary, signer_name, recipients,
    confidentiality, number, number_symbol, issued_on, year, dispatched_on, dispatched_to, channel,
    dispatched_by, recall_reason
)
SELECT d.document_id,
       d.payload ->> 'commune_id',
       CASE WHEN x.numbered_at > d.at THEN x.body_code ELSE d.payload ->> 'body_code' END,
       CASE WHEN x.numbered_at > d.at THEN x.document_type ELSE d.payload ->> 'document_type' END,
       d.payload ->> 'summary',
       concat_ws(' ', nullif(d.payload ->> 'authority', ''), nullif(d.payload ->> 'signer_name', '')),
       (d.payload -> 'recipients')::text,
       d.payload ->> 'confidentiality',
       CASE WHEN x.numbered_at > d.at THEN x.number END,
       CASE WHEN x.numbered_at > d.at THEN x.number_symbol END,
       CASE WHEN x.numbered_at > d.at THEN x.issued_on END,
       CASE WHEN x.numbered_at > d.at THEN extract(year FROM x.issued_on)::int END,
       CASE WHEN x.dispatched_at > d.at THEN x.dispatched_on END,
       CASE WHEN x.dispatched_at > d.at THEN x.dispatched_to END,
       CASE WHEN x.dispatched_at > d.at THEN x.channel END,
       CASE WHEN x.dispatched_at > d.at THEN x.dispatched_by END,
       CASE WHEN x.recalled_at > d.at THEN x.recall_reason END
FROM drafted AS d
LEFT JOIN changed AS x ON x.document_id = d.document_id
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
last_of_kind AS (
    -- A progress note with a percentage and one without are two kinds: only the first sets it.
    SELECT DISTINCT ON (payload ->> 'task_id' COLLATE "C", event_type, payload ->> 'percentage' IS NULL)
           payload ->> 'task_id' COLLATE "C" AS task_id,
           event_type,
           ARRAY[topic, part, off] AS at,
           payload ->> 'lead' AS lead,
           (payload ->> 'deadline')::date AS deadline,
           (payload ->> 'deadline_number')::int AS deadline_number,
           (payload ->> 'percentage')::int AS percentage,
           coalesce(payload ->> 'note', payload ->> 'result') AS note,
           (payload ->> 'completed_on')::date AS completed_on,
           payload ->> 'reply_document_id' AS reply_document_id
    FROM {staged}
    WHERE event_type IN (:reassigned, :extended, :overdue, :completed, :reopened, :noted)
    ORDER BY payload ->> 'task_id' COLLATE "C", event_type, payload ->> 'percentage' IS NULL,
             topic DESC, part DESC, off DESC
),
changed AS (
    SELECT task_id AS changed_task_id,
           max(at) FILTER (WHERE event_type = :reassigned) AS reassigned_at,
           max(lead) FILTER (WHERE event_type = :reassigned) AS lead,
           max(at) FILTER (WHERE event_type = :extended) AS extended_at,
           max(deadline) FILTER (WHERE event_type = :extended) AS deadline,
           max(deadline_number) FILTER (WHERE event_type = :extended) AS deadline_number,
           max(at) FILTER (WHERE event_type = :overdue) AS overdue_at,
           max(at) FILTER (WHERE event_type = :noted AND percentage IS NOT NULL) AS percentage_at,
           max(percentage) FILTER (WHERE event_type = :noted) AS percentage,
           max(note) FILTER (WHERE event_type = :noted AND percentage IS NOT NULL) AS percentage_note,
           max(at) FILTER (WHERE event_type = :noted AND percentage IS NULL) AS noted_at,
           max(note) FILTER (WHERE event_type = :noted AND percentage IS NULL) AS note,
           max(at) FILTER (WHERE event_type = :completed) AS completed_at,
           max(completed_on) FILTER (WHERE event_type = :completed) AS completed_on,
           max(reply_document_id) FILTER (WHERE event_type = :completed) AS reply_document_id,
           max(note) FILTER (WHERE event_type = :completed) AS result,
           max(at) FILTER (WHERE event_type = :reopened) AS reopened_at
    FROM last_of_kind
    GROUP BY task_id
),
latest AS (
    -- The last of the kinds that set each group of columns (their positions differ, or are null).
    SELECT c.at, c.task_id, c.payload, x.*,
           greatest(x.percentage_at, x.noted_at, x.completed_at) AS note_at,
           greatest(x.completed_at, x.reopened_at) AS done_at,
           greatest(x.extended_at, x.overdue_at) AS overdue_set_at
    FROM created AS c
    LEFT JOIN changed AS x ON x.changed_task_id = c.task_id
)
INSERT INTO {book_tasks} (
    task_id, commune_id, document_id, lead, deadline, extensions, percentage, progress_note, done_on,
    reply_document_id, overdue
)
SELECT c.task_id,
       c.payload ->> 'commune_id',
       c.payload ->> 'document_id',
       CASE WHEN c.reassigned_at > c.at THEN c.lead ELSE c.payload ->> 'lead' END,
       CASE WHEN c.extended_at > c.at THEN c.deadline ELSE (c.payload ->> 'deadline')::date END,
       CASE WHEN c.extended_at > c.at THEN c.deadline_number - 1 ELSE 0 END,
       CASE WHEN c.percentage_at > c.at THEN c.percentage END,
       CASE WHEN c.note_at > c.at THEN
           CASE c.note_at WHEN c.completed_at THEN c.result WHEN c.percentage_at THEN c.percentage_note
                ELSE c.note END
       ELSE '' END,
       CASE WHEN c.done_at > c.at AND c.done_at = c.completed_at THEN c.completed_on END,
       CASE WHEN c.done_at > c.at AND c.done_at = c.completed_at THEN c.reply_document_id END,
       coalesce(c.overdue_set_at > c.at AND c.overdue_set_at = c.overdue_at, false)
FROM latest AS c
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
