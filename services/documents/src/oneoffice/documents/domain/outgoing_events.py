"""Events of outgoing documents (văn bản đi) as plain immutable values (the contract's twins).

A document's own stream holds its draft, dispatches and recall; its number is issued in the stream of
the numbering sequence it draws from (:mod:`.numbering_book`), in the same append that moves that
sequence on, so a number can never be given twice or skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class OutgoingDrafted:
    document_id: str
    commune_id: str
    body_code: str
    document_type: str
    summary: str
    drafting_unit: str
    signer_id: str
    signer_name: str
    signer_title: str
    authority: str
    place_name: str
    recipients: tuple[str, ...]
    urgency: str
    confidentiality: str
    drafted_by: str


@dataclass(frozen=True, slots=True)
class OutgoingNumbered:
    document_id: str
    commune_id: str
    body_code: str
    document_type: str
    sequence_id: str
    period: str
    number: int
    number_symbol: str
    formatted: str
    issued_on: date
    confidential: bool
    # Entered from the paper register kept before the system (number given, not drawn).
    imported: bool
    numbered_by: str


@dataclass(frozen=True, slots=True)
class OutgoingDispatched:
    document_id: str
    commune_id: str
    recipients: tuple[str, ...]
    dispatched_on: date
    channel: str
    dispatched_by: str


@dataclass(frozen=True, slots=True)
class OutgoingRecalled:
    document_id: str
    commune_id: str
    reason: str
    recalled_by: str


OutgoingEvent = OutgoingDrafted | OutgoingNumbered | OutgoingDispatched | OutgoingRecalled
