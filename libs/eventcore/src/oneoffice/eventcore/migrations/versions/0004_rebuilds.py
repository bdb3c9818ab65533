"""Projection rebuild leases: one rebuild of a projection at a time, across processes.

Revision ID: eventcore_0004
Revises: eventcore_0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "eventcore_0004"
down_revision = "eventcore_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projection_rebuild_leases",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("projection_rebuild_leases")
