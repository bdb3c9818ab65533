"""Continuity: per-commune chain heads of each subscription, the store epoch, epochs in checkpoints.

Revision ID: eventcore_0005
Revises: eventcore_0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "eventcore_0005"
down_revision = "eventcore_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscription_chain_heads",
        sa.Column("subscription", sa.String(200), primary_key=True),
        sa.Column("source", sa.String(255), primary_key=True),
        sa.Column("commune_id", sa.String(64), primary_key=True),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # Checkpoints that exist now were written without chain heads: they keep chain_checked false.
    with op.batch_alter_table("subscription_checkpoints") as batch:
        batch.add_column(sa.Column("epoch", sa.String(64), nullable=True))
        batch.add_column(sa.Column("chain_checked", sa.Boolean, nullable=False, server_default=sa.false()))
    epoch = op.create_table(
        "store_epoch",
        sa.Column("epoch", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # A database created (or re-created) from scratch gets a random epoch of its own.
    op.bulk_insert(epoch, [{"epoch": uuid.uuid4().hex, "created_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("store_epoch")
    with op.batch_alter_table("subscription_checkpoints") as batch:
        batch.drop_column("chain_checked")
        batch.drop_column("epoch")
    op.drop_table("subscription_chain_heads")
