"""One line of a body's incoming register (sổ đăng ký văn bản đến, Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class IncomingRegisterLine:
    """The columns of the paper register, plus where the line came from.

    ``recipient`` (đơn vị hoặc người nhận) stays ``None`` until the document is passed on;
    ``duplicate_of`` names an earlier registration with the same number, symbol and issuer.
    """

    commune_id: str
    body_code: str
    year: int
    incoming_number: int  # số đến
    document_id: str
    received_date: date  # ngày đến
    issuer: str  # tác giả
    number_symbol: str  # số, ký hiệu
    document_date: date
    document_type: str
    summary: str  # trích yếu
    urgency: str  # độ khẩn: NORMAL, KHAN, THUONG_KHAN, HOA_TOC
    recipient: str | None
    duplicate_of: str | None
    registered_at: datetime
    source_position: int
