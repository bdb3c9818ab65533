"""A small read model used by the runtime tests: one row per NoteTaken event."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.handlers import PoisonEvent
from oneoffice.eventcore.projection import Projection


class NotesProjection(Projection):
    name: ClassVar[str] = "test.notes"

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "notes": sa.Table(
                f"test_notes{suffix}",
                metadata,
                sa.Column("event_id", sa.String(36), primary_key=True),
                sa.Column("commune_id", sa.String(64), nullable=False),
                sa.Column("text", sa.Text, nullable=False),
                sa.Column("n", sa.Integer, nullable=False),
                sa.Column("stream_id", sa.String(200), nullable=False),
                sa.Column("stream_version", sa.Integer, nullable=False),
            )
        }

    async def apply(self, conn: AsyncConnection, tables: Mapping[str, sa.Table], event: Envelope) -> None:
        if event.event_type != "test.NoteTaken":
            return
        if event.payload["text"] == "poison":
            raise PoisonEvent("this note can never be projected")
        await conn.execute(
            tables["notes"]
            .insert()
            .values(
                event_id=event.event_id,
                commune_id=event.commune_id,
                text=event.payload["text"],
                n=event.payload["n"],
                stream_id=event.stream_id,
                stream_version=event.stream_version,
            )
        )


async def rows(conn: AsyncConnection, table: sa.Table) -> list[dict[str, Any]]:
    result = await conn.execute(sa.select(table).order_by(table.c.event_id))
    return [dict(r._mapping) for r in result]
