"""The dashboard's set-based fill (#13): its ten tables from every staged event at once, on PostgreSQL.

The rows are those :meth:`.DashboardProjection.apply_batch` gives applying the staged events in
their order (``topic, part, off``), corners included, from a few statements instead of a round of
writes per batch:

1. one statement reads the staging table once and writes the documents topic's two tables. What
   the dashboard reads of its 22 event types is extracted into ``ev`` (kept in memory): a kind
   number, the event's place in its topic (``pos``: partition and offset in one ``bigint``; each
   kind comes from one topic), and the few payload fields each kind needs under generic names (a
   ``VALUES`` list maps each type to its fields: one lookup per field). The rare kinds (units,
   staff, coverage, conflicts: a few percent) go to a small temporary table for the other statements;
2. the tasks, in one pass over their events sorted by task and position: window functions carry
   what the incremental updates decide one after the other (the first creation, the last
   reassignment and the last completion or reopening after it, which extensions raise the deadline
   number, which overdue notices name the number in force and are not cleared by a later extension);
3. the documents (the last registration wins) with their derived ``directed_on`` and
   ``completed_on`` computed from their tasks' final rows: the incremental projection recomputes them
   after each batch that touches one of the document's tasks (created, reassigned, completed,
   reopened) or registers it, and nothing else changes what they are computed from;
4. the small tables: an upsert's row is its last event's; a unit's end is the last end after its
   first establishment; a stint's end is the first closing of the person after the stint was opened
   that falls after its first day. Events that make several changes (a merger's successor, ends and
   moved children; a transfer's closing, then opening) order them by ``sub``.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import documents as docs
from oneoffice.contracts.events import reporting as figures
from oneoffice.contracts.events import staff
from oneoffice.eventcore.events import DomainEvent

from .bulk_staging import planner_settings

# Kind numbers: the documents topic's below 10 (``ev``), the others from 10 (``rare`` too).
INCOMING, OUTGOING, CREATED, REASSIGNED, COMPLETED, REOPENED, EXTENDED, OVERDUE = range(1, 9)
ESTABLISHED, MERGED, SPLIT, RENAMED, REPARENTED, CEASED = range(10, 16)
JOINED, TRANSFERRED, LEFT, ADOPTED_MODEL, COVERAGE_STARTED, COVERAGE_ESCALATED = range(20, 26)
CONFLICT_RAISED, FIGURE_ADOPTED = 30, 31

# Kind -> (event type, payload field of each generic column). ``j`` keeps the whole payload, ``at``
# the event's occurred_at.
_Fields = Mapping[str, str]
_KINDS: dict[int, tuple[type[DomainEvent], _Fields]] = {
    INCOMING: (
        docs.IncomingDocumentRegistered,
        {"id": "document_id", "cm": "commune_id", "d1": "received_date"},
    ),
    OUTGOING: (docs.OutgoingDocumentNumbered, {"id": "document_id", "cm": "commune_id", "d1": "issued_on"}),
    CREATED: (
        docs.TaskCreated,
        {
            "id": "task_id",
            "cm": "commune_id",
            "d1": "directed_on",
            "d2": "deadline",
            "s1": "lead",
            "s2": "document_id",
            "s3": "body_code",
        },
    ),
    REASSIGNED: (docs.TaskReassigned, {"id": "task_id", "s1": "lead"}),
    COMPLETED: (docs.TaskCompleted, {"id": "task_id", "d1": "completed_on"}),
    REOPENED: (docs.TaskReopened, {"id": "task_id"}),
    EXTENDED: (docs.TaskDeadlineExtended, {"id": "task_id", "d1": "deadline", "n": "deadline_number"}),
    OVERDUE: (docs.TaskOverdue, {"id": "task_id", "d1": "raised_on", "n": "deadline_number"}),
    ESTABLISHED: (staff.UnitEstablished, {"d1": "effective", "j": ""}),
    MERGED: (staff.UnitsMerged, {"d1": "effective", "j": ""}),
    SPLIT: (staff.UnitSplit, {"d1": "effective", "j": ""}),
    RENAMED: (staff.UnitRenamed, {"id": "code", "d1": "effective", "s1": "name", "s2": "kind"}),
    REPARENTED: (staff.UnitReparented, {"id": "code", "d1": "effective", "s1": "parent"}),
    CEASED: (staff.UnitCeased, {"id": "code", "d1": "effective"}),
    JOINED: (
        staff.PersonJoinedStaff,
        {
            "id": "person_id",
            "cm": "commune_id",
            "d1": "effective",
            "s1": "name",
            "s2": "category",
            "s3": "allowance",
            "j": "",
        },
    ),
    TRANSFERRED: (staff.PersonTransferred, {"id": "person_id", "cm": "to_commune", "d1": "effective"}),
    LEFT: (staff.PersonLeftStaff, {"id": "person_id", "d1": "effective"}),
    ADOPTED_MODEL: (staff.OneOfficeModelAdopted, {"id": "commune_id", "d1": "adopted_on", "s1": "wave"}),
    COVERAGE_STARTED: (staff.CoverageStarted, {"id": "coverage_id", "cm": "commune_id", "d1": "on"}),
    COVERAGE_ESCALATED: (staff.CoverageEscalated, {"id": "coverage_id", "cm": "commune_id", "d1": "on"}),
    CONFLICT_RAISED: (
        figures.FigureConflictRaised,
        {"id": "conflict_id", "cm": "commune_id", "s1": "period", "at": ""},
    ),
    FIGURE_ADOPTED: (
        figures.FigureAdopted,
        {"id": "conflict_id", "cm": "commune_id", "s1": "period", "at": ""},
    ),
}
_TEXT_FIELDS = ("id", "cm", "d1", "d2", "s1", "s2", "s3", "n")


def _literal(value: str | None) -> str:
    return "NULL::text" if value is None else "'" + value.replace("'", "''") + "'::text"


def _kinds_values() -> str:
    """The ``VALUES`` rows: event type, kind, the payload field of each generic column, flags."""
    rows = []
    for kind, (event, fields) in sorted(_KINDS.items()):
        columns = [_literal(event.event_type), f"{kind}::smallint"]
        columns += [_literal(fields.get(name)) for name in _TEXT_FIELDS]
        columns += ["true" if "at" in fields else "false", "true" if "j" in fields else "false"]
        rows.append(f"({', '.join(columns)})")
    return ",\n        ".join(rows)


_COLUMNS = "k, pos, id, cm, d1, d2, s1, s2, s3, n, at, j"

_EXTRACT = f"""
SELECT m.k,
       (s.part::bigint << 40) | s.off AS pos,
       (s.payload ->> m.f_id) COLLATE "C" AS id,
       s.payload ->> m.f_cm AS cm,
       (s.payload ->> m.f_d1)::date AS d1,
       (s.payload ->> m.f_d2)::date AS d2,
       s.payload ->> m.f_s1 AS s1,
       s.payload ->> m.f_s2 AS s2,
       s.payload ->> m.f_s3 AS s3,
       (s.payload ->> m.f_n)::integer AS n,
       CASE WHEN m.keep_at THEN s.occurred_at END AS at,
       CASE WHEN m.keep_j THEN s.payload END AS j
