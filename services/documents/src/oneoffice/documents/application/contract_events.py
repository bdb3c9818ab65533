"""The domain's events as the contract publishes them, and back: the translation at the store's edge.

The store holds (and the relay publishes) the versioned contract events of
``oneoffice.contracts.events.documents``; the registers decide and fold the domain's own events.
"""

from __future__ import annotations

from oneoffice.contracts.events.documents import IncomingDocumentRegistered

from ..domain.events import IncomingDocumentEntered
from ..domain.values import Urgency


def to_contract(event: IncomingDocumentEntered) -> IncomingDocumentRegistered:
    return IncomingDocumentRegistered(
        document_id=event.document_id,
        commune_id=event.commune_id,
        body_code=event.body_code,
        incoming_number=event.incoming_number,
        year=event.year,
        issuer=event.issuer,
        number_symbol=event.number_symbol,
        document_date=event.document_date,
        document_type=event.document_type,
        summary=event.summary,
        urgency=event.urgency.value,
        received_date=event.received_date,
        registered_by=event.registered_by,
        duplicate_of=event.duplicate_of,
    )


def from_contract(event: IncomingDocumentRegistered) -> IncomingDocumentEntered:
    return IncomingDocumentEntered(
        document_id=event.document_id,
        commune_id=event.commune_id,
        body_code=event.body_code,
        incoming_number=event.incoming_number,
        year=event.year,
        issuer=event.issuer,
        number_symbol=event.number_symbol,
        document_date=event.document_date,
        document_type=event.document_type,
        summary=event.summary,
        urgency=Urgency(event.urgency),
        received_date=event.received_date,
        registered_by=event.registered_by,
        duplicate_of=event.duplicate_of,
    )
