"""The figures read model: each figure's value and status, its history, and the conflicts.

Fed by the reporting service's own events (a store subscription on its own store, which applies
them exactly once in effect, in store order). Every history row is keyed by its event id, so
applying an event twice changes nothing; the figure and conflict rows follow the domain's rule
(:mod:`..domain.figure`) from what the events say, never deciding anything themselves.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import build_registry
from oneoffice.contracts.events.reporting import (
    FigureAdopted,
    FigureConflictRaised,
    FigureConflictSettled,
    FigureReported,
)
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import Projection, Tables
from oneoffice.eventcore.schema import UTCDateTime

FIGURES = "figures"
HISTORY = "history"
CONFLICTS = "conflicts"
_TYPES = frozenset(
    e.event_type for e in (FigureReported, FigureConflictRaised, FigureConflictSettled, FigureAdopted)
)


def _tables(metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
    figures = sa.Table(
        f"reporting_figures{suffix}",
        metadata,
        sa.Column("commune_id", sa.String(64), primary_key=True),
        sa.Column("indicator_code", sa.String(64), primary_key=True),
        sa.Column("period", sa.String(16), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        # Decimals as their text: exact, the same on SQLite and PostgreSQL.
        sa.Column("value", sa.String(64), nullable=True),
        sa.Column("adopted_value", sa.String(64), nullable=True),
        sa.Column("open_conflict_id", sa.String(200), nullable=True),
    )
    history = sa.Table(
        f"reporting_figure_history{suffix}",
        metadata,
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("commune_id", sa.String(64), nullable=False),
        sa.Column("indicator_code", sa.String(64), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("stream_version", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body_code", sa.String(64), nullable=False),
        sa.Column("value", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("conflict_id", sa.String(200), nullable=True),
        sa.Index(f"ix_reporting_figure_history{suffix}_figure", "commune_id", "indicator_code", "period"),
    )
    conflicts = sa.Table(
        f"reporting_figure_conflicts{suffix}",
        metadata,
        sa.Column("conflict_id", sa.String(200), primary_key=True),
        sa.Column("commune_id", sa.String(64), nullable=False, index=True),
        sa.Column("indicator_code", sa.String(64), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("values", sa.Text, nullable=False),
        sa.Column("raised_at", UTCDateTime(), nullable=False),
        sa.Column("adopted_body", sa.String(64), nullable=True),
        sa.Column("adopted_value", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
    )
    return {FIGURES: figures, HISTORY: history, CONFLICTS: conflicts}


class FiguresProjection(Projection):
    name: ClassVar[str] = "reporting.figures"

    def __init__(self, registry: EventRegistry | None = None) -> None:
        self._registry = registry or build_registry()

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return _tables(metadata, suffix)

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type not in _TYPES:
            return
        decoded = self._registry.decode(event.event_type, event.schema_version, event.payload)
        if isinstance(decoded, FigureReported):
            await _reported(conn, tables, decoded, event)
        elif isinstance(decoded, FigureConflictRaised):
            await _raised(conn, tables, decoded, event)
        elif isinstance(decoded, FigureConflictSettled):
            await _settled(conn, tables, decoded)
        elif isinstance(decoded, FigureAdopted):
            await _adopted(conn, tables, decoded, event)


def _insert(conn: AsyncConnection) -> Any:
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def _key(table: sa.Table, commune_id: str, indicator_code: str, period: str) -> Any:
    return sa.and_(
        table.c.commune_id == commune_id, table.c.indicator_code == indicator_code, table.c.period == period
    )


async def _history(conn: AsyncConnection, tables: Tables, envelope: Envelope, row: dict[str, Any]) -> bool:
    """Insert a history row; False when the event was applied before (nothing more to do)."""
    table = tables[HISTORY]
    values = {
        "event_id": envelope.event_id,
        "stream_version": envelope.stream_version,
        "actor": envelope.actor,
        "recorded_at": envelope.recorded_at,
        **row,
    }
    result = await conn.execute(
        _insert(conn)(table).values(values).on_conflict_do_nothing(index_elements=[table.c.event_id])
    )
    return bool(result.rowcount)


async def _reported(conn: AsyncConnection, tables: Tables, event: FigureReported, envelope: Envelope) -> None:
    new = await _history(
        conn,
        tables,
        envelope,
        {
            "commune_id": event.commune_id,
            "indicator_code": event.indicator_code,
            "period": event.period,
            "kind": "report",
            "body_code": event.body_code,
            "value": str(event.value),
            "text": event.note,
            "conflict_id": None,
        },
    )
    if not new:
        return
    figures = tables[FIGURES]
    key = _key(figures, event.commune_id, event.indicator_code, event.period)
    row = (await conn.execute(sa.select(figures).where(key))).mappings().one_or_none()
    if row is None:
        await conn.execute(
            figures.insert().values(
                commune_id=event.commune_id,
                indicator_code=event.indicator_code,
                period=event.period,
                status="agreed",
                value=str(event.value),
            )
        )
    elif row["open_conflict_id"] is not None:
        # The open conflict shows each body's latest value.
        conflicts = tables[CONFLICTS]
        where = conflicts.c.conflict_id == row["open_conflict_id"]
        values = json.loads(await conn.scalar(sa.select(conflicts.c["values"]).where(where)) or "{}")
        values[event.body_code] = str(event.value)
        await conn.execute(conflicts.update().where(where).values(values=json.dumps(values, sort_keys=True)))
    elif row["adopted_value"] is None:
        # No conflict follows (else its event comes next and says so): every body agrees on it.
        await conn.execute(figures.update().where(key).values(value=str(event.value)))


async def _raised(
    conn: AsyncConnection, tables: Tables, event: FigureConflictRaised, envelope: Envelope
) -> None:
    conflicts, figures = tables[CONFLICTS], tables[FIGURES]
    values = {body: str(value) for body, value in event.values.items()}
    inserted = await conn.execute(
        _insert(conn)(conflicts)
        .values(
            conflict_id=event.conflict_id,
            commune_id=event.commune_id,
            indicator_code=event.indicator_code,
            period=event.period,
            status="open",
            values=json.dumps(values, sort_keys=True),
            raised_at=envelope.recorded_at,
        )
        .on_conflict_do_nothing(index_elements=[conflicts.c.conflict_id])
    )
    if not inserted.rowcount:
        return  # applied before
    key = _key(figures, event.commune_id, event.indicator_code, event.period)
    adopted = await conn.scalar(sa.select(figures.c.adopted_value).where(key))
    # The adopted value stands through a later conflict; without one there is no value yet.
    await conn.execute(
        figures.update()
        .where(key)
        .values(status="conflict", open_conflict_id=event.conflict_id, value=adopted)
    )


async def _settled(conn: AsyncConnection, tables: Tables, event: FigureConflictSettled) -> None:
    conflicts, figures = tables[CONFLICTS], tables[FIGURES]
    changed = await conn.execute(
        conflicts.update()
        .where(conflicts.c.conflict_id == event.conflict_id, conflicts.c.status == "open")
        .values(status="settled")
    )
    if not changed.rowcount:
        return  # applied before
    key = _key(figures, event.commune_id, event.indicator_code, event.period)
    row = (await conn.execute(sa.select(figures.c.adopted_value).where(key))).one()
    await conn.execute(
        figures.update()
        .where(key)
        .values(
            status="agreed" if row[0] is None else "adopted",
            open_conflict_id=None,
            value=str(event.value),
        )
    )


async def _adopted(conn: AsyncConnection, tables: Tables, event: FigureAdopted, envelope: Envelope) -> None:
    new = await _history(
        conn,
        tables,
        envelope,
        {
            "commune_id": event.commune_id,
            "indicator_code": event.indicator_code,
            "period": event.period,
            "kind": "adoption",
            "body_code": event.body_code,
            "value": str(event.value),
            "text": event.reason,
            "conflict_id": event.conflict_id,
        },
    )
    if not new:
        return
    conflicts, figures = tables[CONFLICTS], tables[FIGURES]
    await conn.execute(
        conflicts.update()
        .where(conflicts.c.conflict_id == event.conflict_id)
        .values(
            status="adopted",
            adopted_body=event.body_code,
            adopted_value=str(event.value),
            reason=event.reason,
        )
    )
    value = str(event.value)
    await conn.execute(
        figures.update()
        .where(_key(figures, event.commune_id, event.indicator_code, event.period))
        .values(status="adopted", value=value, adopted_value=value, open_conflict_id=None)
    )


def decimal_or_none(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
