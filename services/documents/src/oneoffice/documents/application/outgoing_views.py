"""What readers of outgoing documents get: one document with its history, a page of the register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str  # DRAFTED, NUMBERED, DISPATCHED, RECALLED
    detail: str


@dataclass(frozen=True, slots=True)
class OutgoingDocumentView:
    """Every field a formal layout needs, the number and state, and the history."""

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
    state: str  # DRAFT, NUMBERED, DISPATCHED, RECALLED
    drafted_by: str
    drafted_at: datetime
    number: int | None
    number_symbol: str
    formatted: str
    issued_on: date | None
    period: str
    dispatched_on: date | None
    channel: str
    dispatched_to: tuple[str, ...]
    recall_reason: str
    imported: bool = False
    history: tuple[HistoryEntry, ...] = ()


class OutgoingDocumentReader(Protocol):
    async def get(self, commune_id: str, document_id: str) -> OutgoingDocumentView | None: ...

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
        """Numbered documents in register order (body, sequence, number), then drafts, newest first.

        ``year`` is the year of issue (drafts have none: they are left out when it is given).
        """
        ...
