"""Who and what the staff service's events name, for reporting's other answers to show and check.

- ``names``: a person's name by person id (``PersonJoinedStaff``) and by username (the person's
  account, or ``AccountCreated``'s display name): the registers show names, not ids;
- ``bodies``: the bodies each commune's office serves (``BodyRegistered``, and the bodies a new unit
  comes with in ``UnitEstablished``, ``UnitsMerged`` and ``UnitSplit``, those a merger carries
  included): a figure is reported by a body of its commune.

Every row is an upsert keyed by what it names, so a redelivered event changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import build_registry
from oneoffice.contracts.events.staff import (
    AccountCreated,
    BodyRegistered,
    NewUnit,
    PersonJoinedStaff,
    UnitEstablished,
    UnitsMerged,
    UnitSplit,
)
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import Projection, Tables

NAMES = "names"
BODIES = "bodies"
_EVENTS = (AccountCreated, BodyRegistered, PersonJoinedStaff, UnitEstablished, UnitsMerged, UnitSplit)
_TYPES = frozenset(event.event_type for event in _EVENTS)


class DirectoryProjection(Projection):
    name: ClassVar[str] = "reporting.directory"

    def __init__(self, *, registry: EventRegistry | None = None) -> None:
        self._registry = registry or build_registry()

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            NAMES: sa.Table(
                f"reporting_directory_names{suffix}",
                metadata,
                sa.Column("key", sa.String(200), primary_key=True),  # a person id or a username
                sa.Column("name", sa.Text, nullable=False),
            ),
            BODIES: sa.Table(
                f"reporting_directory_bodies{suffix}",
                metadata,
                sa.Column("commune_id", sa.String(64), primary_key=True),
                sa.Column("body_code", sa.String(64), primary_key=True),
            ),
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type not in _TYPES:
            return
        decoded = self._registry.decode(event.event_type, event.schema_version, event.payload)
        match decoded:
            case PersonJoinedStaff():
                keys = [decoded.person_id] + ([decoded.username] if decoded.username else [])
                await _upsert(conn, tables[NAMES], [{"key": key, "name": decoded.name} for key in keys])
            case AccountCreated():
                # The person's staff record names the account's person as the staff know them: it
                # wins, whichever event comes first.
                row = {"key": decoded.username, "name": decoded.display_name}
                await _upsert(conn, tables[NAMES], [row], overwrite=False)
            case BodyRegistered():
                await _bodies(conn, tables, decoded.commune_id, [decoded.body_code])
            case UnitEstablished():
                await _new_unit(conn, tables, decoded.unit)
            case UnitsMerged():
                if decoded.new_successor is not None:
                    await _new_unit(conn, tables, decoded.new_successor)
                await _bodies(conn, tables, decoded.successor, [c.body for c in decoded.bodies_carried])
            case UnitSplit():
                for unit in decoded.into:
                    await _new_unit(conn, tables, unit)


async def _new_unit(conn: AsyncConnection, tables: Tables, unit: NewUnit) -> None:
    await _bodies(conn, tables, unit.code, unit.bodies)


async def _bodies(conn: AsyncConnection, tables: Tables, commune_id: str, codes: Iterable[str]) -> None:
    await _upsert(conn, tables[BODIES], [{"commune_id": commune_id, "body_code": code} for code in codes])


async def _upsert(
    conn: AsyncConnection, table: sa.Table, rows: list[dict[str, Any]], *, overwrite: bool = True
) -> None:
    if not rows:
        return
    insert: Any = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    keys = list(table.primary_key.columns)
    statement = insert(table).values(rows)
    others = {c.name: statement.excluded[c.name] for c in table.columns if c not in keys}
    await conn.execute(
        statement.on_conflict_do_update(index_elements=keys, set_=others)
        if others and overwrite
        else statement.on_conflict_do_nothing(index_elements=keys)
    )
