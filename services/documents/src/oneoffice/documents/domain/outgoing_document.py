"""An outgoing document (văn bản đi): its draft's rules, its format check, and the sequence it draws from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import InvalidCommuneId, MissingChoice, RuleViolation, UnknownBody, UnknownDocumentType
from .number_symbol import SymbolStyle, format_number_symbol
from .outgoing_errors import (
    AuthorityOfWrongFamily,
    BadText,
    DocumentNotInFormat,
    InvalidChoice,
    InvalidOutgoingDocument,
    MissingComponent,
    NoTermForDate,
    TypeNotOfFamily,
)
from .outgoing_events import OutgoingDrafted
from .outgoing_rules import Confidentiality, OutgoingRules, Period
from .values import Urgency, clean_text

_COMMUNE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_RECIPIENTS = 100
# (limit, Vietnamese label, English label); a draft may leave them empty: the format check names
# what is missing before numbering.
TEXTS: dict[str, tuple[int, str, str]] = {
    "summary": (500, "Trích yếu nội dung", "Summary"),
    "drafting_unit": (20, "Đơn vị soạn thảo", "Drafting unit"),
    "signer_id": (64, "Người ký", "Signer"),
    "signer_name": (100, "Họ tên người ký", "Signer's name"),
    "signer_title": (100, "Chức vụ người ký", "Signer's title"),
    "place_name": (100, "Địa danh", "Place name"),
    "recipient": (300, "Nơi nhận", "Recipient"),
}


@dataclass(frozen=True, slots=True)
class OutgoingDraftInput:
    """A draft as entered; ``signer_name``/``signer_title`` come from the staff service (checked there)."""

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


def _text(field: str, value: str, violations: list[RuleViolation], *, required: bool = False) -> str:
    limit, vi, en = TEXTS[field]
    cleaned = clean_text(value)
    if len(cleaned) > limit or (required and not cleaned):
        violations.append(BadText(field, vi, en, limit))
    return cleaned


def _family_of(style: SymbolStyle) -> str:
    return "Party" if style is SymbolStyle.PARTY else "State"


def validate_draft(raw: OutgoingDraftInput, rules: OutgoingRules, document_id: str) -> OutgoingDrafted:
    """The draft event, or :class:`InvalidOutgoingDocument` naming every rule broken."""
    violations: list[RuleViolation] = []
    commune_id = raw.commune_id.strip()
    if not _COMMUNE_ID.fullmatch(commune_id):
        violations.append(InvalidCommuneId())
    body_code = raw.body_code.strip().upper()
    body = rules.bodies.get(body_code)
    if not body_code:
        violations.append(MissingChoice("body_code"))
    elif body is None:
        violations.append(UnknownBody(clean_text(raw.body_code)[:40]))
    document_type = raw.document_type.strip().upper()
    if not document_type:
        violations.append(MissingChoice("document_type"))
    elif document_type not in rules.types:
        violations.append(UnknownDocumentType(clean_text(raw.document_type)[:40]))
    elif body is not None:
        families = rules.types[document_type].families
        if families and _family_of(body.style) not in families:
            violations.append(TypeNotOfFamily(document_type, body_code))
    authority = clean_text(raw.authority).upper()
    if authority and body is not None:
        allowed = sorted(rules.authorities.get(body.authority_family, frozenset()))
        if authority not in allowed:
            violations.append(AuthorityOfWrongFamily(authority[:20], allowed))
    urgency = raw.urgency.strip().upper() or Urgency.NORMAL.value
    if urgency not in Urgency.__members__:
        violations.append(
            InvalidChoice("urgency", "Độ khẩn", "urgency", urgency[:40], list(Urgency.__members__))
        )
    confidentiality = raw.confidentiality.strip().upper() or Confidentiality.NONE.value
    if confidentiality not in Confidentiality.__members__:
        violations.append(
            InvalidChoice(
                "confidentiality",
                "Độ mật",
                "confidentiality",
                confidentiality[:40],
                list(Confidentiality.__members__),
            )
        )
    recipients = tuple(r for r in (_text("recipient", r, violations) for r in raw.recipients) if r)
    if len(recipients) > MAX_RECIPIENTS:
        violations.append(BadText("recipients", "Danh sách nơi nhận", "The recipient list", MAX_RECIPIENTS))
    fields = {f: _text(f, getattr(raw, f), violations) for f in TEXTS if f != "recipient"}
    drafted_by = clean_text(raw.drafted_by)
    if violations:
        raise InvalidOutgoingDocument(violations)
    return OutgoingDrafted(
        document_id=document_id,
        commune_id=commune_id,
        body_code=body_code,
        document_type=document_type,
        summary=fields["summary"],
        drafting_unit=fields["drafting_unit"].upper(),
        signer_id=fields["signer_id"],
        signer_name=fields["signer_name"],
        signer_title=fields["signer_title"],
        authority=authority,
        place_name=fields["place_name"],
        recipients=recipients,
        urgency=urgency,
        confidentiality=confidentiality,
        drafted_by=drafted_by,
    )


def check_format(draft: OutgoingDrafted, rules: OutgoingRules) -> None:
    """Raises :class:`DocumentNotInFormat` naming every mandatory component the draft lacks."""
    missing: list[RuleViolation] = []
    kind = rules.types[draft.document_type]
    if not draft.summary:
        missing.append(MissingComponent("summary"))
    if not draft.place_name:
        missing.append(MissingComponent("place_name"))
    if not (draft.signer_id and draft.signer_name and draft.signer_title):
        missing.append(MissingComponent("signer"))
    if kind.needs_recipients and not draft.recipients:
        missing.append(MissingComponent("recipients"))
    body = rules.bodies[draft.body_code]
    if _needs_unit(draft, body.style) and not draft.drafting_unit:
        missing.append(MissingComponent("drafting_unit"))
    if missing:
        raise DocumentNotInFormat(missing)


def _needs_unit(draft: OutgoingDrafted, style: SymbolStyle) -> bool:
    # The State's công văn: the symbol is the issuer, then the drafting unit (12/UBND-VP).
    return style is SymbolStyle.STATE and draft.document_type == "CV"


def sequence_id(draft: OutgoingDrafted, rules: OutgoingRules) -> str:
    """The stream of the sequence the draft draws from: fixed by its body, type and confidentiality."""
    body = rules.bodies[draft.body_code]
    kind = rules.types[draft.document_type]
    register = "confidential" if Confidentiality(draft.confidentiality).confidential else "public"
    parts = ["outgoing-numbers", draft.commune_id, draft.body_code, register]
    if kind.sequence_group:
        parts.append(kind.sequence_group)
    elif body.per_type:
        parts.append(draft.document_type)
    return ":".join(parts)


def period_of(draft: OutgoingDrafted, rules: OutgoingRules, issued_on: date) -> str:
    """The period of the sequence ``issued_on`` falls in: its year, or the Party committee's term."""
    body = rules.bodies[draft.body_code]
    if body.period is Period.YEAR:
        return str(issued_on.year)
    term = rules.term_of(draft.commune_id, draft.body_code, issued_on)
    if term is None:
        raise NoTermForDate(draft.body_code, issued_on)
    return term.name


def symbol_maker(draft: OutgoingDrafted, rules: OutgoingRules) -> SymbolFor:
    body = rules.bodies[draft.body_code]
    kind = rules.types[draft.document_type]
    abbr = kind.abbr
    if body.style is SymbolStyle.PARTY and kind.party_abbr:
        abbr = kind.party_abbr
    return SymbolFor(body.style, abbr, body.issuer_abbr, draft.drafting_unit)


@dataclass(frozen=True, slots=True)
class SymbolFor:
    style: SymbolStyle
    type_abbr: str
    issuer_abbr: str
    unit_abbr: str

    def __call__(self, number: int) -> tuple[str, str]:
        made = format_number_symbol(
            self.style,
            number,
            type_abbr=self.type_abbr,
            issuer_abbr=self.issuer_abbr,
            unit_abbr=self.unit_abbr,
        )
        return made.number_symbol, made.formatted
