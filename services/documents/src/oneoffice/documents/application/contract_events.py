"""The domain's events as the contract publishes them, and back: the translation at the store's edge.

The store holds (and the relay publishes) the versioned contract events of
``oneoffice.contracts.events.documents``; the registers decide and fold the domain's own events.
"""

from __future__ import annotations

from dataclasses import asdict

from oneoffice.contracts.events.documents import IncomingDocumentRegistered

from ..domain.events import IncomingDocumentEntered
from ..domain.values import Urgency


# Field for field the same record; only the urgency changes type (the domain's enum, the contract's
# literal). A unit test checks the round trip, so a field added on one side only fails there.
def to_contract(event: IncomingDocumentEntered) -> IncomingDocumentRegistered:
    return IncomingDocumentRegistered(**{**asdict(event), "urgency": event.urgency.value})


def from_contract(event: IncomingDocumentRegistered) -> IncomingDocumentEntered:
    return IncomingDocumentEntered(**{**event.model_dump(), "urgency": Urgency(event.urgency)})
