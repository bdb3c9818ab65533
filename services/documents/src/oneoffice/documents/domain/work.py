"""Tracked work: passing an incoming document on (NĐ 30/2020 Điều 23) and tasks with a lead handler,
coordinators and numbered deadlines (Điều 24), as plain values and one aggregate per task.

The events mirror, field for field, the contract events of the same names
(``oneoffice.contracts.events.documents``); the application translates them at the store's edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .values import Urgency
from .work_errors import (
    DateInTheFuture,
    DeadlineBeforeArrival,
    DeadlineNotLater,
    InvalidWorkInput,
    LeadAlsoCoordinator,
    NotAHandler,
    NotTheLead,
    PassedOnBeforeArrival,
    TaskNotDone,
    TaskNotOpen,
)
from .working_calendar import WorkingCalendar

RECIPIENT_KINDS = ("leader", "body", "person")
URGENT = frozenset({Urgency.HOA_TOC, Urgency.THUONG_KHAN, Urgency.KHAN})
MAX_TEXT = 2000
MAX_TITLE = 500
MAX_ID = 64


def clean(field_name: str, value: str, *, limit: int = MAX_TEXT, required: bool = True) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise InvalidWorkInput(field_name, f"Chưa nhập «{field_name}».", f"{field_name} is empty.")
    if len(text) > limit:
        raise InvalidWorkInput(
            field_name,
            f"«{field_name}» dài quá {limit} ký tự.",
            f"{field_name} is longer than {limit} characters.",
        )
    return text


# --- Passing on --------------------------------------------------------------------------------------


def passing_on_deadline(received: date, urgency: Urgency, calendar: WorkingCalendar) -> date:
    """NĐ 30/2020: urgent documents at once (the day they arrive); the others the same day, at the
    latest the next working day."""
    if urgency in URGENT:
        return received
    return calendar.next_working_day(received)


@dataclass(frozen=True, slots=True)
class DocumentPassedOn:
    document_id: str
    commune_id: str
    body_code: str
    recipient_kind: str
    recipient: str
    passed_on: date
    passing_on_deadline: date
    late: bool
    needs_action: bool
    passed_on_by: str


@dataclass(frozen=True, slots=True)
class ArrivedDocument:
    """What passing on needs to know of a registered incoming document."""

    document_id: str
    commune_id: str
    body_code: str
    received_date: date
    urgency: Urgency


def pass_on(
    document: ArrivedDocument,
    *,
    recipient_kind: str,
    recipient: str,
    passed_on: date,
    needs_action: bool,
    actor: str,
    today: date,
    calendar: WorkingCalendar,
) -> DocumentPassedOn:
    if recipient_kind not in RECIPIENT_KINDS:
        raise InvalidWorkInput(
            "recipient_kind",
            "Người nhận phải là lãnh đạo (leader), cơ quan (body) hoặc cá nhân (person).",
            "The recipient kind must be leader, body or person.",
        )
    recipient = clean("recipient", recipient, limit=MAX_ID)
    if passed_on < document.received_date:
        raise PassedOnBeforeArrival(passed_on, document.received_date)
    if passed_on > today:
        raise DateInTheFuture("passed_on", passed_on)
    deadline = passing_on_deadline(document.received_date, document.urgency, calendar)
    return DocumentPassedOn(
        document_id=document.document_id,
        commune_id=document.commune_id,
        body_code=document.body_code,
        recipient_kind=recipient_kind,
        recipient=recipient,
        passed_on=passed_on,
        passing_on_deadline=deadline,
        late=passed_on > deadline,
        needs_action=needs_action,
        passed_on_by=actor,
    )


# --- Tasks -------------------------------------------------------------------------------------------


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class TaskCreated:
    task_id: str
    commune_id: str
    title: str
    document_id: str | None
    body_code: str | None
    lead: str
    coordinators: list[str]
    deadline: date
    note: str
    directed_by: str
    directed_on: date


@dataclass(frozen=True, slots=True)
class TaskProgressNoted:
    task_id: str
    commune_id: str
    note: str
    percentage: int | None
    noted_by: str


@dataclass(frozen=True, slots=True)
class TaskCompleted:
    task_id: str
    commune_id: str
    result: str
    reply_document_id: str | None
    completed_on: date
    completed_by: str


@dataclass(frozen=True, slots=True)
class TaskReassigned:
    task_id: str
    commune_id: str
    lead: str
    coordinators: list[str]
    reason: str
    absence_id: str | None
    returning: bool
    reassigned_by: str


@dataclass(frozen=True, slots=True)
class TaskDeadlineExtended:
    task_id: str
    commune_id: str
    deadline: date
    deadline_number: int
    reason: str
    extended_by: str


@dataclass(frozen=True, slots=True)
class TaskReopened:
    task_id: str
    commune_id: str
    reason: str
    reopened_by: str


TaskEvent = (
    TaskCreated | TaskProgressNoted | TaskCompleted | TaskReassigned | TaskDeadlineExtended | TaskReopened
)


def handlers(lead: str, coordinators: list[str]) -> tuple[str, list[str]]:
    """The lead and the coordinators, checked: ids present, no one twice, the lead not a coordinator."""
    lead = clean("lead", lead, limit=MAX_ID)
    cleaned = [clean("coordinators", c, limit=MAX_ID) for c in coordinators]
    if lead in cleaned:
        raise LeadAlsoCoordinator(lead)
    return lead, list(dict.fromkeys(cleaned))


def create_task(
    *,
    task_id: str,
    commune_id: str,
    title: str,
    lead: str,
    coordinators: list[str],
    deadline: date,
    note: str,
    actor: str,
    today: date,
    document: ArrivedDocument | None = None,
) -> TaskCreated:
    lead, coordinators = handlers(lead, coordinators)
    if document is not None and deadline < document.received_date:
        raise DeadlineBeforeArrival(deadline, document.received_date)
    return TaskCreated(
        task_id=task_id,
        commune_id=commune_id,
        title=clean("title", title, limit=MAX_TITLE),
        document_id=document.document_id if document else None,
        body_code=document.body_code if document else None,
        lead=lead,
        coordinators=coordinators,
        deadline=deadline,
        note=clean("note", note, required=False),
        directed_by=actor,
        directed_on=today,
    )


@dataclass(slots=True)
class Task:
    """One task's state, folded from its events; commands decide the next event or refuse."""

    commune_id: str
    task_id: str
    version: int = 0
    created: TaskCreated | None = None
    lead: str = ""
    coordinators: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_number: int = 0
    status: TaskStatus = TaskStatus.OPEN
    percentage: int | None = None
    completed_on: date | None = None

    @property
    def stream_id(self) -> str:
        return f"task:{self.commune_id}:{self.task_id}"

    @property
    def exists(self) -> bool:
        return self.created is not None

    def apply(self, event: TaskEvent) -> None:
        if isinstance(event, TaskCreated):
            self.created = event
            self.lead, self.coordinators = event.lead, list(event.coordinators)
            self.deadline, self.deadline_number = event.deadline, 1
            self.status = TaskStatus.OPEN
        elif isinstance(event, TaskProgressNoted):
            if event.percentage is not None:
                self.percentage = event.percentage
        elif isinstance(event, TaskCompleted):
            self.status, self.completed_on = TaskStatus.DONE, event.completed_on
        elif isinstance(event, TaskReassigned):
            self.lead, self.coordinators = event.lead, list(event.coordinators)
        elif isinstance(event, TaskDeadlineExtended):
            self.deadline, self.deadline_number = event.deadline, event.deadline_number
        elif isinstance(event, TaskReopened):
            self.status, self.completed_on = TaskStatus.OPEN, None

    def _open(self) -> None:
        if self.status is not TaskStatus.OPEN:
            raise TaskNotOpen(self.task_id)

    def note_progress(
        self, *, person: str | None, directing: bool, note: str, percentage: int | None, actor: str
    ) -> TaskProgressNoted:
        """The lead notes progress (with a percentage or not); coordinators and leaders comment."""
        self._open()
        if percentage is not None and not 0 <= percentage <= 100:
            raise InvalidWorkInput(
                "percentage", "Tỷ lệ hoàn thành phải từ 0 đến 100.", "The percentage must be 0 to 100."
            )
        is_lead = person is not None and person == self.lead
        if not is_lead and not directing and person not in self.coordinators:
            raise NotAHandler(self.task_id)
        if percentage is not None and not is_lead:
            raise NotTheLead(self.task_id)
        return TaskProgressNoted(self.task_id, self.commune_id, clean("note", note), percentage, actor)

    def complete(
        self, *, person: str | None, result: str, reply_document_id: str | None, actor: str, today: date
    ) -> TaskCompleted:
        self._open()
        if person is None or person != self.lead:
            raise NotTheLead(self.task_id)
        reply = clean("reply_document_id", reply_document_id or "", limit=MAX_ID, required=False) or None
        return TaskCompleted(self.task_id, self.commune_id, clean("result", result), reply, today, actor)

    def reassign(self, *, lead: str, coordinators: list[str], reason: str, actor: str) -> TaskReassigned:
        self._open()
        lead, coordinators = handlers(lead, coordinators)
        return TaskReassigned(
            self.task_id, self.commune_id, lead, coordinators, clean("reason", reason), None, False, actor
        )

    def extend(self, *, deadline: date, reason: str, actor: str) -> TaskDeadlineExtended:
        self._open()
        assert self.deadline is not None
        if deadline <= self.deadline:
            raise DeadlineNotLater(deadline, self.deadline)
        return TaskDeadlineExtended(
            self.task_id, self.commune_id, deadline, self.deadline_number + 1, clean("reason", reason), actor
        )

    def reopen(self, *, reason: str, actor: str) -> TaskReopened:
        if self.status is not TaskStatus.DONE:
            raise TaskNotDone(self.task_id)
        return TaskReopened(self.task_id, self.commune_id, clean("reason", reason), actor)
