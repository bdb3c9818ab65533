"""The incoming register read model: one row per registered incoming document, per body and year.

Fed by the documents service's ``IncomingDocumentRegistered`` events (through a Kafka or a store
subscription, which apply them exactly once in effect). Applying an event for a document already
in the table changes nothing, so a rebuild from the log and incremental processing agree.

Each event is applied under a span whose parent is the trace context stored with the event: the
projection continues the trace of the request that registered the document.
"""

from __future__ import annotations

from typing import Any, ClassVar

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events import build_registry
from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.handlers import PoisonEvent
from oneoffice.eventcore.projection import Projection, Tables
from oneoffice.eventcore.schema import UTCDateTime

TABLE = "incoming_register"
SPAN_NAME = f"project {IncomingDocumentRegistered.event_type}"

_propagator = TraceContextTextMapPropagator()


def incoming_register_table(metadata: sa.MetaData, suffix: str) -> sa.Table:
    name = f"reporting_incoming_register{suffix}"
    return sa.Table(
        name,
        metadata,
        sa.Column("document_id", sa.String(200), primary_key=True),
        sa.Column("commune_id", sa.String(64), nullable=False),
        sa.Column("body_code", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("incoming_number", sa.Integer, nullable=False),
        sa.Column("received_date", sa.Date, nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("number_symbol", sa.String(200), nullable=False),
        sa.Column("document_date", sa.Date, nullable=False),
        sa.Column("document_type", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("urgency", sa.String(32), nullable=False),
        sa.Column("recipient", sa.Text, nullable=True),
        sa.Column("duplicate_of", sa.String(200), nullable=True),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("source_position", sa.BigInteger, nullable=False),
        # Số đến runs consecutively and uniquely within a body's register for a year (Điều 22): the
        # pages of the register are keyed by it, and a second document with the same number is a
        # broken source, dead-lettered and reported rather than silently listed twice.
        sa.Index(f"ux_{name}_number", "commune_id", "body_code", "year", "incoming_number", unique=True),
    )


class IncomingRegisterProjection(Projection):
    name: ClassVar[str] = "reporting.incoming_register"

    def __init__(
        self,
        *,
        registry: EventRegistry | None = None,
        tracer_provider: trace.TracerProvider | None = None,
    ) -> None:
        self._registry = registry or build_registry()
        # None: the global provider, looked up when the first span starts.
        self._tracer = trace.get_tracer("oneoffice.reporting.projections", tracer_provider=tracer_provider)

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {TABLE: incoming_register_table(metadata, suffix)}

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        if event.event_type != IncomingDocumentRegistered.event_type:
            return
        delivering = trace.get_current_span().get_span_context()
        with self._tracer.start_as_current_span(
            SPAN_NAME,
            context=_propagator.extract(event.trace_context),
            kind=SpanKind.CONSUMER,
            # The span that delivered the event (e.g. the Kafka "process" span), when there is one.
            links=[Link(delivering)] if delivering.is_valid else None,
            attributes={
                "oneoffice.event_id": event.event_id,
                "oneoffice.commune_id": event.commune_id,
                "oneoffice.projection": self.name,
            },
        ):
            registered = self._registry.decode(event.event_type, event.schema_version, event.payload)
            if not isinstance(registered, IncomingDocumentRegistered):
                raise PoisonEvent(f"{event.event_type} decoded to {type(registered).__name__}")
            await _insert_once(conn, tables[TABLE], _row(registered, event))


async def _insert_once(conn: AsyncConnection, table: sa.Table, row: dict[str, Any]) -> None:
    present = await conn.scalar(
        sa.select(table.c.document_id).where(table.c.document_id == row["document_id"])
    )
    if present is None:
        await conn.execute(table.insert().values(**row))


def _row(event: IncomingDocumentRegistered, envelope: Envelope) -> dict[str, Any]:
    return {
        "document_id": event.document_id,
        "commune_id": event.commune_id,
        "body_code": event.body_code,
        "year": event.year,
        "incoming_number": event.incoming_number,
        "received_date": event.received_date,
        "issuer": event.issuer,
        "number_symbol": event.number_symbol,
        "document_date": event.document_date,
        "document_type": event.document_type,
        "summary": event.summary,
        "urgency": event.urgency,
        "recipient": None,
        "duplicate_of": event.duplicate_of,
        "registered_at": envelope.recorded_at,
        "source_position": envelope.position,
    }
