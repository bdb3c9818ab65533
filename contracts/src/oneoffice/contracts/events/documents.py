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


# Tracked work (issue #12): passing documents on, directions, tasks and their deadlines.
# Streams: a passing-on lives in the incoming document's own stream
# (``incoming-document:<commune>:<document id>``); a task in ``task:<commune>:<task id>``.
# Glossary: chuyển văn bản = passing a document on; ý kiến chỉ đạo = a leader's direction; chủ trì = the
# lead handler; phối hợp = coordinators; hạn xử lý = deadline. A deadline is numbered: the first is 1,
# each extension starts the next; TaskDueSoon and TaskOverdue come at most once per (task, deadline number).


RecipientKind = Literal["leader", "body", "person"]
"""Whom a document is passed on to: a leader (person id), a body (body code) or a person (person id)."""


class DocumentPassedOn(DomainEvent):
    """An incoming document was passed on (chuyển) — the register's "đơn vị hoặc người nhận" columns."""

    event_type: ClassVar[str] = "documents.DocumentPassedOn"
    schema_version: ClassVar[int] = 1

    document_id: str = Field(description="Id of the incoming document.")
    commune_id: str = Field(description="Commune whose office holds the document.")
    body_code: str = Field(description="Body whose incoming register holds the document.")
    recipient_kind: RecipientKind = Field(description="Leader, body or person.")
    recipient: str = Field(description="Person id (leader, person) or body code (body).")
    passed_on: date = Field(description="Ngày chuyển: the day it was passed on.")
    passing_on_deadline: date = Field(
        description="The last day it should have been passed on (NĐ 30/2020: urgent at once, others the "
        "same day, at the latest the next working day after arrival)."
    )
    late: bool = Field(description="Passed on after ``passing_on_deadline``.")
    needs_action: bool = Field(
        description="The document needs action: a task must exist by the end of the passing-on deadline, "
        "or the document is raised as untracked."
    )
    passed_on_by: str = Field(description="Username of the user who passed it on.")


class DocumentUntracked(DomainEvent):
    """A document needing action had no task by the end of its passing-on deadline (raised once)."""

    event_type: ClassVar[str] = "documents.DocumentUntracked"
    schema_version: ClassVar[int] = 1

    document_id: str = Field(description="Id of the incoming document.")
    commune_id: str = Field(description="Commune whose office holds the document.")
    body_code: str = Field(description="Body whose incoming register holds the document.")
    passing_on_deadline: date = Field(description="The deadline by which a task should have existed.")
    raised_on: date = Field(description="The day the watcher raised it.")


class TaskCreated(DomainEvent):
    """A task (việc) with a lead, coordinators and a deadline: from a leader's direction on a document,
    or with no document (a meeting conclusion, a verbal instruction)."""

    event_type: ClassVar[str] = "documents.TaskCreated"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task (its stream is task:<commune>:<task id>).")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    title: str = Field(description="What is to be done.")
    document_id: str | None = Field(
        default=None, description="The incoming document the direction was given on, if any."
    )
    body_code: str | None = Field(default=None, description="Body the work is for, if any.")
    lead: str = Field(description="Person id of the lead handler (chủ trì): staff of the commune.")
    coordinators: list[str] = Field(
        default_factory=list, description="Person ids of the coordinators (phối hợp); never the lead."
    )
    deadline: date = Field(description="Hạn xử lý: deadline number 1.")
    note: str = Field(default="", description="The leader's direction (ý kiến chỉ đạo).")
    directed_by: str = Field(description="Username of the leader who gave the direction.")
    directed_on: date = Field(description="The day the direction was given.")


class TaskProgressNoted(DomainEvent):
    """The lead or a coordinator noted progress (or a coordinator commented: ``percentage`` None)."""

    event_type: ClassVar[str] = "documents.TaskProgressNoted"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    note: str = Field(description="What was done, or the comment.")
    percentage: int | None = Field(default=None, ge=0, le=100, description="Share done, if given.")
    noted_by: str = Field(description="Username of the user who noted it.")


