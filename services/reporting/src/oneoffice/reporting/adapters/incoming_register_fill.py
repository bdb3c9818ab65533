"""The incoming register's set-based fill: one statement over the staged events (:mod:`.bulk_staging`).

What applying every event in order gives (:mod:`.incoming_register_projection`), computed at once:

- a document's line comes from its first ``IncomingDocumentRegistered`` (a repeated one is ignored);
- a document whose số đến another document took in the same register is refused by the register's
  unique number index, as in the incremental projection; there its registration becomes a dead
  letter, which only the event-by-event rebuild records: the fill fails, and the rebuild goes event
  by event (:mod:`.bulk_rebuild`). The documents service numbers uniquely, so a clash means
  something went wrong upstream and an operator should see it;
- its passing-on columns come from its last ``DocumentPassedOn`` (a later one replaces an earlier
  one; one for a document not in the table changes nothing). A batch applies its registrations
  before its passings-on, so a passing-on staged before its document's registration counts as well,
  as if every event were one batch (the synthetic province has some: a document passed on the day it
  came, at an earlier second; the documents service itself always registers first).

Both events of a document come from its commune's stream on one partition of the documents topic, so
``(topic, part, off)`` orders them. Two scans of the staging table (one per event type), each sorted
once on the document id (byte order: the database's collation is only slower, not needed); hash
joins after that. The insert into the target's two indexes is about half the time.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events.documents import DocumentPassedOn, IncomingDocumentRegistered

from .bulk_staging import planner_settings
from .registers_fill_settings import SETTINGS

_REGISTERED = IncomingDocumentRegistered.event_type
_PASSED_ON = DocumentPassedOn.event_type

_FILL = """
WITH first_registration AS MATERIALIZED (
    SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C")
           payload ->> 'document_id' COLLATE "C" AS document_id,
           payload ->> 'commune_id' COLLATE "C" AS commune_id,
           payload ->> 'body_code' COLLATE "C" AS body_code,
           (payload ->> 'year')::int AS year,
           (payload ->> 'incoming_number')::int AS incoming_number,
           (payload ->> 'received_date')::date AS received_date,
           payload ->> 'issuer' AS issuer,
           payload ->> 'number_symbol' AS number_symbol,
           (payload ->> 'document_date')::date AS document_date,
           payload ->> 'document_type' AS document_type,
           payload ->> 'summary' AS summary,
           payload ->> 'urgency' AS urgency,
           payload ->> 'duplicate_of' AS duplicate_of,
           recorded_at AS registered_at,
           position AS source_position
    FROM {staged}
    WHERE event_type = :registered
    ORDER BY payload ->> 'document_id' COLLATE "C", topic, part, off
),
last_passing AS (
    SELECT DISTINCT ON (payload ->> 'document_id' COLLATE "C")
           payload ->> 'document_id' COLLATE "C" AS document_id,
           payload ->> 'recipient' AS recipient,
           payload ->> 'recipient_kind' AS recipient_kind,
           (payload ->> 'passed_on')::date AS passed_on,
           (payload ->> 'passing_on_deadline')::date AS passing_on_deadline,
           (payload ->> 'late')::boolean AS passed_on_late,
           payload ->> 'passed_on_by' AS passed_on_by
    FROM {staged}
    WHERE event_type = :passed_on
    ORDER BY payload ->> 'document_id' COLLATE "C", topic DESC, part DESC, off DESC
)
INSERT INTO {target} (
    document_id, commune_id, body_code, year, incoming_number, received_date, issuer, number_symbol,
    document_date, document_type, summary, urgency, recipient, duplicate_of, registered_at,
    source_position, recipient_kind, passed_on, passing_on_deadline, passed_on_late, passed_on_by
)
SELECT r.document_id, r.commune_id, r.body_code, r.year, r.incoming_number, r.received_date, r.issuer,
       r.number_symbol, r.document_date, r.document_type, r.summary, r.urgency, p.recipient,
       r.duplicate_of, r.registered_at, r.source_position, p.recipient_kind, p.passed_on,
       p.passing_on_deadline, coalesce(p.passed_on_late, false), p.passed_on_by
FROM first_registration AS r
LEFT JOIN last_passing AS p ON p.document_id = r.document_id
"""


async def fill_incoming_register(conn: AsyncConnection, target: sa.Table, staged: sa.Table) -> None:
    """Fill ``target`` (an empty generation of the register's table) from the ``staged`` events."""
    preparer = conn.dialect.identifier_preparer
    statement = sa.text(
        _FILL.format(staged=preparer.format_table(staged), target=preparer.format_table(target))
    )
    async with planner_settings(conn, SETTINGS):
        await conn.execute(statement, {"registered": _REGISTERED, "passed_on": _PASSED_ON})
