"""Outgoing documents' domain events as the contract publishes them, and back (field for field)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from oneoffice.contracts.events.documents import (
    OutgoingDocumentDispatched,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentRecalled,
)
from oneoffice.eventcore.events import DomainEvent

from ..domain.outgoing_events import (
    OutgoingDispatched,
    OutgoingDrafted,
    OutgoingEvent,
    OutgoingNumbered,
    OutgoingRecalled,
)

PAIRS: tuple[tuple[type[Any], type[DomainEvent]], ...] = (
    (OutgoingDrafted, OutgoingDocumentDrafted),
    (OutgoingNumbered, OutgoingDocumentNumbered),
    (OutgoingDispatched, OutgoingDocumentDispatched),
    (OutgoingRecalled, OutgoingDocumentRecalled),
)
_TO = dict(PAIRS)
_FROM = {contract: domain for domain, contract in PAIRS}


def to_contract(event: OutgoingEvent) -> DomainEvent:
    contract: DomainEvent = _TO[type(event)](**asdict(event))
    return contract


def from_contract(event: DomainEvent) -> OutgoingEvent:
    domain = _FROM.get(type(event))
    if domain is None:
        raise TypeError(f"not an outgoing document event: {event.event_type}")
    fields = event.model_dump()
    if "recipients" in fields:
        fields["recipients"] = tuple(fields["recipients"])
    made: OutgoingEvent = domain(**fields)
    return made
