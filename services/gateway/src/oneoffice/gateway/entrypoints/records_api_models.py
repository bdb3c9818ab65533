"""Request and response bodies of the record-files API (hồ sơ, danh mục hồ sơ, nộp lưu, hủy)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .text_fields import CleanText

# The year travels as a protobuf int32: bounded here, not a 500 there.
MIN_YEAR = 1945
MAX_YEAR = 9999
FILE_ID_PATTERN = r"^[0-9A-Za-z._:-]{1,64}$"
FileIdText = Annotated[str, Field(pattern=FILE_ID_PATTERN, examples=["3f1c2a9e-7d1b-4c55-9a8e-0b6f2d1c4e77"])]
Retention = Literal["permanent", "70y", "50y", "20y", "15y", "10y", "5y", "until_expiry", "equipment_life"]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RecordFileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body_code: Annotated[str, Field(pattern=r"^[A-Z_]{1,32}$", examples=["UBND"])]
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR, description="Year of the file list.")
    file_code: Annotated[CleanText, Field(min_length=1, max_length=32, examples=["01.TCCB"])]
    title: Annotated[CleanText, Field(min_length=1, max_length=500)]
    retention: Retention = Field(description="Thời hạn bảo quản (TT 10/2022/TT-BNV).")
    keeper: Annotated[str, Field(pattern=r"^[0-9A-Za-z._:-]{1,64}$", description="Staff id of the keeper.")]


class CloseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    closed_on: date = Field(description="The day the work ended (YYYY-MM-DD).")


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_kind: Literal["incoming", "outgoing"] = "incoming"
    document_id: FileIdText


class HandoverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file_ids: list[FileIdText] = Field(min_length=1, max_length=500, description="The hand-over list.")
    handed_over_on: date
    receiver: Annotated[CleanText, Field(min_length=1, max_length=200)]


class DisposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision_number: Annotated[CleanText, Field(min_length=1, max_length=64, examples=["15/QĐ-UBND"])]
    council: Annotated[CleanText, Field(min_length=1, max_length=200)]
    decided_on: date


class LinkedDocumentOut(_Out):
    document_kind: str
    document_id: str


class RecordFileOut(_Out):
    file_id: str
    commune_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str
    status: Literal["open", "closed", "handed_over", "disposed"]
    documents: list[LinkedDocumentOut]
    closed_on: date | None
    handover_due_on: date | None = Field(description="Last day of the hand-over to the archive.")
    expires_on: date | None = Field(description="Last day the file must be kept (none: permanent).")
    handover_notice_on: date | None
    handover_id: str | None
    handed_over_on: date | None
    receiver: str | None
    disposal_decision_number: str | None
    disposal_council: str | None
    disposed_on: date | None


class RecordFilesOut(_Out):
    files: list[RecordFileOut]


class HandoverOut(_Out):
    handover_id: str
    files: list[RecordFileOut]
