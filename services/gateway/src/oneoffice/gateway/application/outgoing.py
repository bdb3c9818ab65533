"""Outgoing documents (văn bản đi) as the gateway handles them: the port to the documents service,
and the check that a signer is staff of the commune (asked of the staff service).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from .errors import FieldViolation, InvalidRequest, NotFound
from .people import PeoplePort, Person
from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class OutgoingDraft:
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


@dataclass(frozen=True, slots=True)
class OutgoingHistoryEntry:
    at: datetime
    actor: str
    action: str
    detail: str


@dataclass(frozen=True, slots=True)
class OutgoingDocument:
    document_id: str
    commune_id: str
    family: str
    body_code: str
    body_name: str
    parent_body_name: str
    document_type: str
    document_type_name: str
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
    state: str
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
    imported: bool
    history: tuple[OutgoingHistoryEntry, ...]


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """An outgoing document's formal layout as a file (HTML or .docx)."""

    content: bytes
    media_type: str
    file_name: str
    content_security_policy: str = ""


@dataclass(frozen=True, slots=True)
class NumberGiven:
    document_id: str
    number: int
    number_symbol: str
    formatted: str
    issued_on: date
    period: str
    imported: bool


class OutgoingPort(Protocol):
    async def draft(
        self, commune_id: str, draft: OutgoingDraft, idempotency_key: str, context: RequestContext
    ) -> OutgoingDocument: ...

    async def number(
        self,
        commune_id: str,
        document_id: str,
        issued_on: date | None,
        number: int | None,
        register: str,
        context: RequestContext,
    ) -> NumberGiven: ...

    async def dispatch(
        self,
        commune_id: str,
        document_id: str,
        recipients: tuple[str, ...],
        dispatched_on: date | None,
        channel: str,
        context: RequestContext,
    ) -> OutgoingDocument: ...

    async def recall(
        self, commune_id: str, document_id: str, reason: str, context: RequestContext
    ) -> OutgoingDocument: ...

    async def get(self, commune_id: str, document_id: str, context: RequestContext) -> OutgoingDocument: ...

    async def render(
        self, commune_id: str, document_id: str, output: str, context: RequestContext
    ) -> RenderedDocument: ...

    async def list(
        self,
        commune_id: str,
        body_code: str,
        year: int | None,
        numbered_only: bool,
        limit: int,
        offset: int,
        context: RequestContext,
    ) -> list[OutgoingDocument]: ...


def signer_not_staff(signer_id: str) -> InvalidRequest:
    vi = f"Người ký «{signer_id[:64]}» không phải cán bộ, công chức của xã."
    en = f"Signer {signer_id[:64]!r} is not a staff member of the commune."
    return InvalidRequest("staff", vi, en, [FieldViolation("signer_id", "signer_not_staff", vi, en)])


async def staff_signer(
    people: PeoplePort, commune_id: str, signer_id: str, today: date, context: RequestContext
) -> Person | None:
    """The signer as the staff service knows them (None when no signer is chosen yet).

    Raises :class:`InvalidRequest` when the signer is not staff of the commune today.
    """
    if not signer_id:
        return None
    try:
        return await people.get_person(commune_id, signer_id, today, context)
    except NotFound:
        raise signer_not_staff(signer_id) from None
