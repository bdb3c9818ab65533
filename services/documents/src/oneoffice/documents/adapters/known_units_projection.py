"""The units this service knows (code, first day, first day gone), from the staff service's events.

Fed by the staff topic (distributed) or a catch-up subscription on the staff store (embedded); its
rows commit with that subscription's checkpoint, so each event is applied exactly once, in the
register's order (its events share one stream and one Kafka key). Events of the staff service other
than the unit register's are skipped. :class:`SqlUnitDirectory` is the ``UnitDirectory`` port over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events import staff
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables

from ..application.unit_directory import UnitLifetime, apply_changes, lifetime_changes

UNIT_EVENTS = (
    staff.UnitEstablished,
    staff.UnitsMerged,
    staff.UnitSplit,
    staff.UnitRenamed,
    staff.UnitReparented,
    staff.UnitCeased,
)

_TYPES = frozenset(event.event_type for event in UNIT_EVENTS)


def _unit_events() -> EventRegistry:
    registry = EventRegistry(UNIT_EVENTS)
    for event_type, from_version, upcaster in staff.UPCASTERS:
        if event_type in _TYPES:
            registry.register_upcaster(event_type, from_version, upcaster)
    return registry


class KnownUnitsProjection(Projection):
    name: ClassVar[str] = "documents.known_units"

    def __init__(self) -> None:
        self._registry = _unit_events()

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "units": sa.Table(
                f"known_units{suffix}",
                metadata,
                sa.Column("code", sa.String(64), primary_key=True),
                sa.Column("established", sa.Date, nullable=False),
                sa.Column("ceased", sa.Date, nullable=True),
            )
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        changes = tuple(
            change
            for event in events
            if event.event_type in _TYPES
            for change in lifetime_changes(
                self._registry.decode(event.event_type, event.schema_version, event.payload)
            )
        )
        if not changes:
            return
        table = tables["units"]
        codes = {change.code for change in changes}
        rows = await conn.execute(sa.select(table).where(table.c.code.in_(codes)))
        before = {row.code: UnitLifetime(row.code, row.established, row.ceased) for row in rows}
        after = apply_changes(before, changes)
        for code, lifetime in after.items():
            if before.get(code) == lifetime:
                continue
            values = {"established": lifetime.established, "ceased": lifetime.ceased}
            if code in before:
                await conn.execute(table.update().where(table.c.code == code).values(**values))
            else:
                await conn.execute(table.insert().values(code=code, **values))


class SqlUnitDirectory:
    """The ``UnitDirectory`` port over the projection's active tables."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def exists_on(self, code: str, day: date) -> bool:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["units"]
            row = (await conn.execute(sa.select(table).where(table.c.code == code))).one_or_none()
        return row is not None and UnitLifetime(row.code, row.established, row.ceased).exists_on(day)

    async def knows_any(self) -> bool:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["units"]
            return (await conn.scalar(sa.select(sa.exists().select_from(table)))) is True
