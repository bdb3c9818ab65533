"""Events of the documents domain: what the registers decided, as plain immutable values.

The service publishes them under the versioned contract of ``oneoffice.contracts.events.documents``;
the translation both ways lives at the edge that reads and writes the store
(:mod:`oneoffice.documents.application.contract_events`), so the domain imports no framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .incoming_symbol import RecordedSymbol
from .values import Urgency


@dataclass(frozen=True, slots=True)
class IncomingDocumentEntered:
    """A received document was entered in its body's incoming register under ``incoming_number``."""

    document_id: str
    commune_id: str
    body_code: str
    incoming_number: int
    year: int
    issuer: str
    number_symbol: str
    document_date: date
    document_type: str
    summary: str
    urgency: Urgency
    received_date: date
    registered_by: str
    # The first document of the register with the same issuer and number/symbol: flagged, not refused.
    duplicate_of: str | None
    # The parts read from number_symbol (None: no number/symbol, or registered before they were read).
    symbol: RecordedSymbol | None = None
