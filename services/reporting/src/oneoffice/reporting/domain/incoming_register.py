"""One line of a body's incoming register (sổ đăng ký văn bản đến, Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class IncomingRegisterLine:
    """The columns of the paper register, plus where the line came from.

    ``recipient`` (đơn vị hoặc người nhận), ``passed_on`` (ngày chuyển) and ``passed_on_by`` (shown
    as ký nhận: the system records who handed it over) stay ``None`` until the document is passed
    on; the latest passing-on fills them. ``passed_on_late`` carries the documents service's
    judgement against ``passing_on_deadline`` (NĐ 30/2020: urgent at once, others the same day, at
    the latest the next working day). ``duplicate_of`` names an earlier registration with the same
    number, symbol and issuer.
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
    recipient_kind: str | None = None  # leader, body, person
    passed_on: date | None = None  # ngày chuyển
    passing_on_deadline: date | None = None
    passed_on_late: bool = False
    passed_on_by: str | None = None
