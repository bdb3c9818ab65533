"""The documents service's read model of outgoing documents: one row each, and their history.

Fed by a catch-up subscription on the service's store (see ``bootstrap``); rows commit with the
subscription's checkpoint, so each event is applied exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events.documents import (
    OutgoingDocumentDispatched,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentRecalled,
)
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables
from oneoffice.eventcore.schema import UTCDateTime

from ..application.outgoing_views import HistoryEntry, OutgoingDocumentView

_TEXT_COLUMNS = (
    "body_code", "document_type", "summary", "drafting_unit", "signer_id", "signer_name", "signer_title",
    "authority", "place_name", "urgency", "confidentiality", "drafted_by",
)  # fmt: skip


class OutgoingDocumentsProjection(Projection):
    name: ClassVar[str] = "documents.outgoing_documents"

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "documents": sa.Table(
                f"outgoing_documents{suffix}",
                metadata,
                sa.Column("document_id", sa.String(64), primary_key=True),
                sa.Column("commune_id", sa.String(64), nullable=False, index=True),
                *(sa.Column(name, sa.Text, nullable=False) for name in _TEXT_COLUMNS),
                sa.Column("recipients", sa.Text, nullable=False),
                sa.Column("state", sa.String(16), nullable=False),
                sa.Column("drafted_at", UTCDateTime(), nullable=False),
                sa.Column("number", sa.Integer, nullable=True),
                sa.Column("number_symbol", sa.Text, nullable=False, default=""),
                sa.Column("formatted", sa.Text, nullable=False, default=""),
                sa.Column("issued_on", sa.Date, nullable=True),
                sa.Column("issue_year", sa.Integer, nullable=True),
                sa.Column("period", sa.Text, nullable=False, default=""),
                sa.Column("sequence_id", sa.Text, nullable=False, default=""),
                sa.Column("dispatched_on", sa.Date, nullable=True),
                sa.Column("channel", sa.String(16), nullable=False, default=""),
                sa.Column("dispatched_to", sa.Text, nullable=False, default="[]"),
                sa.Column("recall_reason", sa.Text, nullable=False, default=""),
                sa.Column("imported", sa.Boolean, nullable=False, default=False),
            ),
            "history": sa.Table(
                f"outgoing_history{suffix}",
                metadata,
                sa.Column("position", sa.BigInteger, primary_key=True),
                sa.Column("document_id", sa.String(64), nullable=False, index=True),
                sa.Column("at", UTCDateTime(), nullable=False),
                sa.Column("actor", sa.Text, nullable=False),
                sa.Column("action", sa.String(16), nullable=False),
                sa.Column("detail", sa.Text, nullable=False),
            ),
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        documents, history = tables["documents"], tables["history"]
        payload = event.payload
        row = documents.c.document_id == payload.get("document_id")
        if event.event_type == OutgoingDocumentDrafted.event_type:
            drafted = OutgoingDocumentDrafted.model_validate(payload)
            values: dict[str, Any] = {name: getattr(drafted, name) for name in _TEXT_COLUMNS}
            await conn.execute(
                documents.insert().values(
                    document_id=drafted.document_id,
                    commune_id=drafted.commune_id,
                    recipients=json.dumps(list(drafted.recipients), ensure_ascii=False),
                    state="DRAFT",
                    drafted_at=event.occurred_at,
                    **values,
                )
            )
            action, detail = "DRAFTED", ""
        elif event.event_type == OutgoingDocumentNumbered.event_type:
            numbered = OutgoingDocumentNumbered.model_validate(payload)
            await conn.execute(
                documents.update()
                .where(row)
                .values(
                    state="NUMBERED",
                    number=numbered.number,
                    number_symbol=numbered.number_symbol,
                    formatted=numbered.formatted,
                    issued_on=numbered.issued_on,
                    issue_year=numbered.issued_on.year,
                    period=numbered.period,
                    sequence_id=numbered.sequence_id,
                    imported=numbered.imported,
                )
            )
            action = "NUMBERED"
            detail = numbered.number_symbol + (" (nhập từ sổ giấy)" if numbered.imported else "")
        elif event.event_type == OutgoingDocumentDispatched.event_type:
            sent = OutgoingDocumentDispatched.model_validate(payload)
            await conn.execute(
                documents.update()
                .where(row, documents.c.state != "RECALLED")
                .values(
                    state="DISPATCHED",
                    dispatched_on=sent.dispatched_on,
                    channel=sent.channel,
                    dispatched_to=json.dumps(list(sent.recipients), ensure_ascii=False),
                )
            )
            action, detail = "DISPATCHED", f"{sent.channel}: " + "; ".join(sent.recipients)
        elif event.event_type == OutgoingDocumentRecalled.event_type:
            recalled = OutgoingDocumentRecalled.model_validate(payload)
            await conn.execute(
                documents.update().where(row).values(state="RECALLED", recall_reason=recalled.reason)
            )
            action, detail = "RECALLED", recalled.reason
        else:
            return
        await conn.execute(
            history.insert().values(
                position=event.position,
                document_id=payload["document_id"],
                at=event.occurred_at,
                actor=event.actor,
                action=action,
                detail=detail,
            )
        )

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        for event in events:
            await self.apply(conn, tables, event)


def _view(row: Any, history: Sequence[HistoryEntry] = ()) -> OutgoingDocumentView:
    m = row._mapping
    return OutgoingDocumentView(
        document_id=m["document_id"],
        commune_id=m["commune_id"],
        **{name: m[name] for name in _TEXT_COLUMNS},
        recipients=tuple(json.loads(m["recipients"])),
        state=m["state"],
        drafted_at=m["drafted_at"],
        number=m["number"],
        number_symbol=m["number_symbol"],
        formatted=m["formatted"],
        issued_on=m["issued_on"],
        period=m["period"],
        dispatched_on=m["dispatched_on"],
        channel=m["channel"],
        dispatched_to=tuple(json.loads(m["dispatched_to"])),
        recall_reason=m["recall_reason"],
        imported=m["imported"],
        history=tuple(history),
    )


class SqlOutgoingDocumentReader:
    """The ``OutgoingDocumentReader`` port over the projection's active tables."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def get(self, commune_id: str, document_id: str) -> OutgoingDocumentView | None:
        async with self._engine.connect() as conn:
            tables = await self._runner.tables(conn)
            documents, history = tables["documents"], tables["history"]
            row = (
                await conn.execute(
                    sa.select(documents).where(
                        documents.c.document_id == document_id, documents.c.commune_id == commune_id
                    )
                )
            ).one_or_none()
            if row is None:
                return None
            entries = (
                await conn.execute(
                    sa.select(history)
                    .where(history.c.document_id == document_id)
                    .order_by(history.c.position)
                )
            ).all()
        return _view(row, [HistoryEntry(e.at, e.actor, e.action, e.detail) for e in entries])

    async def list(
        self,
        commune_id: str,
        *,
        body_code: str = "",
        year: int | None = None,
        numbered_only: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[OutgoingDocumentView]:
        async with self._engine.connect() as conn:
            documents = (await self._runner.tables(conn))["documents"]
            query = sa.select(documents).where(documents.c.commune_id == commune_id)
            if body_code:
                query = query.where(documents.c.body_code == body_code)
            if year is not None:
                query = query.where(documents.c.issue_year == year)
            if numbered_only or year is not None:
                query = query.where(documents.c.number.is_not(None))
            query = query.order_by(
                documents.c.number.is_(None),
                documents.c.body_code,
                documents.c.sequence_id,
                documents.c.period,
                documents.c.number,
                documents.c.drafted_at.desc(),
            )
            rows = (await conn.execute(query.limit(limit).offset(offset))).all()
        return [_view(row) for row in rows]
