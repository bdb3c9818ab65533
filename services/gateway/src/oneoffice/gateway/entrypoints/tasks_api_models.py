"""Request and response bodies of tracked work: passing on, directions, tasks (#12)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .text_fields import RequestBody

PERSON_PATTERN = r"^[0-9A-Za-z._:-]{1,64}$"
PersonId = Annotated[
    str, Field(pattern=PERSON_PATTERN, description="Staff person id.", examples=["demo-16876-vptk"])
]
TaskStatus = Literal["open", "due_soon", "overdue", "done"]
Note = Annotated[str, Field(max_length=2000)]


class _In(RequestBody):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PassOnIn(_In):
    recipient_kind: Literal["leader", "body", "person"] = Field(description="A leader, a body or a person.")
    recipient: Annotated[
        str, Field(pattern=PERSON_PATTERN, description="Person id (leader, person) or body code (body).")
    ]
    passed_on: date | None = Field(default=None, description="Ngày chuyển; default today.")
    needs_action: bool = Field(default=False, description="The document needs action (a task must follow).")


class PassingOnOut(_Out):
    document_id: str
    recipient_kind: str = Field(description="Đơn vị hoặc người nhận: leader, body or person.")
    recipient: str
    passed_on: date = Field(description="Ngày chuyển.")
    passing_on_deadline: date = Field(
        description="NĐ 30/2020: urgent at once, others by the next working day."
    )
    late: bool
    needs_action: bool
    passed_on_by: str


class DirectionIn(_In):
    lead: PersonId = Field(description="Người chủ trì: staff of the commune.")
    coordinators: list[PersonId] = Field(default_factory=list, max_length=20, description="Người phối hợp.")
    deadline: date = Field(description="Hạn xử lý.")
    note: Note = Field(default="", description="Ý kiến chỉ đạo.")


class TaskIn(DirectionIn):
    title: Annotated[str, Field(min_length=1, max_length=500, description="What is to be done.")]


class TaskCreatedOut(BaseModel):
    task_id: str


class TaskOut(_Out):
    task_id: str
    title: str
    document_id: str | None
    body_code: str | None
    lead: str
    coordinators: list[str]
    deadline: date
    deadline_number: int = Field(description="1, then one more per extension.")
    status: TaskStatus
    percentage: int | None
    directed_by: str
    directed_on: date
    completed_on: date | None


class TaskListOut(BaseModel):
    commune_id: str
    tasks: list[TaskOut]


class HistoryEntryOut(_Out):
    event_type: str
    occurred_at: datetime
    actor: str
    details: dict[str, Any]


class TaskDetailsOut(_Out):
    task: TaskOut
    history: list[HistoryEntryOut]


class DocumentWorkOut(_Out):
    passing_on: PassingOnOut | None
    tasks: list[TaskOut]


class ProgressIn(_In):
    note: Annotated[str, Field(min_length=1, max_length=2000)]
    percentage: int | None = Field(default=None, ge=0, le=100, description="Lead only; none for a comment.")


class CompleteIn(_In):
    result: Annotated[str, Field(min_length=1, max_length=2000)]
    reply_document_id: Annotated[str, Field(pattern=PERSON_PATTERN)] | None = Field(
        default=None, description="The outgoing document that answered, if any."
    )


class ReassignIn(_In):
    lead: PersonId
    coordinators: list[PersonId] = Field(default_factory=list, max_length=20)
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class ExtendIn(_In):
    deadline: date = Field(description="The new deadline: after the current one.")
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class ReopenIn(_In):
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
