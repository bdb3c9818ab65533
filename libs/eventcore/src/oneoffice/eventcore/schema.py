"""Tables of the event store (the same on SQLite and PostgreSQL). Alembic migrations create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware instants on every dialect (SQLite hands back naive values, meant as UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value  # type: ignore[no-any-return]


metadata = sa.MetaData()

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGSERIAL.
Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

events = sa.Table(
    "events",
    metadata,
    sa.Column("position", Position, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(36), nullable=False, unique=True),
    sa.Column("event_type", sa.String(200), nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("stream_id", sa.String(200), nullable=False),
    sa.Column("stream_version", sa.Integer, nullable=False),
    sa.Column("commune_id", sa.String(64), nullable=False),
    sa.Column("recorded_at", UTCDateTime(), nullable=False),
    # The canonical envelope JSON bytes (payload and all metadata); ``hash`` is their SHA-256.
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("stream_id", "stream_version", name="uq_events_stream_version"),
    sa.Index("ix_events_commune_position", "commune_id", "position"),
    # Positions are never reused, even after the newest row is deleted.
    sqlite_autoincrement=True,
)

idempotency_records = sa.Table(
    "idempotency_records",
    metadata,
    sa.Column("scope", sa.String(200), primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("result", sa.Text, nullable=False),
    sa.Column("recorded_at", UTCDateTime(), nullable=False),
)

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("stream_id", sa.String(200), primary_key=True),
    sa.Column("stream_version", sa.Integer, nullable=False),
    sa.Column("state_type", sa.String(200), nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("recorded_at", UTCDateTime(), nullable=False),
)


relay_cursors = sa.Table(
    "relay_cursors",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
)

# One row per (subscription, source, partition): the next offset (Kafka) or position (store) to
# apply, and the highest source store position applied (to drop events a relay published twice).
subscription_checkpoints = sa.Table(
    "subscription_checkpoints",
    metadata,
    sa.Column("subscription", sa.String(200), primary_key=True),
    sa.Column("source", sa.String(255), primary_key=True),
    sa.Column("partition", sa.Integer, primary_key=True),
    sa.Column("next_offset", sa.BigInteger, nullable=False),
    sa.Column("source_position", sa.BigInteger, nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    # The producing store's epoch (see ``store_epoch``) last seen on this partition.
    sa.Column("epoch", sa.String(64), nullable=True),
    # False on checkpoints written before chain heads existed (an upgrade): a commune without a
    # recorded head then accepts its first link instead of requiring the genesis hash.
    sa.Column("chain_checked", sa.Boolean, nullable=False, server_default=sa.false()),
)

# Per (subscription, source, commune): the hash of the last event applied, which the next event of
# that commune must name as its ``prev_hash`` (see :mod:`.continuity`).
subscription_chain_heads = sa.Table(
    "subscription_chain_heads",
    metadata,
    sa.Column("subscription", sa.String(200), primary_key=True),
    sa.Column("source", sa.String(255), primary_key=True),
    sa.Column("commune_id", sa.String(64), primary_key=True),
    sa.Column("hash", sa.String(64), nullable=False),
)

# One row, written when the database is created: a store re-created from scratch gets a new one, so
# a consumer notices that positions it already applied now mean other events. (A restored backup
# keeps its epoch; the events it appends anew break the chain the consumer keeps, see continuity.)
store_epoch = sa.Table(
    "store_epoch",
    metadata,
    sa.Column("epoch", sa.String(64), primary_key=True),
    sa.Column("created_at", UTCDateTime(), nullable=False),
)

dead_letters = sa.Table(
    "dead_letters",
    metadata,
    sa.Column("id", Position, primary_key=True, autoincrement=True),
    sa.Column("subscription", sa.String(200), nullable=False),
    sa.Column("source", sa.String(255), nullable=False),
    sa.Column("partition", sa.Integer, nullable=False),
    sa.Column("offset", sa.BigInteger, nullable=False),
    sa.Column("event_id", sa.String(36), nullable=True),
    sa.Column("event_type", sa.String(200), nullable=True),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("recorded_at", UTCDateTime(), nullable=False),
)

projection_generations = sa.Table(
    "projection_generations",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("switched_at", UTCDateTime(), nullable=False),
)

# Who may rebuild a projection now: one row per projection while a rebuild runs (any process).
projection_rebuild_leases = sa.Table(
    "projection_rebuild_leases",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("acquired_at", UTCDateTime(), nullable=False),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
)
