"""Event store: events, idempotency records, snapshots; on PostgreSQL the append function.

Revision ID: eventcore_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "eventcore_0001"
down_revision = None
branch_labels = ("eventcore",)
depends_on = None

Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# One statement appends a batch: lock, check the stream version and the commune's chain head, insert.
# The advisory lock is transaction-scoped, so it is released only once the commit is visible; each
# statement of this VOLATILE function takes a fresh snapshot, so the checks see every earlier commit.
APPEND_FUNCTION = """
CREATE OR REPLACE FUNCTION oneoffice_append(
    p_stream_id text, p_commune_id text, p_expected_version integer, p_prev_hash text,
    p_event_ids text[], p_event_types text[], p_schema_versions integer[], p_recorded_at timestamptz,
    p_data bytea[], p_hashes text[], p_idem_scope text, p_idem_key text, p_idem_result text)
RETURNS TABLE (out_position bigint, out_status text, out_detail text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    current_version integer;
    head text;
BEGIN
    PERFORM pg_advisory_xact_lock(235867598);
    SELECT coalesce(max(e.stream_version), 0) INTO current_version
        FROM events e WHERE e.stream_id = p_stream_id;
    IF current_version <> p_expected_version THEN
        RETURN QUERY SELECT NULL::bigint, 'version'::text, current_version::text;
        RETURN;
    END IF;
    SELECT e.hash INTO head FROM events e WHERE e.commune_id = p_commune_id ORDER BY e.position DESC LIMIT 1;
    head := coalesce(head, repeat('0', 64));
    IF head <> p_prev_hash THEN
        RETURN QUERY SELECT NULL::bigint, 'head'::text, head;
        RETURN;
    END IF;
    IF p_idem_scope IS NOT NULL THEN
        INSERT INTO idempotency_records (scope, key, result, recorded_at)
            VALUES (p_idem_scope, p_idem_key, p_idem_result, p_recorded_at);
    END IF;
    RETURN QUERY
        INSERT INTO events AS ev (event_id, event_type, schema_version, stream_id, stream_version,
                                  commune_id, recorded_at, data, hash)
        SELECT n.event_id, n.event_type, n.schema_version, p_stream_id,
               p_expected_version + n.ord::integer, p_commune_id, p_recorded_at, n.data, n.hash
        FROM unnest(p_event_ids, p_event_types, p_schema_versions, p_data, p_hashes)
             WITH ORDINALITY AS n(event_id, event_type, schema_version, data, hash, ord)
        ORDER BY n.ord
        RETURNING ev.position, 'ok'::text, NULL::text;
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("position", Position, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), nullable=False, unique=True),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("stream_version", sa.Integer, nullable=False),
        sa.Column("commune_id", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("stream_id", "stream_version", name="uq_events_stream_version"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_commune_position", "events", ["commune_id", "position"])
    op.create_table(
        "idempotency_records",
        sa.Column("scope", sa.String(200), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("stream_id", sa.String(200), primary_key=True),
        sa.Column("stream_version", sa.Integer, nullable=False),
        sa.Column("state_type", sa.String(200), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS oneoffice_append")
    op.drop_table("snapshots")
    op.drop_table("idempotency_records")
    op.drop_index("ix_events_commune_position", table_name="events")
    op.drop_table("events")
