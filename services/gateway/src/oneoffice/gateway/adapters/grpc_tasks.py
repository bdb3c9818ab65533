"""The :class:`TasksPort` over ``oneoffice.documents.v1.TaskService``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date
from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import tasks_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import tasks_pb2_grpc as pb_grpc

from ..application.ports import RequestContext
from ..application.tasks import (
    DocumentWork,
    HistoryEntry,
    PassingOn,
    PassOnDraft,
    TaskDetails,
    TaskDraft,
    TaskSummary,
)
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "documents"


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _passing(m: Any) -> PassingOn:
    return PassingOn(
        m.document_id,
        m.recipient_kind,
        m.recipient,
        date.fromisoformat(m.passed_on),
        date.fromisoformat(m.passing_on_deadline),
        m.late,
        m.needs_action,
        m.passed_on_by,
    )


def _task(m: Any) -> TaskSummary:
    return TaskSummary(
        task_id=m.task_id,
        title=m.title,
        document_id=m.document_id or None,
        body_code=m.body_code or None,
        lead=m.lead,
        coordinators=tuple(m.coordinators),
        deadline=date.fromisoformat(m.deadline),
        deadline_number=m.deadline_number,
        status=m.status,
        percentage=None if m.percentage < 0 else m.percentage,
        directed_by=m.directed_by,
        directed_on=date.fromisoformat(m.directed_on),
        completed_on=_day(m.completed_on),
    )


class GrpcTasks:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def pass_on(
        self, commune_id: str, document_id: str, draft: PassOnDraft, context: RequestContext
    ) -> PassingOn:
        request = pb.PassOnRequest(
            commune_id=commune_id,
            document_id=document_id,
            recipient_kind=draft.recipient_kind,
            recipient=draft.recipient,
            passed_on=draft.passed_on.isoformat() if draft.passed_on else "",
            needs_action=draft.needs_action,
        )
        return _passing(await self._call("PassOn", request, context))

    async def document_work(self, commune_id: str, document_id: str, context: RequestContext) -> DocumentWork:
        request = pb.GetDocumentWorkRequest(commune_id=commune_id, document_id=document_id)
        answer = await self._call("GetDocumentWork", request, context)
        passing = _passing(answer.passing_on) if answer.HasField("passing_on") else None
        return DocumentWork(passing, tuple(_task(t) for t in answer.tasks))

    async def create_task(self, commune_id: str, draft: TaskDraft, context: RequestContext) -> str:
        request = pb.CreateTaskRequest(
            commune_id=commune_id,
            document_id=draft.document_id or "",
            title=draft.title,
            lead=draft.lead,
            coordinators=list(draft.coordinators),
            deadline=draft.deadline.isoformat(),
            note=draft.note,
        )
        return str((await self._call("CreateTask", request, context)).task_id)

    async def list_tasks(
        self,
        commune_id: str,
        status: str | None,
        handler: str | None,
        body: str | None,
        context: RequestContext,
    ) -> Sequence[TaskSummary]:
        request = pb.ListTasksRequest(
            commune_id=commune_id, status=status or "", handler=handler or "", body_code=body or ""
        )
        return [_task(t) for t in (await self._call("ListTasks", request, context)).tasks]

    async def get_task(self, commune_id: str, task_id: str, context: RequestContext) -> TaskDetails:
        answer = await self._call(
            "GetTask", pb.GetTaskRequest(commune_id=commune_id, task_id=task_id), context
        )
        history = tuple(
            HistoryEntry(
                h.event_type,
                h.occurred_at.ToDatetime(tzinfo=UTC),
                h.actor,
                json.loads(h.details_json) if h.details_json else {},
            )
            for h in answer.history
        )
        return TaskDetails(_task(answer.task), history)

    async def note_progress(
        self, commune_id: str, task_id: str, note: str, percentage: int | None, context: RequestContext
    ) -> TaskSummary:
        request = pb.NoteProgressRequest(
            commune_id=commune_id,
            task_id=task_id,
            note=note,
            percentage=-1 if percentage is None else percentage,
        )
        return _task(await self._call("NoteProgress", request, context))

    async def complete(
        self,
        commune_id: str,
        task_id: str,
        result: str,
        reply_document_id: str | None,
        context: RequestContext,
    ) -> TaskSummary:
        request = pb.CompleteTaskRequest(
            commune_id=commune_id, task_id=task_id, result=result, reply_document_id=reply_document_id or ""
        )
        return _task(await self._call("CompleteTask", request, context))

    async def reassign(
        self,
        commune_id: str,
        task_id: str,
        lead: str,
        coordinators: tuple[str, ...],
        reason: str,
        context: RequestContext,
    ) -> TaskSummary:
        request = pb.ReassignTaskRequest(
            commune_id=commune_id, task_id=task_id, lead=lead, coordinators=list(coordinators), reason=reason
        )
        return _task(await self._call("ReassignTask", request, context))

    async def extend(
        self, commune_id: str, task_id: str, deadline: date, reason: str, context: RequestContext
    ) -> TaskSummary:
        request = pb.ExtendTaskRequest(
            commune_id=commune_id, task_id=task_id, deadline=deadline.isoformat(), reason=reason
        )
        return _task(await self._call("ExtendTask", request, context))

    async def reopen(
        self, commune_id: str, task_id: str, reason: str, context: RequestContext
    ) -> TaskSummary:
        request = pb.ReopenTaskRequest(commune_id=commune_id, task_id=task_id, reason=reason)
        return _task(await self._call("ReopenTask", request, context))

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        stub = pb_grpc.TaskServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            return await getattr(stub, method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
