"""The incoming register's set-based fill: one statement over the staged events (:mod:`.bulk_staging`).

What applying every event in order gives (:mod:`.incoming_register_projection`), computed at once:

- a document's line comes from its first ``IncomingDocumentRegistered`` (a repeated one is ignored);
- a document whose số đến another document took first in the same register is left out, as the
  incremental projection dead-letters its registration (the number index refuses it);
- its passing-on columns come from its last ``DocumentPassedOn`` (a later one replaces an earlier
  one; one for a document not in the table changes nothing). A batch applies its registrations
  before its passings-on, so a passing-on staged before its document's registration counts as well,
  as if every event were one batch (the synthetic province has some: a document passed on the day it
  came, at an earlier second; the documents service itself always registers first).

Both events of a document come from its commune's stream on one partition of the documents topic, so
``(topic, part, off)`` orders them. The staging table is scanned once, into a materialised CTE of the
two event types' columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events.documents import DocumentPassedOn, IncomingDocumentRegistered

_REGISTERED = IncomingDocumentRegistered.event_type
_PASSED_ON = DocumentPassedOn.event_type

_FILL = """
WITH ev AS MATERIALIZED (
    SELECT topic, part, off, position, recorded_at, event_type = :registered AS registration,
           payload ->> 'document_id' AS document_id, payload
    FROM {staged}
    WHERE event_type IN (:registered, :passed_on)
),
first_registration AS (
    SELECT DISTINCT ON (document_id)
           topic, part, off, position, recorded_at, document_id,
           payload ->> 'commune_id' AS commune_id,
           payload ->> 'body_code' AS body_code,
           (payload ->> 'year')::int AS year,
           (payload ->> 'incoming_number')::int AS incoming_number,
           payload
    FROM ev
    WHERE registration
    ORDER BY document_id, topic, part, off
),
registered AS (
    SELECT DISTINCT ON (commune_id, body_code, year, incoming_number) *
    FROM first_registration
    ORDER BY commune_id, body_code, year, incoming_number, topic, part, off
),
last_passing AS (
    SELECT DISTINCT ON (p.document_id) p.document_id, p.payload
    FROM ev AS p
    JOIN registered AS r ON r.document_id = p.document_id
    WHERE NOT p.registration
    ORDER BY p.document_id, p.topic DESC, p.part DESC, p.off DESC
)
INSERT INTO {target} (
    document_id, commune_id, body_code, year, incoming_number, received_date, issuer, number_symbol,
    document_date, document_type, summary, urgency, recipient, duplicate_of, registered_at,
    source_position, recipient_kind, passed_on, passing_on_deadline, passed_on_late, passed_on_by
)
SELECT r.document_id, r.commune_id, r.body_code, r.year, r.incoming_number,
       (r.payload ->> 'received_date')::date,
       r.payload ->> 'issuer',
       r.payload ->> 'number_symbol',
       (r.payload ->> 'document_date')::date,
       r.payload ->> 'document_type',
       r.payload ->> 'summary',
       r.payload ->> 'urgency',
       p.payload ->> 'recipient',
       r.payload ->> 'duplicate_of',
       r.recorded_at,
       r.position,
       p.payload ->> 'recipient_kind',
       (p.payload ->> 'passed_on')::date,
       (p.payload ->> 'passing_on_deadline')::date,
       coalesce((p.payload ->> 'late')::boolean, false),
       p.payload ->> 'passed_on_by'
FROM registered AS r
LEFT JOIN last_passing AS p ON p.document_id = r.document_id
"""


async def fill_incoming_register(conn: AsyncConnection, target: sa.Table, staged: sa.Table) -> None:
    """Fill ``target`` (an empty generation of the register's table) from the ``staged`` events."""
    preparer = conn.dialect.identifier_preparer
    statement = sa.text(
        _FILL.format(staged=preparer.format_table(staged), target=preparer.format_table(target))
    )
    await conn.execute(statement, {"registered": _REGISTERED, "passed_on": _PASSED_ON})