FROM {{staged}} AS s
JOIN (VALUES
        {_kinds_values()}
     ) AS m(event_type, k, f_id, f_cm, f_d1, f_d2, f_s1, f_s2, f_s3, f_n, keep_at, keep_j)
  ON s.event_type = m.event_type
"""

_RARE = """
CREATE TEMPORARY TABLE pg_temp.dash_fill_rare (
    k smallint, pos bigint, id text COLLATE "C", cm text, d1 date, d2 date, s1 text, s2 text, s3 text,
    n integer, at timestamptz, j jsonb
) ON COMMIT DROP
"""


def _last(condition: str) -> str:
    """``[pos, day]`` of the last event (by position) of a task meeting ``condition`` (``d1``: its day)."""
    return f"(max(ARRAY[pos, d1 - DATE '2000-01-01']) FILTER (WHERE {condition}))"


def _day_of_last(condition: str) -> str:
    return f"DATE '2000-01-01' + ({_last(condition)}[2])::integer"


_OVERDUE_APPLIES = f"k = {OVERDUE} AND n = number_then"

# Tasks, and per document what its tasks give it (for the documents' statement).
_TASKS = f"""
    seen AS (
    -- over all the events of a task: its first creation, its last reassignment, its last completion
    -- or reopening (when before the creation, there is none after it: see below)
    SELECT id, pos, k, cm, d1, d2, s1, s2, s3, n,
           min(pos) FILTER (WHERE k = {CREATED}) OVER whole AS created_pos,
           max(pos) FILTER (WHERE k = {REASSIGNED}) OVER whole AS lead_pos,
           max(pos) FILTER (WHERE k IN ({COMPLETED}, {REOPENED})) OVER whole AS done_pos
    FROM ev
    WHERE k BETWEEN {CREATED} AND {OVERDUE}
    WINDOW whole AS (PARTITION BY id ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), numbered AS (
    -- from the creation on (before it the task's row does not exist, an update finds nothing):
    -- the deadline number in force when each event comes (extensions only raise it)
    SELECT *,
           greatest(coalesce(max(n) FILTER (WHERE k = {EXTENDED}) OVER before, 1), 1) AS number_then
    FROM seen
    WHERE pos >= created_pos
    WINDOW before AS (PARTITION BY id ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), tasks AS (
    SELECT id AS task_id,
           max(cm) FILTER (WHERE pos = created_pos) AS commune_id,
           coalesce(max(s1) FILTER (WHERE pos = lead_pos), max(s1) FILTER (WHERE pos = created_pos)) AS lead,
           max(s2) FILTER (WHERE pos = created_pos) AS document_id,
           max(s3) FILTER (WHERE pos = created_pos) AS body_code,
           max(d1) FILTER (WHERE pos = created_pos) AS directed_on,
           -- an extension applies when it raises the number: the last applied one's deadline stays
           coalesce({_day_of_last("k = " + str(EXTENDED) + " AND n > number_then")},
                    max(d2) FILTER (WHERE pos = created_pos)) AS deadline,
           greatest(coalesce(max(n) FILTER (WHERE k = {EXTENDED}), 1), 1) AS deadline_number,
           coalesce(bool_or(k = {COMPLETED}) FILTER (WHERE pos = done_pos), false) AS done,
           max(d1) FILTER (WHERE pos = done_pos AND k = {COMPLETED}) AS completed_on,
           -- an overdue notice applies when it names the number in force; an extension after it clears it
           CASE WHEN {_last(_OVERDUE_APPLIES)}[1]
                     > coalesce(max(pos) FILTER (WHERE k = {EXTENDED} AND n > number_then), -1)
                THEN {_day_of_last(_OVERDUE_APPLIES)} END AS overdue_on
    FROM numbered
    GROUP BY id
), tasks_written AS (
    INSERT INTO {{tasks}} (task_id, commune_id, lead, document_id, body_code, directed_on, deadline,
                          deadline_number, done, completed_on, overdue_on)
    SELECT task_id, commune_id, lead, document_id, body_code, directed_on, deadline,
           deadline_number, done, completed_on, overdue_on
    FROM tasks
), of_tasks AS (
    SELECT document_id COLLATE "C" AS document_id, min(directed_on) AS directed_on,
           CASE WHEN bool_and(done AND completed_on IS NOT NULL) THEN max(completed_on) END AS completed_on
    FROM tasks
    WHERE document_id IS NOT NULL
    GROUP BY document_id
)"""

_DOCUMENTS = f"""
INSERT INTO {{documents}} (direction, document_id, commune_id, arrived_on, directed_on, completed_on)
SELECT CASE WHEN d.k = {INCOMING} THEN 'in' ELSE 'out' END, d.id, d.cm, d.d1, t.directed_on, t.completed_on
FROM (SELECT DISTINCT ON (k, id) k, id, cm, d1
      FROM ev
      WHERE k IN ({INCOMING}, {OUTGOING})
      ORDER BY k, id, pos DESC) AS d
LEFT JOIN of_tasks AS t ON d.k = {INCOMING} AND t.document_id = d.id
"""

# What the unit events do, one row per change: a unit brought into being ('new': its row, parent
# and name), an end, a parent or a name from a day. ``sub`` orders the changes of one event.
_UNIT_CHANGES = f"""
CREATE TEMPORARY TABLE pg_temp.dash_fill_unit_changes ON COMMIT DROP AS
SELECT 'new' AS change, pos, 0 AS sub, u ->> 'code' AS code, d1 AS effective,
       u ->> 'parent' AS parent, u ->> 'name' AS name, u ->> 'kind' AS kind, NULL::text AS successor
FROM (SELECT pos, d1, CASE k WHEN {ESTABLISHED} THEN j -> 'unit' ELSE j -> 'new_successor' END AS u
      FROM pg_temp.dash_fill_rare WHERE k IN ({ESTABLISHED}, {MERGED})) AS e
WHERE jsonb_typeof(u) = 'object'
UNION ALL
SELECT 'new', pos, i::integer, u ->> 'code', d1, u ->> 'parent', u ->> 'name', u ->> 'kind', NULL
FROM pg_temp.dash_fill_rare, jsonb_array_elements(j -> 'into') WITH ORDINALITY AS into_(u, i)
WHERE k = {SPLIT}
UNION ALL
SELECT 'end', pos, 1000000 + i::integer, code, d1, NULL, NULL, NULL, j ->> 'successor'
FROM pg_temp.dash_fill_rare, jsonb_array_elements_text(j -> 'merged') WITH ORDINALITY AS merged_(code, i)
WHERE k = {MERGED}
UNION ALL
SELECT 'parent', pos, 2000000 + i::integer, code, d1, j ->> 'successor', NULL, NULL, NULL
FROM pg_temp.dash_fill_rare,
     jsonb_array_elements_text(j -> 'children_moved') WITH ORDINALITY AS moved_(code, i)
WHERE k = {MERGED}
UNION ALL
SELECT 'end', pos, 1000000, j ->> 'unit', d1, NULL, NULL, NULL, NULL
FROM pg_temp.dash_fill_rare WHERE k = {SPLIT}
UNION ALL
SELECT 'end', pos, 0, id, d1, NULL, NULL, NULL, NULL FROM pg_temp.dash_fill_rare WHERE k = {CEASED}
UNION ALL
SELECT 'name', pos, 0, id, d1, NULL, s1, s2, NULL FROM pg_temp.dash_fill_rare WHERE k = {RENAMED}
UNION ALL
SELECT 'parent', pos, 0, id, d1, s1, NULL, NULL, NULL FROM pg_temp.dash_fill_rare WHERE k = {REPARENTED}
"""

_UNITS = """
INSERT INTO {units} (code, valid_from, ended_on, successor)
SELECT DISTINCT ON (n.code) n.code, n.effective, e.effective, e.successor
FROM (SELECT DISTINCT ON (code) code, effective, pos, sub
      FROM pg_temp.dash_fill_unit_changes WHERE change = 'new' ORDER BY code, pos, sub) AS n
LEFT JOIN pg_temp.dash_fill_unit_changes AS e
  ON e.change = 'end' AND e.code = n.code AND (e.pos, e.sub) > (n.pos, n.sub)
ORDER BY n.code, e.pos DESC NULLS LAST, e.sub DESC
"""

_PARENTS = """
INSERT INTO {unit_parents} (code, valid_from, parent)
SELECT DISTINCT ON (code, effective) code, effective, parent
FROM pg_temp.dash_fill_unit_changes WHERE change IN ('new', 'parent')
ORDER BY code, effective, pos DESC, sub DESC
"""

_NAMES = """
INSERT INTO {unit_names} (code, valid_from, name, kind)
SELECT DISTINCT ON (code, effective) code, effective, name, kind
FROM pg_temp.dash_fill_unit_changes WHERE change IN ('new', 'name')
ORDER BY code, effective, pos DESC, sub DESC
"""

_ADOPTIONS = f"""
INSERT INTO {{adoptions}} (commune_id, adopted_on, wave)
SELECT DISTINCT ON (id) id, d1, s1 FROM pg_temp.dash_fill_rare WHERE k = {ADOPTED_MODEL} ORDER BY id, pos DESC
"""

_PEOPLE = f"""
INSERT INTO {{people}} (person_id, name, category, allowance, bodies)
SELECT DISTINCT ON (id) id, s1, s2, s3, (j -> 'bodies')::json
FROM pg_temp.dash_fill_rare WHERE k = {JOINED} ORDER BY id, pos DESC
"""

# A stint opens with a joining or a transfer (after the transfer's closing of the earlier ones).
_STINTS = f"""
INSERT INTO {{stints}} (person_id, from_day, commune_id, to_day)
SELECT DISTINCT ON (o.id, o.d1) o.id, o.d1, o.cm, c.d1
FROM (SELECT DISTINCT ON (id, d1) id, d1, cm, min(pos) OVER (PARTITION BY id, d1) AS first_pos
      FROM pg_temp.dash_fill_rare WHERE k IN ({JOINED}, {TRANSFERRED}) ORDER BY id, d1, pos DESC) AS o
LEFT JOIN pg_temp.dash_fill_rare AS c
  ON c.k IN ({TRANSFERRED}, {LEFT}) AND c.id = o.id AND c.pos > o.first_pos AND c.d1 > o.d1
ORDER BY o.id, o.d1, c.pos
"""

_COVERAGE = f"""
INSERT INTO {{coverage}} (coverage_id, kind, commune_id, "on")
SELECT DISTINCT ON (k, id) id, CASE k WHEN {COVERAGE_STARTED} THEN 'started' ELSE 'escalated' END, cm, d1
FROM pg_temp.dash_fill_rare WHERE k IN ({COVERAGE_STARTED}, {COVERAGE_ESCALATED})
ORDER BY k, id, pos DESC
"""

_CONFLICTS = f"""
INSERT INTO {{conflicts}} (conflict_id, commune_id, period, raised_at, adopted_at)
SELECT id, max(cm) FILTER (WHERE pos = last_pos), max(s1) FILTER (WHERE pos = last_pos),
       max(at) FILTER (WHERE pos = raised_pos), max(at) FILTER (WHERE pos = adopted_pos)
FROM (SELECT id, pos, cm, s1, at,
             max(pos) OVER (PARTITION BY id) AS last_pos,
             max(pos) FILTER (WHERE k = {CONFLICT_RAISED}) OVER (PARTITION BY id) AS raised_pos,
             max(pos) FILTER (WHERE k = {FIGURE_ADOPTED}) OVER (PARTITION BY id) AS adopted_pos
      FROM pg_temp.dash_fill_rare WHERE k IN ({CONFLICT_RAISED}, {FIGURE_ADOPTED})) AS e
GROUP BY id
"""

_DROP = "DROP TABLE IF EXISTS pg_temp.dash_fill_rare, pg_temp.dash_fill_unit_changes"

# The documents topic's rows in one statement over the staged events (one scan; what it extracts
# is kept in memory, read by the tasks, the documents and the rare kinds' table).
_DOCUMENTS_TOPIC = f"""
WITH ev AS MATERIALIZED ({_EXTRACT}),
rare_written AS (
    INSERT INTO pg_temp.dash_fill_rare ({_COLUMNS}) SELECT {_COLUMNS} FROM ev WHERE k >= {ESTABLISHED}
),
{_TASKS}
{_DOCUMENTS}"""
# For the documents topic's statement only, then as it was: never a nested loop. The planner knows
# little of how many events each kind gives, and a nested loop there would read one side once per row
# of the other. (The small statements' lateral functions need nested loops: forbidden, the planner
# costs them absurdly.)
_NO_NESTED_LOOPS = {"enable_nestloop": "off"}


def _rare_statements(tables: Mapping[str, str]) -> list[str]:
    """The small tables' statements (after the documents topic's), for the quoted table names."""
    return [
        _UNIT_CHANGES,
        *(statement.format(**tables) for statement in (_UNITS, _PARENTS, _NAMES, _ADOPTIONS, _PEOPLE)),
        *(statement.format(**tables) for statement in (_STINTS, _COVERAGE, _CONFLICTS)),
    ]


async def fill_dashboard(conn: AsyncConnection, tables: Mapping[str, sa.Table], staged: sa.Table) -> None:
    """Fill the dashboard's (empty) ``tables`` from every event of ``staged`` (PostgreSQL only).

    Its sorts and the events it extracts (kept in memory) take up to some 65 MB each per million
    staged events: ``work_mem`` is the caller's (the set-based rebuild sets it, and builds the tables'
    secondary indexes after the fill).
    """
    quote = conn.dialect.identifier_preparer.quote
    names = {logical: quote(table.name) for logical, table in tables.items()}
    await conn.execute(sa.text(_DROP))
    await conn.execute(sa.text(_RARE))
    async with planner_settings(conn, _NO_NESTED_LOOPS):
        await conn.execute(sa.text(_DOCUMENTS_TOPIC.format(staged=quote(staged.name), **names)))
    for statement in _rare_statements(names):
        await conn.execute(sa.text(statement))