class TaskCompleted(DomainEvent):
    """The lead completed the task."""

    event_type: ClassVar[str] = "documents.TaskCompleted"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    result: str = Field(description="The result.")
    reply_document_id: str | None = Field(
        default=None, description="The outgoing document that answered, if any."
    )
    completed_on: date = Field(description="The day it was completed.")
    completed_by: str = Field(description="Username of the lead who completed it.")


class TaskReassigned(DomainEvent):
    """The lead (and coordinators) changed: by a leader, or by an absence's coverage (then
    ``absence_id`` is set, and the envelope's causation id is the staff event that caused it)."""

    event_type: ClassVar[str] = "documents.TaskReassigned"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    lead: str = Field(description="Person id of the new lead.")
    coordinators: list[str] = Field(default_factory=list, description="Person ids of the coordinators.")
    reason: str = Field(description="Why.")
    absence_id: str | None = Field(
        default=None, description="The absence whose coverage moved the task (None: a leader's decision)."
    )
    returning: bool = Field(
        default=False, description="The absence ended and the task returns to its lead before it."
    )
    reassigned_by: str = Field(description="Username of the user, or the service for a coverage move.")


class TaskDeadlineExtended(DomainEvent):
    """A leader extended the deadline: a new deadline with its own due-soon and overdue events."""

    event_type: ClassVar[str] = "documents.TaskDeadlineExtended"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    deadline: date = Field(description="The new deadline.")
    deadline_number: int = Field(ge=2, description="Number of the new deadline (the first is 1).")
    reason: str = Field(description="Why it was extended.")
    extended_by: str = Field(description="Username of the leader.")


class TaskReopened(DomainEvent):
    """A completed task was reopened (its current deadline counts again)."""

    event_type: ClassVar[str] = "documents.TaskReopened"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    reason: str = Field(description="Why.")
    reopened_by: str = Field(description="Username of the user.")


class TaskDueSoon(DomainEvent):
    """A configured number of working days before an open task's deadline (once per deadline)."""

    event_type: ClassVar[str] = "documents.TaskDueSoon"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    deadline: date = Field(description="The deadline it is due by.")
    deadline_number: int = Field(ge=1, description="Which deadline (1, then one more per extension).")
    lead: str = Field(description="Person id of the lead at the time.")
    working_days_left: int = Field(ge=0, description="Working days from the day raised to the deadline.")
    raised_on: date = Field(description="The day the watcher raised it.")


class TaskOverdue(DomainEvent):
    """An open task passed its deadline (once per deadline; at once for a deadline already past)."""

    event_type: ClassVar[str] = "documents.TaskOverdue"
    schema_version: ClassVar[int] = 1

    task_id: str = Field(description="Id of the task.")
    commune_id: str = Field(description="Commune whose office tracks the task.")
    deadline: date = Field(description="The deadline it missed.")
    deadline_number: int = Field(ge=1, description="Which deadline.")
    lead: str = Field(description="Person id of the lead at the time.")
    raised_on: date = Field(description="The day the watcher raised it.")


WORK_EVENTS: tuple[type[DomainEvent], ...] = (
    DocumentPassedOn,
    DocumentUntracked,
    TaskCreated,
    TaskProgressNoted,
    TaskCompleted,
    TaskReassigned,
    TaskDeadlineExtended,
    TaskReopened,
    TaskDueSoon,
    TaskOverdue,
)
"""The events of tracked work (#12)."""

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


Retention = Literal["permanent", "70y", "50y", "20y", "15y", "10y", "5y", "until_expiry", "equipment_life"]
"""Thời hạn bảo quản (Thông tư 10/2022/TT-BNV): vĩnh viễn, a number of years counted from the year
the work ended, until the documents expire, for the life of the equipment."""


