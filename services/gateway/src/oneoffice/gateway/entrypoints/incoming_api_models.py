"""Request and response bodies of the incoming-documents API (they shape the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..application.ports import IncomingDocument, RegisterPage, Registration
from .symbols_api_models import DocumentSymbolOut
from .text_fields import RequestBody

UrgencyName = Literal["NORMAL", "KHAN", "THUONG_KHAN", "HOA_TOC"]
# A commune's code in the national list of administrative units, e.g. 16876 (xã Tương Dương).
COMMUNE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
# Bounds against oversized input only; the documents service applies the register's rules.
_TEXT = 2000


class RegisterIncomingDocumentBody(RequestBody):
    """A received document (văn bản đến) to enter in a body's incoming register."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "body_code": "UBND",
                    "issuer": "UBND tỉnh Nghệ An",
                    "number_symbol": "125/QĐ-UBND",
                    "document_date": "2026-03-02",
                    "document_type": "QD",
                    "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
                    "urgency": "KHAN",
                    "received_date": "2026-03-05",
                }
            ]
        },
    )

    body_code: str = Field(
        max_length=64, description="Body whose register receives it: DANG_UY, HDND, UBND, …"
    )
    issuer: str = Field(max_length=_TEXT, description="Tác giả: the organ that issued the document.")
    number_symbol: str = Field(default="", max_length=_TEXT, description="Số, ký hiệu as printed.")
    document_date: date = Field(description="Ngày tháng văn bản.")
    document_type: str = Field(max_length=64, description="Document type code, e.g. QD, CV, NQ, TB.")
    summary: str = Field(max_length=_TEXT, description="Trích yếu nội dung.")
    urgency: UrgencyName = Field(default="NORMAL", description="Độ khẩn.")
    received_date: date = Field(description="Ngày đến: the day the office received it.")


class IncomingDocumentRegistration(BaseModel):
    document_id: str
    incoming_number: int = Field(description="Số đến: consecutive within the year of the body's register.")
    year: int
    duplicate_of: str | None = Field(
        description="The document already registered with the same issuer and number/symbol, if any."
    )
    registered_at: datetime

    @classmethod
    def of(cls, registration: Registration) -> IncomingDocumentRegistration:
        return cls(
            document_id=registration.document_id,
            incoming_number=registration.incoming_number,
            year=registration.year,
            duplicate_of=registration.duplicate_of,
            registered_at=registration.registered_at,
        )


class IncomingDocumentOut(BaseModel):
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
    urgency: str
    received_date: date
    registered_at: datetime
    registered_by: str
    duplicate_of: str | None
    symbol: DocumentSymbolOut | None = Field(
        default=None,
        description="The parts read from number_symbol at registration; null when it is blank or the "
        "document was registered before symbols were read.",
    )

    @classmethod
    def of(cls, document: IncomingDocument) -> IncomingDocumentOut:
        return cls.model_validate(document, from_attributes=True)


class IncomingRegisterRowOut(BaseModel):
    document_id: str
    received_date: date = Field(description="Ngày đến.")
    incoming_number: int = Field(description="Số đến.")
    issuer: str = Field(description="Tác giả.")
    number_symbol: str = Field(description="Số, ký hiệu.")
    document_date: date = Field(description="Ngày tháng văn bản.")
    document_type: str
    summary: str = Field(description="Trích yếu.")
    urgency: str
    recipient: str | None = Field(description="Đơn vị hoặc người nhận; null until passed on.")
    recipient_kind: str | None = Field(
        default=None, description="leader, body or person; null until passed on."
    )
    passed_on: date | None = Field(default=None, description="Ngày chuyển; null until passed on.")
    passing_on_deadline: date | None = Field(
        default=None, description="The day it had to be passed on by (NĐ 30/2020); null until passed on."
    )
    passed_on_late: bool = Field(default=False, description="Passed on after passing_on_deadline.")
    passed_on_by: str | None = Field(
        default=None, description="Ký nhận: the user who handed it over in the system; null until passed on."
    )


class IncomingRegisterPageOut(BaseModel):
    rows: list[IncomingRegisterRowOut]
    next_page_token: str | None = Field(
        description="Give it as page_token for the next page; null on the last."
    )

    @classmethod
    def of(cls, page: RegisterPage) -> IncomingRegisterPageOut:
        return cls(
            rows=[IncomingRegisterRowOut.model_validate(r, from_attributes=True) for r in page.rows],
            next_page_token=page.next_page_token,
        )
