"""The registration form of the incoming-documents page: what a browser posts, and what it shows."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qsl

from oneoffice.eventcore.text_hygiene import CODE, forbidden_in

from ..application.errors import FieldViolation, InvalidRequest
from ..application.ports import IncomingDocumentDraft
from .language import Language

FORM_FIELDS = (
    "body_code",
    "issuer",
    "number_symbol",
    "document_date",
    "document_type",
    "summary",
    "urgency",
    "received_date",
)
# Far above any real form; refuses junk before it is parsed.
MAX_FORM_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class IncomingForm:
    body_code: str = ""
    issuer: str = ""
    number_symbol: str = ""
    document_date: str = ""
    document_type: str = ""
    summary: str = ""
    urgency: str = "NORMAL"
    received_date: str = ""
    # One per form shown: a double submit or a browser retry registers the document once.
    idempotency_key: str = ""

    @classmethod
    def blank(cls, *, body_code: str, received_date: str) -> IncomingForm:
        return cls(body_code=body_code, received_date=received_date, idempotency_key=str(uuid.uuid4()))

    @classmethod
    def parse(cls, body: bytes) -> IncomingForm:
        """From an ``application/x-www-form-urlencoded`` body (the standard library parses it, so
        the gateway needs no multipart package for a form without files)."""
        values = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
        form = cls(**{name: values.get(name, "") for name in (*FORM_FIELDS, "idempotency_key")})
        return form if form.idempotency_key else replace(form, idempotency_key=str(uuid.uuid4()))

    def check_text(self) -> None:
        """Raises :class:`InvalidRequest` naming each field holding a character no edge accepts."""
        found = forbidden_in((name, getattr(self, name)) for name in (*FORM_FIELDS, "idempotency_key"))
        if found:
            violations = [
                FieldViolation(name, CODE, character.message_vi(), character.message_en())
                for name, character in found.items()
            ]
            raise InvalidRequest(
                "gateway",
                " ".join(v.message_vi for v in violations),
                " ".join(v.message_en for v in violations),
                violations,
            )

    def draft(self) -> IncomingDocumentDraft:
        return IncomingDocumentDraft(**{name: getattr(self, name) for name in FORM_FIELDS})

    def values(self) -> dict[str, str]:
        return asdict(self)


def field_errors(error: InvalidRequest, language: Language) -> tuple[dict[str, str], list[str]]:
    """Messages next to the form's fields, and those about the request as a whole."""
    by_field: dict[str, str] = {}
    general: list[str] = []
    for violation in error.violations:
        message = violation.message_en if language == "en" else violation.message_vi
        if violation.field in FORM_FIELDS:
            by_field[violation.field] = (
                f"{by_field[violation.field]} {message}" if violation.field in by_field else message
            )
        else:
            general.append(message)
    if not error.violations:
        general.append(error.message(language))
    return by_field, general
