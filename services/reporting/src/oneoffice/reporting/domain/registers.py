"""The registers of Nghị định 30/2020/NĐ-CP as tables: the regulation's columns, and one row per line.

- ``incoming``: sổ đăng ký văn bản đến (Ngày đến · Số đến · Tác giả · Số, ký hiệu · Ngày tháng văn
  bản · Tên loại và trích yếu · Đơn vị hoặc người nhận · Ngày chuyển · Ký nhận · Ghi chú);
- ``outgoing``: sổ đăng ký văn bản đi (Phụ lục IV);
- ``resolutions``: sổ theo dõi giải quyết văn bản đến.

Cells are text as printed on paper (dates DD/MM/YYYY); rendering to a file is the caller's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from .incoming_register import IncomingRegisterLine

RegisterKind = Literal["incoming", "outgoing", "resolutions"]
KINDS: tuple[RegisterKind, ...] = get_args(RegisterKind)

_URGENCY = {"KHAN": "Khẩn", "THUONG_KHAN": "Thượng khẩn", "HOA_TOC": "Hỏa tốc"}
_CONFIDENTIALITY = {"MAT": "Mật", "TOI_MAT": "Tối mật", "TUYET_MAT": "Tuyệt mật"}
_CHANNEL = {"PAPER": "bản giấy", "ELECTRONIC": "điện tử", "HAND": "chuyển tay"}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title_vi: str
    title_en: str


@dataclass(frozen=True, slots=True)
class OutgoingRegisterLine:
    """A numbered outgoing document, as the register lists it."""

    document_id: str
    body_code: str
    number: int
    number_symbol: str
    issued_on: date
    document_type: str
    summary: str
    signer_name: str
    recipients: tuple[str, ...]
    confidentiality: str
    dispatched_on: date | None
    dispatched_to: tuple[str, ...]
    channel: str | None
    dispatched_by: str | None
    recall_reason: str | None


@dataclass(frozen=True, slots=True)
class ResolutionLine:
    """A task on an incoming document, with the document it resolves (sổ theo dõi giải quyết)."""

    incoming_number: int
    document_type: str
    number_symbol: str
    document_date: date
    issuer: str
    summary: str
    lead: str
    deadline: date
    percentage: int | None
    progress_note: str
    done_on: date | None
    reply_symbol: str | None
    overdue: bool
    extensions: int


@dataclass(frozen=True, slots=True)
class RegisterTable:
    kind: RegisterKind
    commune_id: str
    body_code: str
    year: int
    title_vi: str
    title_en: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


TITLES: dict[RegisterKind, tuple[str, str]] = {
    "incoming": ("Sổ đăng ký văn bản đến", "Incoming documents register"),
    "outgoing": ("Sổ đăng ký văn bản đi", "Outgoing documents register"),
    "resolutions": ("Sổ theo dõi giải quyết văn bản đến", "Resolution tracking book"),
}

COLUMNS: dict[RegisterKind, tuple[Column, ...]] = {
    "incoming": (
        Column("received_date", "Ngày đến", "Received on"),
        Column("incoming_number", "Số đến", "Incoming number"),
        Column("issuer", "Tác giả", "Issuer"),
        Column("number_symbol", "Số, ký hiệu", "Number, symbol"),
        Column("document_date", "Ngày tháng văn bản", "Document date"),
        Column("type_summary", "Tên loại và trích yếu nội dung", "Type and summary"),
        Column("recipient", "Đơn vị hoặc người nhận", "Unit or person receiving"),
        Column("passed_on", "Ngày chuyển", "Passed on"),
        Column("signature", "Ký nhận", "Received by"),
        Column("notes", "Ghi chú", "Notes"),
    ),
    "outgoing": (
        Column("number_symbol", "Số, ký hiệu văn bản", "Number, symbol"),
        Column("issued_on", "Ngày tháng văn bản", "Document date"),
        Column("type_summary", "Tên loại và trích yếu nội dung", "Type and summary"),
        Column("signer", "Người ký", "Signer"),
        Column("recipients", "Nơi nhận văn bản", "Recipients"),
        Column("file_copy", "Đơn vị, người nhận bản lưu", "Unit or person keeping the file copy"),
        Column("copies", "Số lượng bản", "Copies"),
        Column("dispatched_on", "Ngày chuyển", "Dispatched on"),
        Column("signature", "Ký nhận", "Received by"),
        Column("notes", "Ghi chú", "Notes"),
    ),
    "resolutions": (
        Column("incoming_number", "Số đến", "Incoming number"),
        Column(
            "document", "Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành", "Type, number, date, issuer"
        ),
        Column("recipient", "Đơn vị hoặc người nhận", "Unit or person handling"),
        Column("deadline", "Thời hạn giải quyết", "Deadline"),
        Column("progress", "Tiến độ giải quyết", "Progress"),
        Column("reply", "Số, ký hiệu văn bản trả lời", "Reply number, symbol"),
        Column("notes", "Ghi chú", "Notes"),
    ),
}


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def incoming_row(line: IncomingRegisterLine) -> tuple[str, ...]:
    notes = [_URGENCY.get(line.urgency, "")]
    if line.passed_on_late:
        notes.append(f"Chuyển muộn (hạn {day(line.passing_on_deadline)})")
    if line.duplicate_of:
        notes.append("Có thể trùng văn bản đã đăng ký")
    return (
        day(line.received_date),
        str(line.incoming_number),
        line.issuer,
        line.number_symbol,
        day(line.document_date),
        f"{line.document_type}: {line.summary}",
        line.recipient or "",
        day(line.passed_on),
        line.passed_on_by or "",
        "; ".join(n for n in notes if n),
    )


def _is_file_copy(recipient: str) -> bool:
    return recipient.casefold().startswith("lưu")


def outgoing_row(line: OutgoingRegisterLine) -> tuple[str, ...]:
    sent_to = line.dispatched_to or line.recipients
    # "Lưu: VT, VP" in nơi nhận names who keeps the file copy (bản lưu), not a recipient.
    recipients = [r for r in sent_to if not _is_file_copy(r)]
    file_copy = [r.split(":", 1)[-1].strip() for r in line.recipients if _is_file_copy(r)]
    notes = [_CONFIDENTIALITY.get(line.confidentiality, "")]
    if line.channel:
        notes.append(f"Gửi {_CHANNEL.get(line.channel, line.channel)}")
    if line.recall_reason is not None:
        notes.append(f"Đã thu hồi: {line.recall_reason}")
    return (
        line.number_symbol,
        day(line.issued_on),
        f"{line.document_type}: {line.summary}",
        line.signer_name,
        "; ".join(recipients),
        "; ".join(file_copy),
        str(len(recipients)) if recipients else "",
        day(line.dispatched_on),
        line.dispatched_by or "",
        "; ".join(n for n in notes if n),
    )


def resolution_row(line: ResolutionLine) -> tuple[str, ...]:
    if line.done_on is not None:
        progress = f"Đã hoàn thành {day(line.done_on)}"
    elif line.percentage is not None:
        progress = f"{line.percentage}%" + (f" — {line.progress_note}" if line.progress_note else "")
    else:
        progress = line.progress_note or "Đang giải quyết"
    notes = []
    if line.overdue and line.done_on is None:
        notes.append("Quá hạn")
    if line.extensions:
        notes.append(f"Gia hạn {line.extensions} lần")
    return (
        str(line.incoming_number),
        f"{line.document_type} số {line.number_symbol} ngày {day(line.document_date)} của {line.issuer}: "
        f"{line.summary}",
        line.lead,
        day(line.deadline),
        progress,
        line.reply_symbol or "",
        "; ".join(notes),
    )


def register_table(
    kind: RegisterKind, commune_id: str, body_code: str, year: int, rows: Sequence[tuple[str, ...]]
) -> RegisterTable:
    title_vi, title_en = TITLES[kind]
    return RegisterTable(kind, commune_id, body_code, year, title_vi, title_en, COLUMNS[kind], tuple(rows))
