"""The documents service's own read model of registered incoming documents, found by id.

Fed by a catch-up subscription on the service's event store (see ``bootstrap``); its rows commit with
the subscription's checkpoint, so each event is applied exactly once.

The parts of each document's number/symbol live in a table of their own beside the documents': a
database whose generation was made before symbols were read gains it when the service starts (its
documents registered before then have none, like their events).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.events.documents import DocumentSymbol, IncomingDocumentRegistered
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.projection import Projection, ProjectionRunner, Tables
from oneoffice.eventcore.schema import UTCDateTime

from ..application.contract_events import symbol_from_contract
from ..application.ports import IncomingDocumentView


class IncomingDocumentsProjection(Projection):
    name: ClassVar[str] = "documents.incoming_documents"

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {
            "documents": sa.Table(
                f"incoming_documents{suffix}",
                metadata,
                sa.Column("document_id", sa.String(64), primary_key=True),
                sa.Column("commune_id", sa.String(64), nullable=False),
                sa.Column("body_code", sa.String(32), nullable=False),
                sa.Column("year", sa.Integer, nullable=False),
                sa.Column("incoming_number", sa.Integer, nullable=False),
                sa.Column("issuer", sa.String(200), nullable=False),
                sa.Column("number_symbol", sa.String(50), nullable=False),
                sa.Column("document_date", sa.Date, nullable=False),
                sa.Column("document_type", sa.String(32), nullable=False),
                sa.Column("summary", sa.Text, nullable=False),
                sa.Column("urgency", sa.String(16), nullable=False),
                sa.Column("received_date", sa.Date, nullable=False),
                sa.Column("registered_at", UTCDateTime(), nullable=False),
                sa.Column("registered_by", sa.String(100), nullable=False),
                sa.Column("duplicate_of", sa.String(64), nullable=True),
            ),
            "symbols": sa.Table(
                f"incoming_document_symbols{suffix}",
                metadata,
                sa.Column("document_id", sa.String(64), primary_key=True),
                sa.Column("recognised", sa.Boolean, nullable=False),
                sa.Column("family", sa.String(16), nullable=True),
                sa.Column("number", sa.Integer, nullable=True),
                sa.Column("year", sa.Integer, nullable=True),
                sa.Column("type", sa.String(32), nullable=True),
                sa.Column("issuer", sa.String(64), nullable=True),
                sa.Column("unit", sa.String(64), nullable=True),
            ),
        }

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        """One multi-row insert per batch (a catch-up or rebuild delivers hundreds at once)."""
        # A version 1 payload has no symbol: the field's default (None) stands for it.
        registered = [
            (IncomingDocumentRegistered.model_validate(event.payload), event)
            for event in events
            if event.event_type == IncomingDocumentRegistered.event_type
        ]
        rows = [
            {**document.model_dump(exclude={"symbol"}), "registered_at": event.occurred_at}
            for document, event in registered
        ]
        symbols = [
            {**document.symbol.model_dump(), "document_id": document.document_id}
            for document, _ in registered
            if document.symbol is not None
        ]
        if rows:
            await conn.execute(tables["documents"].insert(), rows)
        if symbols:
            await conn.execute(tables["symbols"].insert(), symbols)


class SqlIncomingDocumentReader:
    """The ``IncomingDocumentReader`` port over the projection's active tables."""

    def __init__(self, engine: AsyncEngine, runner: ProjectionRunner) -> None:
        self._engine = engine
        self._runner = runner

    async def get(self, commune_id: str, document_id: str) -> IncomingDocumentView | None:
        async with self._engine.connect() as conn:
            tables = await self._runner.tables(conn)
            table, symbols = tables["documents"], tables["symbols"]
            symbol_columns = [c.label(f"symbol_{c.name}") for c in symbols.c if c.name != "document_id"]
            row = (
                await conn.execute(
                    sa.select(table, *symbol_columns)
                    .select_from(table.outerjoin(symbols, symbols.c.document_id == table.c.document_id))
                    .where(table.c.document_id == document_id, table.c.commune_id == commune_id)
                )
            ).one_or_none()
        if row is None:
            return None
        fields = dict(row._mapping)
        parts = {name: fields.pop(f"symbol_{name}") for name in list(DocumentSymbol.model_fields)}
        symbol = None if parts["recognised"] is None else DocumentSymbol.model_validate(parts)
        return IncomingDocumentView(**fields, symbol=symbol_from_contract(symbol))
