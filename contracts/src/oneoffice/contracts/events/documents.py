"""Events the documents service publishes on ``oneoffice.documents.events.v1``."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from oneoffice.eventcore.events import DomainEvent, Upcaster

Urgency = Literal["NORMAL", "KHAN", "THUONG_KHAN", "HOA_TOC"]
"""Độ khẩn: normal, khẩn, thượng khẩn, hỏa tốc (Nghị định 30/2020/NĐ-CP)."""


class DocumentSymbol(BaseModel):
    """The parts of a number and symbol (số, ký hiệu) as the documents service read them.

    State: ``05/QĐ-UBND`` (number 5, type QĐ, issuer UBND), công văn ``12/UBND-VP`` (no type, unit VP),
    legal ``30/2020/NĐ-CP`` (year 2020). Party: ``127-QĐ/TW``. ``recognised`` false: the shape was not
    known and only the text as printed counts (every part null).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    recognised: bool
    family: Literal["state", "party"] | None = None
    number: int | None = Field(default=None, ge=1)
    year: int | None = Field(default=None, description="Only in the symbols of legal normative documents.")
    type: str | None = Field(
        default=None, description="Type abbreviation as printed, e.g. QĐ; null in a State công văn."
    )
    issuer: str | None = Field(default=None, description="Issuer abbreviation, e.g. UBND, ĐU, MTTW-BTT.")
    unit: str | None = Field(default=None, description="Drafting unit of a State công văn, e.g. VP.")


class IncomingDocumentRegistered(DomainEvent):
    """A received document was entered in a body's incoming register (sổ đăng ký văn bản đến)."""

    event_type: ClassVar[str] = "documents.IncomingDocumentRegistered"
    # 2: the number/symbol's parts (``symbol``) recorded with it.
    schema_version: ClassVar[int] = 2

    document_id: str = Field(
        description="Id of the registered document (the event lives in its incoming register's stream)."
    )
    commune_id: str = Field(description="Commune whose office registered the document.")
    body_code: str = Field(description="Body whose incoming register holds the document, e.g. UBND, DANG_UY.")
    incoming_number: int = Field(
        ge=1, description="Số đến: consecutive from 1 within the year of the body's incoming register."
    )
    year: int = Field(description="Year of the register the incoming number belongs to.")
    issuer: str = Field(description="Tác giả: the organ that issued the document.")
    number_symbol: str = Field(description="Số, ký hiệu as printed, e.g. '15-NQ/ĐU' or '05/QĐ-UBND'.")
    document_date: date = Field(description="Ngày tháng văn bản: the date the document bears.")
    document_type: str = Field(description="Document type code from the configured catalogue, e.g. QD, CV.")
    summary: str = Field(description="Trích yếu: the summary of the content.")
    urgency: Urgency = Field(description="Độ khẩn.")
    received_date: date = Field(description="Ngày đến: the day the office received the document.")
    registered_by: str = Field(description="Id of the user who registered the document.")
    duplicate_of: str | None = Field(
        default=None,
        description="Document already registered with the same number_symbol and issuer, if any: "
        "the registration is flagged as a likely duplicate, never refused.",
    )
    symbol: DocumentSymbol | None = Field(
        default=None,
        description="The parts read from number_symbol; null when it is blank, and in registrations "
        "recorded (as version 1) before symbols were read.",
    )


def _registered_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 1 recorded no parts: ``symbol`` null (the documents service reads them again)."""
    return {**payload, "symbol": None}


EVENTS: tuple[type[DomainEvent], ...] = (IncomingDocumentRegistered,)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = (
    (IncomingDocumentRegistered.event_type, 1, _registered_v1_to_v2),
)
