"""Events the documents service publishes on ``oneoffice.documents.events.v1``."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from oneoffice.eventcore.events import DomainEvent, Upcaster

Urgency = Literal["NORMAL", "KHAN", "THUONG_KHAN", "HOA_TOC"]
"""Độ khẩn: normal, khẩn, thượng khẩn, hỏa tốc (Nghị định 30/2020/NĐ-CP)."""


class IncomingDocumentRegistered(DomainEvent):
    """A received document was entered in a body's incoming register (sổ đăng ký văn bản đến)."""

    event_type: ClassVar[str] = "documents.IncomingDocumentRegistered"
    schema_version: ClassVar[int] = 1

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


Confidentiality = Literal["NONE", "MAT", "TOI_MAT", "TUYET_MAT"]
"""Độ mật: none, mật, tối mật, tuyệt mật (Nghị định 30/2020/NĐ-CP)."""


class OutgoingDocumentDrafted(DomainEvent):
    """An outgoing document (văn bản đi) was drafted; its number comes later (OutgoingDocumentNumbered)."""

    event_type: ClassVar[str] = "documents.OutgoingDocumentDrafted"
    schema_version: ClassVar[int] = 1

    document_id: str = Field(description="Id of the document (its own stream).")
    commune_id: str = Field(description="Commune whose office drafts the document.")
    body_code: str = Field(description="Issuing body, e.g. UBND, DANG_UY.")
    document_type: str = Field(description="Document type code from the configured catalogue, e.g. QD, CV.")
    summary: str = Field(description="Trích yếu: the summary of the content (may be empty in a draft).")
    drafting_unit: str = Field(description="Drafting unit's abbreviation (a State công văn symbol), e.g. VP.")
    signer_id: str = Field(description="Staff member (person id) who signs; empty until chosen.")
    signer_name: str = Field(description="The signer's full name, as the staff service knew it.")
    signer_title: str = Field(description="The signer's title (chức vụ), as the staff service knew it.")
    authority: str = Field(
        description="Authority prefix: TM., KT., Q., TL., TUQ. (State), T/M, K/T (Party) or empty."
    )
    place_name: str = Field(description="Địa danh printed before the date, e.g. Tương Dương.")
    recipients: tuple[str, ...] = Field(description="Nơi nhận.")
    urgency: Urgency = Field(description="Độ khẩn.")
    confidentiality: Confidentiality = Field(description="Độ mật.")
    drafted_by: str = Field(description="Username of the clerk who drafted it.")


class OutgoingDocumentNumbered(DomainEvent):
    """An outgoing document was given its number in its sequence (in the sequence's own stream)."""

    event_type: ClassVar[str] = "documents.OutgoingDocumentNumbered"
    schema_version: ClassVar[int] = 1

    document_id: str = Field(description="Id of the numbered document.")
    commune_id: str = Field(description="Commune of the document.")
    body_code: str = Field(description="Issuing body.")
    document_type: str = Field(description="Document type code.")
    sequence_id: str = Field(description="The numbering sequence (stream) the number was drawn from.")
    period: str = Field(description="Period of the sequence: the year (State) or the Party committee's term.")
    number: int = Field(ge=1, description="The number, gapless from 1 within the period of the sequence.")
    number_symbol: str = Field(description="Number and symbol, e.g. 05/QĐ-UBND or 15-NQ/ĐU.")
    formatted: str = Field(description="As printed: 'Số: 05/QĐ-UBND' (State) or 'Số 15-NQ/ĐU' (Party).")
    issued_on: date = Field(description="Ngày ban hành: the date the document bears.")
    confidential: bool = Field(description="Drawn from the body's confidential sequence.")
    imported: bool = Field(description="Entered from the paper register with the number it was given.")
    numbered_by: str = Field(description="Username of the clerk who numbered it.")


class OutgoingDocumentDispatched(DomainEvent):
    """A numbered outgoing document was sent to its recipients."""

    event_type: ClassVar[str] = "documents.OutgoingDocumentDispatched"
    schema_version: ClassVar[int] = 1

    document_id: str = Field(description="Id of the document.")
    commune_id: str = Field(description="Commune of the document.")
    recipients: tuple[str, ...] = Field(description="Who it was sent to.")
    dispatched_on: date = Field(description="Ngày chuyển.")
    channel: Literal["PAPER", "ELECTRONIC", "HAND"] = Field(description="Post, electronic, or by hand.")
    dispatched_by: str = Field(description="Username of the clerk who sent it.")


class OutgoingDocumentRecalled(DomainEvent):
    """An issued outgoing document was recalled (thu hồi); it keeps its number."""

    event_type: ClassVar[str] = "documents.OutgoingDocumentRecalled"
    schema_version: ClassVar[int] = 1

    document_id: str = Field(description="Id of the document.")
    commune_id: str = Field(description="Commune of the document.")
    reason: str = Field(description="Why it was recalled.")
    recalled_by: str = Field(description="Username of the clerk who recalled it.")


EVENTS: tuple[type[DomainEvent], ...] = (
    IncomingDocumentRegistered,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentDispatched,
    OutgoingDocumentRecalled,
)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
