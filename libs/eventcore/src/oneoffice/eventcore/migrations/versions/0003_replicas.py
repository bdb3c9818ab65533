"""The append function refuses to run outside READ COMMITTED.

Its checks (stream version, chain head) must see every append that committed before it took the
store's lock. Under REPEATABLE READ or SERIALIZABLE the snapshot is taken at the transaction's first
statement, before the lock, so an append could build on a stale version or chain head: it now
raises instead (SQLSTATE 25000, "oneoffice_append runs only under READ COMMITTED").

Revision ID: eventcore_0003
Revises: eventcore_0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "eventcore_0003"
down_revision = "eventcore_0002"
branch_labels = None
depends_on = None

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
    -- The checks below must see every append that committed before the lock was taken: only
    -- READ COMMITTED gives each statement of this function a fresh snapshot.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'oneoffice_append runs only under READ COMMITTED, not %',
            current_setting('transaction_isolation')
            USING ERRCODE = '25000',
                  HINT = 'Append outside any REPEATABLE READ or SERIALIZABLE transaction.';
    END IF;
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

# As created by eventcore_0001, for the downgrade.
_UNGUARDED_FUNCTION = """
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
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_UNGUARDED_FUNCTION)
