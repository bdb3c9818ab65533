"""The staff service's coverage events waiting to be carried out on tasks (an inbox).

Applied by the same follower of the staff events as the known units (one checkpoint; see
:mod:`..units_wiring`), so each coverage event is put in once; :class:`SqlCoverageInbox` hands the
pending ones to :class:`~..application.coverage_reaction.CoverageReaction` in arrival order and marks
each done once carried out. A rebuild puts every coverage event back as pending: carrying one out
again moves nothing (its keys were used).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events import staff
from oneoffice.eventcore.database import write_locking
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables

from ..application.coverage_reaction import CoverageMove

_EVENTS = (staff.CoverageStarted, staff.CoverageEscalated, staff.CoverageEnded)
_TYPES = frozenset(event.event_type for event in _EVENTS)


class CoverageInboxProjection(Projection):
    name: ClassVar[str] = "documents.coverage_inbox"

    def __init__(self) -> None:
        self._registry = EventRegistry(_EVENTS)

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "moves": sa.Table(
                f"coverage_inbox{suffix}",
                metadata,
                sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("staff_event_id", sa.String(64), nullable=False, unique=True),
                sa.Column("correlation_id", sa.String(128), nullable=False),
                sa.Column("kind", sa.String(16), nullable=False),
                sa.Column("commune_id", sa.String(64), nullable=False),
                sa.Column("absence_id", sa.String(128), nullable=False),
                sa.Column("absent", sa.String(64), nullable=True),
                sa.Column("to_person", sa.String(64), nullable=True),
                sa.Column("backup", sa.String(64), nullable=True),
                sa.Column("done", sa.Boolean, nullable=False, default=False),
            )
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        rows = [self._row(event) for event in events if event.event_type in _TYPES]
        if rows:
            await conn.execute(tables["moves"].insert(), rows)

    def _row(self, envelope: Envelope) -> dict[str, Any]:
        event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
        row: dict[str, Any] = {
            "staff_event_id": envelope.event_id,
            "correlation_id": envelope.correlation_id,
            "absent": None,
            "to_person": None,
            "backup": None,
            "done": False,
        }
        if isinstance(event, staff.CoverageStarted):
            row.update(kind="start", absent=event.absent, to_person=event.covered_by)
        elif isinstance(event, staff.CoverageEscalated):
            row.update(kind="escalate", absent=event.absent, to_person=event.team_lead, backup=event.backup)
        else:
            assert isinstance(event, staff.CoverageEnded)
            row["kind"] = "end"
        row.update(commune_id=event.commune_id, absence_id=event.absence_id)
        return row


class SqlCoverageInbox:
    """The ``CoverageInbox`` port over the projection's active table."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def pending(self, limit: int) -> list[CoverageMove]:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["moves"]
            query = sa.select(table).where(~table.c.done).order_by(table.c.seq).limit(limit)
            rows = await conn.execute(query)
        return [
            CoverageMove(
                seq=row.seq,
                staff_event_id=row.staff_event_id,
                correlation_id=row.correlation_id,
                kind=row.kind,
                commune_id=row.commune_id,
                absence_id=row.absence_id,
                absent=row.absent,
                to_person=row.to_person,
                backup=row.backup,
            )
            for row in rows
        ]

    async def done(self, seq: int) -> None:
        # Reads the active generation, then writes: on SQLite the write lock is taken first.
        async with write_locking(self._engine).begin() as conn:
            table = (await self._runner.tables(conn))["moves"]
            await conn.execute(table.update().where(table.c.seq == seq).values(done=True))
