"""A hand-written fake of the tasks port: remembers what was asked, answers like the service would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from oneoffice.gateway.application.errors import Conflict, Forbidden, InvalidRequest, NotFound, ServiceError
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.application.tasks import (
    DocumentWork,
    HistoryEntry,
    PassingOn,
    PassOnDraft,
    TaskDetails,
    TaskDraft,
    TaskSummary,
)

SERVICE = "documents"
DIRECTED_ON = date(2026, 3, 10)


class FakeTasks:
    def __init__(self) -> None:
        self.documents = {"doc-1"}
        self.tasks: dict[str, TaskSummary] = {}
        self.history: dict[str, list[HistoryEntry]] = {}
        self.passings: dict[str, PassingOn] = {}
        self.calls: list[tuple[str, str]] = []  # (method, username)
        # The next call raises this (then it is cleared).
        self.fail_next: ServiceError | None = None

    def _asked(self, method: str, context: RequestContext) -> None:
        self.calls.append((method, context.identity.username if context.identity else ""))
        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            raise error

    def _document(self, document_id: str) -> None:
        if document_id not in self.documents:
            raise NotFound(SERVICE, "Không tìm thấy văn bản đến.", "No such incoming document.")

    def _task(self, task_id: str) -> TaskSummary:
        if task_id not in self.tasks:
            raise NotFound(SERVICE, "Không tìm thấy công việc.", "No such task.")
        return self.tasks[task_id]

    def _note(self, task_id: str, event: str, context: RequestContext) -> None:
        actor = context.identity.username if context.identity else ""
        self.history[task_id].append(HistoryEntry(event, datetime(2026, 3, 10, 2, tzinfo=UTC), actor, {}))

    async def pass_on(
        self, commune_id: str, document_id: str, draft: PassOnDraft, context: RequestContext
    ) -> PassingOn:
        self._asked("pass_on", context)
        self._document(document_id)
        day = draft.passed_on or DIRECTED_ON
        passing = PassingOn(
            document_id,
            draft.recipient_kind,
            draft.recipient,
            day,
            date(2026, 3, 6),
            day > date(2026, 3, 6),
            draft.needs_action,
            context.identity.username if context.identity else "",
        )
        self.passings[document_id] = passing
        return passing

    async def document_work(self, commune_id: str, document_id: str, context: RequestContext) -> DocumentWork:
        self._asked("document_work", context)
        self._document(document_id)
        tasks = tuple(t for t in self.tasks.values() if t.document_id == document_id)
        return DocumentWork(self.passings.get(document_id), tasks)

    async def create_task(self, commune_id: str, draft: TaskDraft, context: RequestContext) -> str:
        self._asked("create_task", context)
        if draft.document_id is not None:
            self._document(draft.document_id)
        if draft.lead in draft.coordinators:
            raise InvalidRequest(SERVICE, "Người chủ trì là người phối hợp.", "The lead is a coordinator.")
        task_id = f"task-{len(self.tasks) + 1}"
        self.tasks[task_id] = TaskSummary(
            task_id,
            draft.title or "Về việc kiện toàn",
            draft.document_id,
            "UBND" if draft.document_id else None,
            draft.lead,
            draft.coordinators,
            draft.deadline,
            1,
            "open",
            None,
            context.identity.username if context.identity else "",
            DIRECTED_ON,
            None,
        )
        self.history[task_id] = []
        self._note(task_id, "documents.TaskCreated", context)
        return task_id

    async def list_tasks(
        self,
        commune_id: str,
        status: str | None,
        handler: str | None,
        body: str | None,
        context: RequestContext,
    ) -> Sequence[TaskSummary]:
        self._asked("list_tasks", context)
        return [
            t
            for t in self.tasks.values()
            if status in (None, t.status) and handler in (None, t.lead, *t.coordinators)
        ]

    async def get_task(self, commune_id: str, task_id: str, context: RequestContext) -> TaskDetails:
        self._asked("get_task", context)
        return TaskDetails(self._task(task_id), tuple(self.history[task_id]))

    async def note_progress(
        self, commune_id: str, task_id: str, note: str, percentage: int | None, context: RequestContext
    ) -> TaskSummary:
        self._asked("note_progress", context)
        task = self._task(task_id)
        self._open(task)
        self.tasks[task_id] = replace(
            task, percentage=percentage if percentage is not None else task.percentage
        )
        self._note(task_id, "documents.TaskProgressNoted", context)
        return self.tasks[task_id]

    def _open(self, task: TaskSummary) -> None:
        if task.status == "done":
            raise Conflict(SERVICE, "Công việc không còn mở.", "The task is not open.")

    async def complete(
        self,
        commune_id: str,
        task_id: str,
        result: str,
        reply_document_id: str | None,
        context: RequestContext,
    ) -> TaskSummary:
        self._asked("complete", context)
        task = self._task(task_id)
        self._open(task)
        if context.identity is None or context.identity.username != f"canbo-{commune_id}":
            raise Forbidden(SERVICE, "Chỉ người chủ trì được hoàn thành.", "Only the lead completes.")
        self.tasks[task_id] = replace(task, status="done", completed_on=DIRECTED_ON)
        self._note(task_id, "documents.TaskCompleted", context)
        return self.tasks[task_id]

    async def reassign(
        self,
        commune_id: str,
        task_id: str,
        lead: str,
        coordinators: tuple[str, ...],
        reason: str,
        context: RequestContext,
    ) -> TaskSummary:
        self._asked("reassign", context)
        task = self._task(task_id)
        self._open(task)
        self.tasks[task_id] = replace(task, lead=lead, coordinators=coordinators)
        return self.tasks[task_id]

    async def extend(
        self, commune_id: str, task_id: str, deadline: date, reason: str, context: RequestContext
    ) -> TaskSummary:
        self._asked("extend", context)
        task = self._task(task_id)
        self._open(task)
        if deadline <= task.deadline:
            raise InvalidRequest(SERVICE, "Hạn mới phải sau hạn hiện tại.", "The new deadline must be later.")
        self.tasks[task_id] = replace(task, deadline=deadline, deadline_number=task.deadline_number + 1)
        return self.tasks[task_id]

    async def reopen(
        self, commune_id: str, task_id: str, reason: str, context: RequestContext
    ) -> TaskSummary:
        self._asked("reopen", context)
        task = self._task(task_id)
        if task.status != "done":
            raise Conflict(SERVICE, "Công việc chưa hoàn thành.", "The task is not done.")
        self.tasks[task_id] = replace(task, status="open", completed_on=None)
        return self.tasks[task_id]
