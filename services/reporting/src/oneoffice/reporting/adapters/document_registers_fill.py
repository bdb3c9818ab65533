"""The document registers' set-based fill: one statement per table over the staged events
(:mod:`.bulk_staging`), giving what applying every event in order gives
(:mod:`.document_registers_projection`).

Every event of a document or a task comes from its commune's stream on one partition of the
documents topic, so ``(topic, part, off)`` orders them. The incremental projection inserts a line at
its first creating event (a repeated one is ignored) and applies each later change to it with an
``UPDATE`` (a change before the line exists, or for a line that never exists, changes nothing). So
each column is the value of the last event that sets it, if that event comes after the line's
creating event, and the creating event's value otherwise. Each statement scans the staging table
once and sorts its events once, keeping per line its first creating event and the last event of
each other kind (the last of a kind before the creation means none of that kind after it); one
aggregate per line then pivots them into its columns.

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
and the database's collation compares far more slowly. The inserts into the tables' indexes are
about a third of the time.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import documents as d
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.projection import Tables

from .bulk_staging import planner_settings
from .registers_fill_settings import SETTINGS

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
WITH kinds AS (
    SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C", event_type)
           payload ->> 'document_id' COLLATE "C" AS document_id,
           event_type,
           ARRAY[topic, part, off] AS at,
           payload
    FROM {staged}
    WHERE event_type IN (:drafted, :numbered, :dispatched, :recalled)
    ORDER BY payload ->> 'document_id' COLLATE "C", event_type,
             CASE WHEN event_type = :drafted THEN ARRAY[topic, part, off] END,
             topic DESC, part DESC, off DESC
),
lines AS (
    SELECT document_id,
           max(at) FILTER (WHERE event_type = :drafted) AS drafted_at,
           max(payload ->> 'commune_id') FILTER (WHERE event_type = :drafted) AS commune_id,
           max(payload ->> 'body_code') FILTER (WHERE event_type = :drafted) AS drafted_body_code,
           max(payload ->> 'document_type') FILTER (WHERE event_type = :drafted) AS drafted_document_type,
           max(payload ->> 'summary') FILTER (WHERE event_type = :drafted) AS summary,
           max(concat_ws(' ', nullif(payload ->> 'authority', ''), nullif(payload ->> 'signer_name', '')))
               FILTER (WHERE event_type = :drafted) AS signer_name,
           max((payload -> 'recipients')::text) FILTER (WHERE event_type = :drafted) AS recipients,
           max(payload ->> 'confidentiality') FILTER (WHERE event_type = :drafted) AS confidentiality,
           max(at) FILTER (WHERE event_type = :numbered) AS numbered_at,
           max(payload ->> 'body_code') FILTER (WHERE event_type = :numbered) AS body_code,
           max(payload ->> 'document_type') FILTER (WHERE event_type = :numbered) AS document_type,
           max((payload ->> 'number')::int) FILTER (WHERE event_type = :numbered) AS number,
           max(payload ->> 'number_symbol') FILTER (WHERE event_type = :numbered) AS number_symbol,
           max((payload ->> 'issued_on')::date) FILTER (WHERE event_type = :numbered) AS issued_on,
           max(at) FILTER (WHERE event_type = :dispatched) AS dispatched_at,
           max((payload ->> 'dispatched_on')::date) FILTER (WHERE event_type = :dispatched) AS dispatched_on,
           max((payload -> 'recipients')::text) FILTER (WHERE event_type = :dispatched) AS dispatched_to,
           max(payload ->> 'channel') FILTER (WHERE event_type = :dispatched) AS channel,
           max(payload ->> 'dispatched_by') FILTER (WHERE event_type = :dispatched) AS dispatched_by,
           max(at) FILTER (WHERE event_type = :recalled) AS recalled_at,
           max(payload ->> 'reason') FILTER (WHERE event_type = :recalled) AS recall_reason
    FROM kinds
    GROUP BY document_id
)
INSERT INTO {outgoing} (
    document_id, commune_id, body_code, document_type, summary, signer_name, recipients,
    confidentiality, number, number_symbol, issued_on, year, dispatched_on, dispatched_to, channel,
    dispatched_by, recall_reason
)
SELECT document_id,
       commune_id,
       CASE WHEN numbered_at > drafted_at THEN body_code ELSE drafted_body_code END,
       CASE WHEN numbered_at > drafted_at THEN document_type ELSE drafted_document_type END,
       summary,
       signer_name,
       recipients,
       confidentiality,
       CASE WHEN numbered_at > drafted_at THEN number END,
       CASE WHEN numbered_at > drafted_at THEN number_symbol END,
       CASE WHEN numbered_at > drafted_at THEN issued_on END,
       CASE WHEN numbered_at > drafted_at THEN extract(year FROM issued_on)::int END,
       CASE WHEN dispatched_at > drafted_at THEN dispatched_on END,
       CASE WHEN dispatched_at > drafted_at THEN dispatched_to END,
       CASE WHEN dispatched_at > drafted_at THEN channel END,
       CASE WHEN dispatched_at > drafted_at THEN dispatched_by END,
       CASE WHEN recalled_at > drafted_at THEN recall_reason END
FROM lines
WHERE drafted_at IS NOT NULL
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
WITH kinds AS (
    -- A progress note with a percentage and one without are two kinds: only the first sets it.
    SELECT DISTINCT ON (payload ->> 'task_id' COLLATE "C", event_type, payload ->> 'percentage' IS NULL)
           payload ->> 'task_id' COLLATE "C" AS task_id,
           event_type,
           ARRAY[topic, part, off] AS at,
           CASE WHEN event_type = :created THEN payload ->> 'commune_id' END AS commune_id,
           CASE WHEN event_type = :created THEN payload ->> 'document_id' END AS document_id,
           CASE WHEN event_type IN (:created, :reassigned) THEN payload ->> 'lead' END AS lead,
           CASE WHEN event_type IN (:created, :extended) THEN (payload ->> 'deadline')::date END AS deadline,
           CASE WHEN event_type = :extended THEN (payload ->> 'deadline_number')::int END AS deadline_number,
           CASE WHEN event_type = :noted THEN (payload ->> 'percentage')::int END AS percentage,
           CASE WHEN event_type = :noted THEN payload ->> 'note'
                WHEN event_type = :completed THEN payload ->> 'result' END AS note,
           CASE WHEN event_type = :completed THEN (payload ->> 'completed_on')::date END AS completed_on,
           CASE WHEN event_type = :completed THEN payload ->> 'reply_document_id' END AS reply_document_id
    FROM {staged}
    WHERE event_type IN (:created, :reassigned, :extended, :overdue, :completed, :reopened, :noted)
      AND (event_type <> :created OR payload ->> 'document_id' IS NOT NULL)
    ORDER BY payload ->> 'task_id' COLLATE "C", event_type, payload ->> 'percentage' IS NULL,
             CASE WHEN event_type = :created THEN ARRAY[topic, part, off] END,
             topic DESC, part DESC, off DESC
),
lines AS (
    -- Most columns come from one kind only (null in the others' rows, which max() skips).
    SELECT task_id,
           max(at) FILTER (WHERE event_type = :created) AS created_at,
           max(commune_id) AS commune_id,
           max(document_id) AS document_id,
           max(lead) FILTER (WHERE event_type = :created) AS first_lead,
           max(deadline) FILTER (WHERE event_type = :created) AS first_deadline,
           max(at) FILTER (WHERE event_type = :reassigned) AS reassigned_at,
           max(lead) FILTER (WHERE event_type = :reassigned) AS lead,
           max(at) FILTER (WHERE event_type = :extended) AS extended_at,
           max(deadline) FILTER (WHERE event_type = :extended) AS deadline,
           max(deadline_number) AS deadline_number,
           max(at) FILTER (WHERE event_type = :overdue) AS overdue_at,
           max(at) FILTER (WHERE percentage IS NOT NULL) AS percentage_at,
           max(percentage) AS percentage,
           max(note) FILTER (WHERE percentage IS NOT NULL) AS percentage_note,
           max(at) FILTER (WHERE event_type = :noted AND percentage IS NULL) AS noted_at,
           max(note) FILTER (WHERE event_type = :noted AND percentage IS NULL) AS note,
           max(at) FILTER (WHERE event_type = :completed) AS completed_at,
           max(completed_on) AS completed_on,
           max(reply_document_id) AS reply_document_id,
           max(note) FILTER (WHERE event_type = :completed) AS result,
           max(at) FILTER (WHERE event_type = :reopened) AS reopened_at
    FROM kinds
    GROUP BY task_id
),
latest AS (
    -- The last of the kinds that set each group of columns (their positions differ, or are null).
    SELECT *,
           greatest(percentage_at, noted_at, completed_at) AS note_at,
           greatest(completed_at, reopened_at) AS done_at,
           greatest(extended_at, overdue_at) AS overdue_set_at
    FROM lines
    WHERE created_at IS NOT NULL
)
INSERT INTO {book_tasks} (
    task_id, commune_id, document_id, lead, deadline, extensions, percentage, progress_note, done_on,
    reply_document_id, overdue
)
SELECT task_id,
       commune_id,
       document_id,
       CASE WHEN reassigned_at > created_at THEN lead ELSE first_lead END,
       CASE WHEN extended_at > created_at THEN deadline ELSE first_deadline END,
       CASE WHEN extended_at > created_at THEN deadline_number - 1 ELSE 0 END,
       CASE WHEN percentage_at > created_at THEN percentage END,
       CASE WHEN note_at > created_at THEN
           CASE note_at WHEN completed_at THEN result WHEN percentage_at THEN percentage_note ELSE note END
       ELSE '' END,
       CASE WHEN done_at > created_at AND done_at = completed_at THEN completed_on END,
       CASE WHEN done_at > created_at AND done_at = completed_at THEN reply_document_id END,
       coalesce(overdue_set_at > created_at AND overdue_set_at = overdue_at, false)
FROM latest
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
    async with planner_settings(conn, SETTINGS):
        for sql in (_OUTGOING, _BOOK_DOCUMENTS, _BOOK_TASKS):
            statement = sa.text(sql.format(**names))
            used = {name: value for name, value in _PARAMETERS.items() if f":{name}" in sql}
            await conn.execute(statement, used)