class RecordFileOpened(DomainEvent):
    """A file (hồ sơ) entered a body's annual file list (danh mục hồ sơ); it is open.

    Every event of the record files of a commune lives in one stream, ``record-files:<commune>``.
    """

    event_type: ClassVar[str] = "documents.RecordFileOpened"
    schema_version: ClassVar[int] = 1

    file_id: str = Field(description="Id of the file.")
    commune_id: str = Field(description="Commune whose office keeps the file list.")
    body_code: str = Field(description="Body whose file list holds the file, e.g. UBND, DANG_UY.")
    year: int = Field(description="Year of the file list.")
    file_code: str = Field(
        description="Số và ký hiệu hồ sơ, e.g. '01.TCCB' (unique in the body's list of the year)."
    )
    title: str = Field(description="Tên đề mục và tiêu đề hồ sơ.")
    retention: Retention = Field(description="Thời hạn bảo quản.")
    keeper: str = Field(description="Người lập hồ sơ: staff id of the person keeping the file.")
    opened_by: str = Field(description="Id of the user who entered the file.")


class RecordDocumentLinked(DomainEvent):
    """A document was linked to a file (no copy: the file holds the document's id)."""

    event_type: ClassVar[str] = "documents.RecordDocumentLinked"
    schema_version: ClassVar[int] = 1

    file_id: str = Field(description="Id of the file.")
    commune_id: str = Field(description="Commune whose office keeps the file.")
    document_kind: DocumentKind = Field(description="Family of the linked document.")
    document_id: str = Field(description="Id of the linked document.")
    linked_by: str = Field(description="Id of the user who linked it.")


class RecordFileClosed(DomainEvent):
    """A file was closed when its work ended (once)."""

    event_type: ClassVar[str] = "documents.RecordFileClosed"
    schema_version: ClassVar[int] = 1

    file_id: str = Field(description="Id of the file.")
    commune_id: str = Field(description="Commune whose office keeps the file.")
    closed_on: date = Field(description="The day the work ended and the file was closed.")
    closed_by: str = Field(description="Id of the user who closed it.")


class RecordFileHandoverDueSoon(DomainEvent):
    """A closed file is due for hand-over to the archive within 30 days (raised once per file)."""

    event_type: ClassVar[str] = "documents.RecordFileHandoverDueSoon"
    schema_version: ClassVar[int] = 1

    file_id: str = Field(description="Id of the file.")
    commune_id: str = Field(description="Commune whose office keeps the file.")
    handover_due_on: date = Field(description="The last day of the hand-over period (1 year after closing).")
    raised_on: date = Field(description="The day the notice was raised.")


class RecordFilesHandedOver(DomainEvent):
    """Closed files were handed over to the archive (lưu trữ cơ quan), with their list."""

    event_type: ClassVar[str] = "documents.RecordFilesHandedOver"
    schema_version: ClassVar[int] = 1

    handover_id: str = Field(description="Id of the hand-over.")
    commune_id: str = Field(description="Commune whose office handed the files over.")
    file_ids: list[str] = Field(min_length=1, description="The files handed over (the hand-over list).")
    handed_over_on: date = Field(description="The day of the hand-over.")
    receiver: str = Field(description="Who received the files for the archive.")
    recorded_by: str = Field(description="Id of the user who recorded the hand-over.")


class RecordFileDisposed(DomainEvent):
    """An expired file was disposed of by an approved decision; the file stays, marked disposed."""

    event_type: ClassVar[str] = "documents.RecordFileDisposed"
    schema_version: ClassVar[int] = 1

    file_id: str = Field(description="Id of the file.")
    commune_id: str = Field(description="Commune whose office kept the file.")
    decision_number: str = Field(description="Number of the decision approving the disposal.")
    council: str = Field(description="The council (hội đồng xác định giá trị tài liệu) that assessed it.")
    decided_on: date = Field(description="Date of the decision.")
    recorded_by: str = Field(description="Id of the user who recorded the disposal.")


RECORD_EVENTS: tuple[type[DomainEvent], ...] = (
    RecordFileOpened,
    RecordDocumentLinked,
    RecordFileClosed,
    RecordFileHandoverDueSoon,
    RecordFilesHandedOver,
    RecordFileDisposed,
)
"""The events of record files and retention (#12)."""

EVENTS: tuple[type[DomainEvent], ...] = (
    IncomingDocumentRegistered,
    AttachmentAdded,
    *WORK_EVENTS,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentDispatched,
    OutgoingDocumentRecalled,
    *RECORD_EVENTS,
)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = (
    (IncomingDocumentRegistered.event_type, 1, _registered_v1_to_v2),
)
