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


DocumentKind = Literal["incoming", "outgoing"]
"""Văn bản đến, văn bản đi."""


class AttachmentAdded(DomainEvent):
    """A file was attached to a document; its content lives in the blob store under ``sha256``."""

    event_type: ClassVar[str] = "documents.AttachmentAdded"
    schema_version: ClassVar[int] = 1

    document_kind: DocumentKind = Field(description="Family of the document the file is attached to.")
    document_id: str = Field(
        description="Id of the document (the event lives in the document's own stream, "
        "e.g. incoming-document:<commune>:<document id>)."
    )
    commune_id: str = Field(description="Commune whose office holds the document.")
    attachment_id: str = Field(description="Id of the attachment within the document.")
    file_name: str = Field(description="The file's name as uploaded (shown and offered on download).")
    media_type: str = Field(description="Media type judged from the content, e.g. application/pdf.")
    sha256: str = Field(
        pattern="^[0-9a-f]{64}$", description="Lowercase hex SHA-256 of the content: the blob's name."
    )
    size: int = Field(ge=1, description="Size of the content in bytes.")
    added_by: str = Field(description="Username of the user who attached the file.")


EVENTS: tuple[type[DomainEvent], ...] = (IncomingDocumentRegistered, AttachmentAdded)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
