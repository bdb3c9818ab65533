"""The ``oneoffice.documents.v1.TaskService`` servicer: tracked work over the wire.

Passing on needs ``documents:pass-on``; reading ``tasks:read``; directions, reassigning, extending
and reopening ``tasks:direct``; progress and completion ``tasks:work`` (and being the task's lead or
a coordinator, decided by the domain). The actor of every event is the caller's username.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.documents.v1 import tasks_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import tasks_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import require

from ..application.tracked_work import STATUSES, Caller, TrackedWork, task_status
from ..application.work_ports import PassingOnView, TaskView
from ..domain import work
from ..domain.work_errors import InvalidWorkInput
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["TaskService"].full_name
CORRELATION_HEADER = "x-correlation-id"


def _correlation_id(context: Any) -> str:
    return next((str(v) for k, v in context.invocation_metadata() or () if k == CORRELATION_HEADER), "")


def _day(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidWorkInput(
            field, f"Ngày «{text}» không hợp lệ (YYYY-MM-DD).", f"Invalid date {text!r} (YYYY-MM-DD)."
        ) from None


def _text(day: date | None) -> str:
    return day.isoformat() if day else ""


def passing_message(p: PassingOnView | work.DocumentPassedOn) -> pb.PassingOn:
    return pb.PassingOn(
        document_id=p.document_id,
        recipient_kind=p.recipient_kind,
        recipient=p.recipient,
        passed_on=p.passed_on.isoformat(),
        passing_on_deadline=p.passing_on_deadline.isoformat(),
        late=p.late,
        needs_action=p.needs_action,
        passed_on_by=p.passed_on_by,
    )


def task_message(t: TaskView, status: str) -> pb.Task:
    return pb.Task(
        task_id=t.task_id,
        title=t.title,
        document_id=t.document_id or "",
        body_code=t.body_code or "",
        lead=t.lead,
        coordinators=list(t.coordinators),
        deadline=t.deadline.isoformat(),
        deadline_number=t.deadline_number,
        status=status,
        percentage=-1 if t.percentage is None else t.percentage,
        directed_by=t.directed_by,
        directed_on=t.directed_on.isoformat(),
        completed_on=_text(t.completed_on),
    )


class TaskServicer(pb_grpc.TaskServiceServicer):
    def __init__(self, work: TrackedWork) -> None:
        self._work = work

    async def _caller(self, context: Any, permission: Permission, commune_id: str) -> Caller:
        identity = await require(context, permission, commune_id)
        return Caller(
            identity.username, identity.may(Permission.TASKS_DIRECT, commune_id), _correlation_id(context)
        )

    async def _task(self, context: Any, commune_id: str, task_id: str) -> pb.Task:
        details = await self._work.get_task(commune_id, task_id)
        return task_message(details.task, details.status)

    async def PassOn(self, request: pb.PassOnRequest, context: Any) -> pb.PassingOn:  # the proto's name
        caller = await self._caller(context, Permission.DOCUMENTS_PASS_ON, request.commune_id)
        try:
            passed = await self._work.pass_on(
                caller,
                request.commune_id,
                request.document_id,
                recipient_kind=request.recipient_kind,
                recipient=request.recipient,
                passed_on=_day("passed_on", request.passed_on) if request.passed_on else None,
                needs_action=request.needs_action,
            )
        except Exception as exc:
            await abort_with(context, exc)
        return passing_message(passed)

    async def GetDocumentWork(self, request: pb.GetDocumentWorkRequest, context: Any) -> pb.DocumentWork:
        await self._caller(context, Permission.TASKS_READ, request.commune_id)
        try:
            passing = await self._work.passing_on(request.commune_id, request.document_id)
            tasks = await self._work.document_tasks(request.commune_id, request.document_id)
        except Exception as exc:
            await abort_with(context, exc)
        answer = pb.DocumentWork(tasks=[task_message(t, s) for t, s in tasks])
        if passing is not None:
            answer.passing_on.CopyFrom(passing_message(passing))
        return answer

    async def CreateTask(self, request: pb.CreateTaskRequest, context: Any) -> pb.CreateTaskResponse:
        caller = await self._caller(context, Permission.TASKS_DIRECT, request.commune_id)
        try:
            task_id = await self._work.direct(
                caller,
                request.commune_id,
                document_id=request.document_id or None,
                title=request.title,
                lead=request.lead,
                coordinators=list(request.coordinators),
                deadline=_day("deadline", request.deadline),
                note=request.note,
            )
        except Exception as exc:
            await abort_with(context, exc)
        return pb.CreateTaskResponse(task_id=task_id)

    async def ListTasks(self, request: pb.ListTasksRequest, context: Any) -> pb.ListTasksResponse:
        await self._caller(context, Permission.TASKS_READ, request.commune_id)
        try:
            if request.status and request.status not in STATUSES:
                raise InvalidWorkInput(
                    "status",
                    "Trạng thái phải là open, due_soon, overdue hoặc done.",
                    "The status must be open, due_soon, overdue or done.",
                )
            found = await self._work.list_tasks(
                request.commune_id,
                status=request.status or None,
                handler=request.handler or None,
                body_code=request.body_code or None,
            )
        except Exception as exc:
            await abort_with(context, exc)
        return pb.ListTasksResponse(tasks=[task_message(t, s) for t, s in found])

    async def GetTask(self, request: pb.GetTaskRequest, context: Any) -> pb.TaskDetails:
        await self._caller(context, Permission.TASKS_READ, request.commune_id)
        try:
            details = await self._work.get_task(request.commune_id, request.task_id)
        except Exception as exc:
            await abort_with(context, exc)
        answer = pb.TaskDetails(task=task_message(details.task, details.status))
        for entry in details.history:
            item = answer.history.add(
                event_type=entry.event_type,
                actor=entry.actor,
                details_json=json.dumps(entry.details, ensure_ascii=False, default=str),
            )
            item.occurred_at.FromDatetime(entry.occurred_at)
        return answer

    async def NoteProgress(self, request: pb.NoteProgressRequest, context: Any) -> pb.Task:
        caller = await self._caller(context, Permission.TASKS_WORK, request.commune_id)
        try:
            await self._work.note_progress(
                caller,
                request.commune_id,
                request.task_id,
                note=request.note,
                percentage=None if request.percentage < 0 else request.percentage,
            )
            return await self._task(context, request.commune_id, request.task_id)
        except Exception as exc:
            await abort_with(context, exc)

    async def CompleteTask(self, request: pb.CompleteTaskRequest, context: Any) -> pb.Task:
        caller = await self._caller(context, Permission.TASKS_WORK, request.commune_id)
        try:
            await self._work.complete(
                caller,
                request.commune_id,
                request.task_id,
                result=request.result,
                reply_document_id=request.reply_document_id or None,
            )
            return await self._task(context, request.commune_id, request.task_id)
        except Exception as exc:
            await abort_with(context, exc)

    async def ReassignTask(self, request: pb.ReassignTaskRequest, context: Any) -> pb.Task:
        caller = await self._caller(context, Permission.TASKS_DIRECT, request.commune_id)
        try:
            await self._work.reassign(
                caller,
                request.commune_id,
                request.task_id,
                lead=request.lead,
                coordinators=list(request.coordinators),
                reason=request.reason,
            )
            return await self._task(context, request.commune_id, request.task_id)
        except Exception as exc:
            await abort_with(context, exc)

    async def ExtendTask(self, request: pb.ExtendTaskRequest, context: Any) -> pb.Task:
        caller = await self._caller(context, Permission.TASKS_DIRECT, request.commune_id)
        try:
            await self._work.extend(
                caller,
                request.commune_id,
                request.task_id,
                deadline=_day("deadline", request.deadline),
                reason=request.reason,
            )
            return await self._task(context, request.commune_id, request.task_id)
        except Exception as exc:
            await abort_with(context, exc)

    async def ReopenTask(self, request: pb.ReopenTaskRequest, context: Any) -> pb.Task:
        caller = await self._caller(context, Permission.TASKS_DIRECT, request.commune_id)
        try:
            await self._work.reopen(caller, request.commune_id, request.task_id, reason=request.reason)
            return await self._task(context, request.commune_id, request.task_id)
        except Exception as exc:
            await abort_with(context, exc)


__all__ = ["SERVICE_NAME", "TaskServicer", "task_status"]
