"""Request and response bodies of the outgoing-documents API (văn bản đi); they shape the OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..application.outgoing import NumberGiven, OutgoingDocument
from .text_fields import RequestBody

INT32_MAX = 2_147_483_647
_TEXT = 2000
UrgencyName = Literal["NORMAL", "KHAN", "THUONG_KHAN", "HOA_TOC"]
ConfidentialityName = Literal["NONE", "MAT", "TOI_MAT", "TUYET_MAT"]
ChannelName = Literal["PAPER", "ELECTRONIC", "HAND"]


class DraftOutgoingDocumentBody(RequestBody):
    """A draft outgoing document; the format (thể thức) is checked in full before it is numbered."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "body_code": "UBND",
                    "document_type": "QD",
                    "summary": "Về việc thành lập Tổ công tác chuyển đổi số",
                    "signer_id": "p-0001",
                    "authority": "TM.",
                    "place_name": "Tương Dương",
                    "recipients": ["Như Điều 3", "Lưu: VT, VP"],
                }
            ]
        },
    )

    body_code: str = Field(max_length=64, description="Issuing body: DANG_UY, HDND, UBND, MTTQ, …")
    document_type: str = Field(max_length=64, description="Document type code, e.g. QD, CV, NQ.")
    summary: str = Field(default="", max_length=_TEXT, description="Trích yếu nội dung.")
    drafting_unit: str = Field(
        default="", max_length=64, description="Drafting unit's abbreviation (a State công văn: 12/UBND-VP)."
    )
    signer_id: str = Field(
        default="", max_length=64, description="Person id of the signer (staff of the commune)."
    )
    authority: str = Field(
        default="", max_length=16, description="TM., KT., Q., TL., TUQ. (State); T/M, K/T (Party); empty."
    )
    place_name: str = Field(default="", max_length=_TEXT, description="Địa danh, e.g. Tương Dương.")
    recipients: list[str] = Field(default=[], max_length=100, description="Nơi nhận.")
    urgency: UrgencyName = Field(default="NORMAL", description="Độ khẩn.")
    confidentiality: ConfidentialityName = Field(default="NONE", description="Độ mật.")


class NumberOutgoingDocumentBody(RequestBody):
    model_config = ConfigDict(extra="forbid")

    issued_on: date | None = Field(
        default=None, description="Ngày ban hành; default today, never before the register's last."
    )
    number: int | None = Field(
        default=None,
        ge=1,
        le=INT32_MAX,
        description="Import of the paper register: the number the document was given (refused if it exists).",
    )
    sequence: Literal["public", "confidential"] | None = Field(
        default=None,
        description="The register (sequence) to number in; default the document's own. A confidential "
        "document is refused in the public one.",
    )


class DispatchOutgoingDocumentBody(RequestBody):
    model_config = ConfigDict(extra="forbid")

    recipients: list[str] = Field(default=[], max_length=100, description="Default: the draft's recipients.")
    dispatched_on: date | None = Field(default=None, description="Ngày chuyển; default today.")
    channel: ChannelName = Field(default="PAPER")


class RecallOutgoingDocumentBody(RequestBody):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=_TEXT, description="Lý do thu hồi.")


class NumberOut(BaseModel):
    document_id: str
    number: int
    number_symbol: str = Field(examples=["05/QĐ-UBND"])
    formatted: str = Field(examples=["Số: 05/QĐ-UBND"])
    issued_on: date
    period: str = Field(description="The year, or the Party committee's term, the number runs in.")
    imported: bool

    @classmethod
    def of(cls, given: NumberGiven) -> NumberOut:
        return cls.model_validate(given, from_attributes=True)


class HistoryEntryOut(BaseModel):
    at: datetime
    actor: str
    action: str
    detail: str


class OutgoingDocumentOut(BaseModel):
    """Every field the formal layout needs, with the number, state and history."""

    document_id: str
    commune_id: str
    family: str = Field(description="state or party: the header and signature conventions.")
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
    recipients: list[str]
    urgency: str
    confidentiality: str
    state: str = Field(description="DRAFT, NUMBERED, DISPATCHED or RECALLED.")
    drafted_by: str
    drafted_at: datetime
    number: int | None
    number_symbol: str
    formatted: str
    issued_on: date | None
    period: str
    dispatched_on: date | None
    channel: str
    dispatched_to: list[str]
    recall_reason: str
    imported: bool = Field(description="Numbered from the paper register kept before the system.")
    history: list[HistoryEntryOut]

    @classmethod
    def of(cls, document: OutgoingDocument) -> OutgoingDocumentOut:
        return cls.model_validate(document, from_attributes=True)


class OutgoingRegisterRowOut(BaseModel):
    """One line of the sổ đăng ký văn bản đi (NĐ 30/2020 Phụ lục IV)."""

    document_id: str
    number: int
    number_symbol: str = Field(description="Số, ký hiệu văn bản.")
    issued_on: date = Field(description="Ngày tháng văn bản.")
    type_and_summary: str = Field(description="Tên loại và trích yếu nội dung.")
    signer: str = Field(description="Người ký.")
    recipients: list[str] = Field(description="Nơi nhận văn bản.")
    archive_copy: str = Field(description="Đơn vị, người nhận bản lưu.")
    copies: int = Field(description="Số lượng bản.")
    dispatched_on: date | None = Field(description="Ngày chuyển.")
    receipt_signature: str = Field(description="Ký nhận (signed on the paper register).")
    note: str = Field(description="Ghi chú: confidentiality, recall, import from the paper register.")
    state: str

    @classmethod
    def of(cls, document: OutgoingDocument) -> OutgoingRegisterRowOut:
        assert document.number is not None and document.issued_on is not None
        notes = []
        if document.confidentiality != "NONE":
            notes.append(f"Độ mật: {document.confidentiality}")
        if document.state == "RECALLED":
            notes.append(f"Đã thu hồi: {document.recall_reason}")
        if document.imported:
            notes.append("Nhập từ sổ giấy")
        recipients = list(document.dispatched_to or document.recipients)
        return cls(
            document_id=document.document_id,
            number=document.number,
            number_symbol=document.number_symbol,
            issued_on=document.issued_on,
            type_and_summary=f"{document.document_type_name} {document.summary}".strip(),
            signer=document.signer_name,
            recipients=recipients,
            archive_copy=f"VT, {document.drafting_unit}" if document.drafting_unit else "VT",
            copies=len(recipients) + 1,
            dispatched_on=document.dispatched_on,
            receipt_signature="",
            note="; ".join(notes),
            state=document.state,
        )


class OutgoingRegisterOut(BaseModel):
    body: str
    year: int
    rows: list[OutgoingRegisterRowOut]
