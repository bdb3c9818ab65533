"""Tracked work as the routes and pages need it (#12): passing on, directions, tasks; the port (the
gRPC adapter over the documents service's TaskService, fakes in tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class PassingOn:
    document_id: str
    recipient_kind: str
    recipient: str
    passed_on: date
    passing_on_deadline: date
    late: bool
    needs_action: bool
    passed_on_by: str


@dataclass(frozen=True, slots=True)
class TaskSummary:
    task_id: str
    title: str
    document_id: str | None
    body_code: str | None
    lead: str
    coordinators: tuple[str, ...]
    deadline: date
    deadline_number: int
    status: str
    percentage: int | None
    directed_by: str
    directed_on: date
    completed_on: date | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    event_type: str
    occurred_at: datetime
    actor: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TaskDetails:
    task: TaskSummary
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True, slots=True)
class DocumentWork:
    passing_on: PassingOn | None
    tasks: tuple[TaskSummary, ...]


@dataclass(frozen=True, slots=True)
class PassOnDraft:
    recipient_kind: str
    recipient: str
    passed_on: date | None
    needs_action: bool


@dataclass(frozen=True, slots=True)
class TaskDraft:
    document_id: str | None
    title: str
    lead: str
    coordinators: tuple[str, ...]
    deadline: date
    note: str


class TasksPort(Protocol):
    async def pass_on(
        self, commune_id: str, document_id: str, draft: PassOnDraft, context: RequestContext
    ) -> PassingOn: ...

    async def document_work(
        self, commune_id: str, document_id: str, context: RequestContext
    ) -> DocumentWork: ...

    async def create_task(self, commune_id: str, draft: TaskDraft, context: RequestContext) -> str: ...

    async def list_tasks(
        self,
        commune_id: str,
        status: str | None,
        handler: str | None,
        body: str | None,
        context: RequestContext,
    ) -> Sequence[TaskSummary]: ...

    async def get_task(self, commune_id: str, task_id: str, context: RequestContext) -> TaskDetails: ...

    async def note_progress(
        self, commune_id: str, task_id: str, note: str, percentage: int | None, context: RequestContext
    ) -> TaskSummary: ...

    async def complete(
        self,
        commune_id: str,
        task_id: str,
        result: str,
        reply_document_id: str | None,
        context: RequestContext,
    ) -> TaskSummary: ...

    async def reassign(
        self,
        commune_id: str,
        task_id: str,
        lead: str,
        coordinators: tuple[str, ...],
        reason: str,
        context: RequestContext,
    ) -> TaskSummary: ...

    async def extend(
        self, commune_id: str, task_id: str, deadline: date, reason: str, context: RequestContext
    ) -> TaskSummary: ...

    async def reopen(
        self, commune_id: str, task_id: str, reason: str, context: RequestContext
    ) -> TaskSummary: ...
