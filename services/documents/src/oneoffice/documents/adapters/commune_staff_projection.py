"""Who is staff of which commune on a day, and which account is whose, from the staff service's events.

Fed like the units read model (the staff topic, or the staff store when embedded), exactly once per
event. ``PersonJoinedStaff`` opens a membership (and names the person's account, if any);
``PersonTransferred`` closes it and opens one in the new commune; ``PersonLeftStaff`` closes it.
:class:`SqlCommuneStaff` is the ``CommuneStaff`` port over it.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events import staff
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables

PEOPLE_EVENTS = (staff.PersonJoinedStaff, staff.PersonTransferred, staff.PersonLeftStaff)
_TYPES = frozenset(event.event_type for event in PEOPLE_EVENTS)


def _people_events() -> EventRegistry:
    registry = EventRegistry(PEOPLE_EVENTS)
    for event_type, from_version, upcaster in staff.UPCASTERS:
        if event_type in _TYPES:
            registry.register_upcaster(event_type, from_version, upcaster)
    return registry


class CommuneStaffProjection(Projection):
    name: ClassVar[str] = "documents.commune_staff"

    def __init__(self) -> None:
        self._registry = _people_events()

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "people": sa.Table(
                f"commune_staff_people{suffix}",
                metadata,
                sa.Column("person_id", sa.String(64), primary_key=True),
                sa.Column("name", sa.String(200), nullable=False),
                sa.Column("username", sa.String(64), nullable=True, index=True),
            ),
            "memberships": sa.Table(
                f"commune_staff_memberships{suffix}",
                metadata,
                sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("person_id", sa.String(64), nullable=False, index=True),
                sa.Column("commune_id", sa.String(64), nullable=False),
                sa.Column("since", sa.Date, nullable=False),
                sa.Column("until", sa.Date, nullable=True),
            ),
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type not in _TYPES:
            return
        decoded = self._registry.decode(event.event_type, event.schema_version, event.payload)
        people, memberships = tables["people"], tables["memberships"]
        if isinstance(decoded, staff.PersonJoinedStaff):
            known = await conn.scalar(
                sa.select(sa.func.count()).select_from(people).where(people.c.person_id == decoded.person_id)
            )
            values = {"name": decoded.name, "username": decoded.username}
            if known:
                await conn.execute(
                    people.update().where(people.c.person_id == decoded.person_id).values(**values)
                )
            else:
                await conn.execute(people.insert().values(person_id=decoded.person_id, **values))
            await conn.execute(
                memberships.insert().values(
                    person_id=decoded.person_id, commune_id=decoded.commune_id, since=decoded.effective
                )
            )
        elif isinstance(decoded, staff.PersonTransferred):
            await _close(conn, memberships, decoded.person_id, decoded.from_commune, decoded.effective)
            await conn.execute(
                memberships.insert().values(
                    person_id=decoded.person_id, commune_id=decoded.to_commune, since=decoded.effective
                )
            )
        elif isinstance(decoded, staff.PersonLeftStaff):
            await _close(conn, memberships, decoded.person_id, decoded.commune_id, decoded.effective)


async def _close(conn: AsyncConnection, table: sa.Table, person_id: str, commune_id: str, day: date) -> None:
    await conn.execute(
        table.update()
        .where(table.c.person_id == person_id, table.c.commune_id == commune_id, table.c.until.is_(None))
        .values(until=day)
    )


class SqlCommuneStaff:
    """The ``CommuneStaff`` port over the projection's active tables."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def is_staff(self, commune_id: str, person_id: str, day: date) -> bool:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["memberships"]
            found = await conn.scalar(
                sa.select(sa.func.count())
                .select_from(table)
                .where(
                    table.c.person_id == person_id,
                    table.c.commune_id == commune_id,
                    table.c.since <= day,
                    sa.or_(table.c.until.is_(None), table.c.until > day),
                )
            )
        return bool(found)

    async def person_of(self, username: str) -> str | None:
        async with self._engine.connect() as conn:
            table = (await self._runner.tables(conn))["people"]
            found = await conn.scalar(
                sa.select(table.c.person_id).where(table.c.username == username).order_by(table.c.person_id)
            )
        return None if found is None else str(found)
