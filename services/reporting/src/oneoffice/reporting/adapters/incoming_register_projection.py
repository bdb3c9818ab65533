"""The incoming register read model: one row per registered incoming document, per body and year.

Fed by the documents service's ``IncomingDocumentRegistered`` events (through a Kafka or a store
subscription, which apply them exactly once in effect). Applying an event for a document already
in the table changes nothing, so a rebuild from the log and incremental processing agree.
``DocumentPassedOn`` fills the passing-on columns (đơn vị hoặc người nhận, ngày chuyển, ký nhận,
late or not) of its document's line; a later passing-on replaces an earlier one. Both events of a
document come from one commune's stream, so they arrive in order on one partition.

The ``v2`` in the names (projection, tables, subscription) is the shape with the passing-on
columns: a service that kept the first shape starts this one afresh from the beginning of the log.

A batch is written with one ``INSERT … ON CONFLICT (document_id) DO NOTHING`` executed for all its
rows (an executemany), and its passings-on with one ``UPDATE`` likewise: a document already in the
table, or twice in the batch, keeps its first line, while a second document with a taken number
still violates the number index and is rejected.

A batch is applied under one span whose parent is the trace context stored with its first
registration, linked to those of the others: the projection continues the trace of the request
that registered the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import Any, ClassVar, TypeVar

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.contracts.events.documents import DocumentPassedOn, IncomingDocumentRegistered
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.handlers import PoisonEvent
from oneoffice.eventcore.projection import Projection, Tables
from oneoffice.eventcore.schema import UTCDateTime

from .event_decoding import contract_registry, domain_event
from .incoming_register_fill import fill_incoming_register

TABLE = "incoming_register"
SPAN_NAME = f"project {IncomingDocumentRegistered.event_type}"
# Span links to other registrations' traces kept per batch (the SDK keeps 128 by default).
_MAX_LINKS = 64

_propagator = TraceContextTextMapPropagator()
_E = TypeVar("_E", IncomingDocumentRegistered, DocumentPassedOn)


def incoming_register_table(metadata: sa.MetaData, suffix: str) -> sa.Table:
    name = f"reporting_incoming_register_v2{suffix}"
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
        sa.Column("recipient_kind", sa.String(16), nullable=True),
        sa.Column("passed_on", sa.Date, nullable=True),
        sa.Column("passing_on_deadline", sa.Date, nullable=True),
        sa.Column("passed_on_late", sa.Boolean, nullable=False, default=False),
        sa.Column("passed_on_by", sa.String(200), nullable=True),
        # Số đến runs consecutively and uniquely within a body's register for a year (Điều 22): the
        # pages of the register are keyed by it, and a second document with the same number is a
        # broken source, dead-lettered and reported rather than silently listed twice.
        sa.Index(f"ux_{name}_number", "commune_id", "body_code", "year", "incoming_number", unique=True),
    )


class IncomingRegisterProjection(Projection):
    name: ClassVar[str] = "reporting.incoming_register.v2"

    def __init__(
        self,
        *,
        registry: EventRegistry | None = None,
        tracer_provider: trace.TracerProvider | None = None,
    ) -> None:
        self._registry = registry or contract_registry()
        # None: the global provider, looked up when the first span starts.
        self._tracer = trace.get_tracer("oneoffice.reporting.projections", tracer_provider=tracer_provider)

    def define_tables(self, metadata: sa.MetaData, suffix: str) -> dict[str, sa.Table]:
        return {TABLE: incoming_register_table(metadata, suffix)}

    async def apply(self, conn: AsyncConnection, tables: Tables, event: Envelope) -> None:
        await self.apply_batch(conn, tables, [event])

    async def apply_batch(self, conn: AsyncConnection, tables: Tables, events: Sequence[Envelope]) -> None:
        registrations = [e for e in events if e.event_type == IncomingDocumentRegistered.event_type]
        if registrations:
            await self._register(conn, tables, registrations)
        # After the batch's registrations: a document is always registered before it is passed on.
        passings = [
            _passing(self._decode(event, DocumentPassedOn))
            for event in events
            if event.event_type == DocumentPassedOn.event_type
        ]
        if passings:
            # One statement, every passing-on in order (a later one replaces an earlier one).
            await conn.execute(_pass_on_statement(tables[TABLE]), passings)

    async def _register(
        self, conn: AsyncConnection, tables: Tables, registrations: Sequence[Envelope]
    ) -> None:
        first = registrations[0]
        delivering = trace.get_current_span().get_span_context()
        links = [Link(delivering)] if delivering.is_valid else []
        for other in islice(registrations, 1, _MAX_LINKS):
            linked = trace.get_current_span(_propagator.extract(other.trace_context)).get_span_context()
            if linked.is_valid:
                links.append(Link(linked))
        with self._tracer.start_as_current_span(
            SPAN_NAME,
            context=_propagator.extract(first.trace_context),
            kind=SpanKind.CONSUMER,
            # The span that delivered the events (e.g. the Kafka "process" span), when there is one,
            # and the requests that registered the other documents of the batch.
            links=links or None,
            attributes={
                "oneoffice.event_id": first.event_id,
                "oneoffice.commune_id": first.commune_id,
                "oneoffice.projection": self.name,
                "messaging.batch.message_count": len(registrations),
            },
        ):
            rows = [_row(self._decode(e, IncomingDocumentRegistered), e) for e in registrations]
            await _insert_new(conn, tables[TABLE], rows)

    async def fill(self, conn: AsyncConnection, tables: Tables, staged: sa.Table) -> None:
        """The set-based rebuild's fill (PostgreSQL): see :mod:`.incoming_register_fill`."""
        await fill_incoming_register(conn, tables[TABLE], staged)

    def _decode(self, event: Envelope, expected: type[_E]) -> _E:
        decoded = domain_event(self._registry, event)
        if not isinstance(decoded, expected):
            raise PoisonEvent(f"{event.event_type} decoded to {type(decoded).__name__}")
        return decoded


def _pass_on_statement(table: sa.Table) -> sa.Update:
    """The passing-on columns of the document's line (none when the document is unknown here)."""
    return (
        table.update()
        .where(table.c.document_id == sa.bindparam("k_document_id"))
        .values({name: sa.bindparam(name) for name in _PASSING_COLUMNS})
    )


_PASSING_COLUMNS = (
    "recipient",
    "recipient_kind",
    "passed_on",
    "passing_on_deadline",
    "passed_on_late",
    "passed_on_by",
)


def _passing(event: DocumentPassedOn) -> dict[str, Any]:
    return {
        "k_document_id": event.document_id,
        "recipient": event.recipient,
        "recipient_kind": event.recipient_kind,
        "passed_on": event.passed_on,
        "passing_on_deadline": event.passing_on_deadline,
        "passed_on_late": event.late,
        "passed_on_by": event.passed_on_by,
    }


async def _insert_new(conn: AsyncConnection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows whose document is not in the table yet (the first of a repeated one wins)."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    # One statement for every row (an executemany): compiled once, its rows sent in one exchange.
    statement = insert(table).on_conflict_do_nothing(index_elements=[table.c.document_id])
    try:
        await conn.execute(statement, rows)
    except sa.exc.IntegrityError as clash:
        # Only the register-number index can refuse a new document: another document holds its
        # số đến. The event can never be applied, so it is dead-lettered and reported (the
        # applier narrows a batch down to the one event), never listed twice nor retried forever.
        raise PoisonEvent("incoming number already taken in its register") from clash


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
        "passed_on_late": False,
        "duplicate_of": event.duplicate_of,
        "registered_at": envelope.recorded_at,
        "source_position": envelope.position,
    }
