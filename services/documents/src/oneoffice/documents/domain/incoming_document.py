"""What a clerk enters for a received document, and the rules it must satisfy to be registered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .catalogue import ReferenceCatalogue
from .errors import (
    DateInFuture,
    EmptyIssuer,
    EmptySummary,
    InvalidCommuneId,
    InvalidDate,
    InvalidIncomingDocument,
    InvalidUrgency,
    MissingActor,
    MissingChoice,
    ReceivedBeforeDocumentDate,
    RuleViolation,
    TextTooLong,
    UnknownBody,
    UnknownDocumentType,
)
from .values import RegisterId, Urgency, clean_text

# Phụ lục VI caps the subject (trích yếu) at 500 characters; the others keep registers printable.
MAX_LENGTHS = {"issuer": 200, "number_symbol": 50, "summary": 500, "actor": 100}
_COMMUNE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class IncomingDocumentInput:
    """The register's fields as entered (dates as ``YYYY-MM-DD`` text), before any rule is checked."""

    commune_id: str
    body_code: str
    issuer: str
    number_symbol: str
    document_date: str
    document_type: str
    summary: str
    urgency: str
    received_date: str
    registered_by: str


@dataclass(frozen=True, slots=True)
class IncomingDocumentDetails:
    """A received document that satisfies every rule, ready to be entered in its register."""

    commune_id: str
    body_code: str
    issuer: str
    # May be blank: letters from citizens and some invitations carry no number; never a duplicate then.
    number_symbol: str
    document_date: date
    document_type: str
    summary: str
    urgency: Urgency
    received_date: date
    registered_by: str

    @property
    def register_id(self) -> RegisterId:
        # Số đến runs within the year the office received the document (Điều 22 NĐ 30/2020).
        return RegisterId(self.commune_id, self.body_code, self.received_date.year)


def _parse_date(field: str, text: str, violations: list[RuleViolation]) -> date | None:
    text = text.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    violations.append(InvalidDate(field))
    return None


def _urgency(text: str, violations: list[RuleViolation]) -> Urgency | None:
    try:
        return Urgency(text.strip().upper())
    except ValueError:
        violations.append(InvalidUrgency(_echo(text)))
        return None


def _echo(value: str) -> str:
    """A rejected value as quoted back in a message: short, whatever the caller sent."""
    value = clean_text(value)
    return value if len(value) <= 40 else value[:39] + "…"


def _text(field: str, value: str, violations: list[RuleViolation]) -> str:
    cleaned = clean_text(value)
    if len(cleaned) > MAX_LENGTHS[field]:
        violations.append(TextTooLong(field, MAX_LENGTHS[field]))
    return cleaned


def validate_incoming_document(
    raw: IncomingDocumentInput, catalogue: ReferenceCatalogue, today: date
) -> IncomingDocumentDetails:
    """The checked details, or :class:`InvalidIncomingDocument` naming every rule broken.

    ``today`` is the office's calendar day (from the clock port): no date may lie after it.
    """
    violations: list[RuleViolation] = []
    commune_id = raw.commune_id.strip()
    if not _COMMUNE_ID.fullmatch(commune_id):
        violations.append(InvalidCommuneId())
    body_code = raw.body_code.strip().upper()
    if not body_code:
        violations.append(MissingChoice("body_code"))
    elif not catalogue.has_body(body_code):
        violations.append(UnknownBody(_echo(raw.body_code)))
    issuer = _text("issuer", raw.issuer, violations)
    if not issuer:
        violations.append(EmptyIssuer())
    number_symbol = _text("number_symbol", raw.number_symbol, violations)
    document_date = _parse_date("document_date", raw.document_date, violations)
    document_type = raw.document_type.strip().upper()
    if not document_type:
        violations.append(MissingChoice("document_type"))
    elif not catalogue.has_document_type(document_type):
        violations.append(UnknownDocumentType(_echo(raw.document_type)))
    summary = _text("summary", raw.summary, violations)
    if not summary:
        violations.append(EmptySummary())
    urgency = _urgency(raw.urgency, violations)
    received_date = _parse_date("received_date", raw.received_date, violations)
    for field, day in (("document_date", document_date), ("received_date", received_date)):
        if day is not None and day > today:
            violations.append(DateInFuture(field))
    if document_date and received_date and received_date < document_date:
        violations.append(ReceivedBeforeDocumentDate())
    registered_by = _text("actor", raw.registered_by, violations)
    if not registered_by:
        violations.append(MissingActor())
    if violations:
        raise InvalidIncomingDocument(violations)
    assert document_date is not None and received_date is not None and urgency is not None
    return IncomingDocumentDetails(
        commune_id=commune_id,
        body_code=body_code,
        issuer=issuer,
        number_symbol=number_symbol,
        document_date=document_date,
        document_type=document_type,
        summary=summary,
        urgency=urgency,
        received_date=received_date,
        registered_by=registered_by,
    )
