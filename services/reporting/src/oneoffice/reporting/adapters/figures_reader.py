"""Reads figures and conflicts from the figures read model's active generation (one transaction)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.projection import ProjectionRunner

from ..application.figure_ports import ConflictView, FigureEntry, FigureView
from .figures_projection import CONFLICTS, FIGURES, HISTORY, decimal_or_none

# A commune's figures are a few hundred a year: one answer lists them all.
MAX_FIGURES = 2000


class SqlFigureReader:
    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def figures(
        self, commune_id: str, indicator_code: str | None, period: str | None
    ) -> list[FigureView]:
        async with self._engine.connect() as conn:
            tables = await self._runner.tables(conn)
            figures, history = tables[FIGURES], tables[HISTORY]
            where = [figures.c.commune_id == commune_id]
            if indicator_code:
                where.append(figures.c.indicator_code == indicator_code)
            if period:
                where.append(figures.c.period == period)
            rows = (
                (
                    await conn.execute(
                        sa.select(figures)
                        .where(*where)
                        .order_by(figures.c.indicator_code, figures.c.period)
                        .limit(MAX_FIGURES)
                    )
                )
                .mappings()
                .all()
            )
            h_where = [history.c.commune_id == commune_id]
            if indicator_code:
                h_where.append(history.c.indicator_code == indicator_code)
            if period:
                h_where.append(history.c.period == period)
            entries: dict[tuple[str, str], list[FigureEntry]] = {}
            for h in (
                await conn.execute(sa.select(history).where(*h_where).order_by(history.c.stream_version))
            ).mappings():
                entries.setdefault((h["indicator_code"], h["period"]), []).append(_entry(h))
        return [
            FigureView(
                commune_id=row["commune_id"],
                indicator_code=row["indicator_code"],
                period=row["period"],
                status=row["status"],
                value=decimal_or_none(row["value"]),
                open_conflict_id=row["open_conflict_id"],
                history=tuple(entries.get((row["indicator_code"], row["period"]), ())),
            )
            for row in rows
        ]

    async def conflicts(self, commune_id: str, status: str | None) -> list[ConflictView]:
        async with self._engine.connect() as conn:
            conflicts = (await self._runner.tables(conn))[CONFLICTS]
            where = [conflicts.c.commune_id == commune_id]
            if status:
                where.append(conflicts.c.status == status)
            rows = (
                (
                    await conn.execute(
                        sa.select(conflicts)
                        .where(*where)
                        .order_by(conflicts.c.raised_at, conflicts.c.conflict_id)
                        .limit(MAX_FIGURES)
                    )
                )
                .mappings()
                .all()
            )
        return [_conflict(row) for row in rows]


def _entry(row: Any) -> FigureEntry:
    return FigureEntry(
        kind=row["kind"],
        body_code=row["body_code"],
        value=Decimal(row["value"]),
        text=row["text"],
        actor=row["actor"],
        recorded_at=row["recorded_at"],
        conflict_id=row["conflict_id"],
    )


def _conflict(row: Any) -> ConflictView:
    return ConflictView(
        conflict_id=row["conflict_id"],
        commune_id=row["commune_id"],
        indicator_code=row["indicator_code"],
        period=row["period"],
        status=row["status"],
        values={body: Decimal(v) for body, v in json.loads(row["values"]).items()},
        raised_at=row["raised_at"],
        adopted_body=row["adopted_body"],
        adopted_value=decimal_or_none(row["adopted_value"]),
        reason=row["reason"],
    )
