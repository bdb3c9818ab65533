"""JSON API of tracked work (#12): passing incoming documents on, directions, tasks and their life."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from oneoffice.contracts.access import Permission

from ..application.ports import RequestContext
from ..application.tasks import PassOnDraft, TaskDraft, TasksPort
from .access import requires
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .tasks_api_models import (
    PERSON_PATTERN,
    CompleteIn,
    DirectionIn,
    DocumentWorkOut,
    ExtendIn,
    PassingOnOut,
    PassOnIn,
    ProgressIn,
    ReassignIn,
    ReopenIn,
    TaskCreatedOut,
    TaskDetailsOut,
    TaskIn,
    TaskListOut,
    TaskOut,
    TaskStatus,
)
from .text_fields import CleanText

router = APIRouter(prefix="/api/v1/communes/{commune_id}", tags=["tasks"])


def get_tasks(request: Request) -> TasksPort:
    tasks: TasksPort = request.app.state.tasks
    return tasks


TasksDep = Annotated[TasksPort, Depends(get_tasks)]
PassesOn = Annotated[RequestContext, Depends(requires(Permission.DOCUMENTS_PASS_ON))]
ReadsTasks = Annotated[RequestContext, Depends(requires(Permission.TASKS_READ))]
DirectsTasks = Annotated[RequestContext, Depends(requires(Permission.TASKS_DIRECT))]
WorksTasks = Annotated[RequestContext, Depends(requires(Permission.TASKS_WORK))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
DocumentId = Annotated[CleanText, Path(max_length=64)]
TaskId = Annotated[CleanText, Path(max_length=64)]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
Answers = dict[int | str, dict[str, object]]
_REFUSED: Answers = {
    422: {"description": "Refused, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "The documents service is not answering", **_PROBLEM},
}
_NO_DOCUMENT: Answers = {404: {"description": "No such document in this commune", **_PROBLEM}, **_REFUSED}
_NO_TASK: Answers = {404: {"description": "No such task in this commune", **_PROBLEM}, **_REFUSED}
_STATE: Answers = {
    409: {"description": "The task is not in a state that allows it (done, or not done)", **_PROBLEM},
    **_NO_TASK,
}
_NOT_YOURS: Answers = {
    403: {"description": "Not the task's lead (or not one of its handlers), or no permission", **_PROBLEM},
    **_STATE,
}


def _task(summary: object) -> TaskOut:
    return TaskOut.model_validate(summary)


@router.post(
    "/incoming-documents/{document_id}/pass-on",
    status_code=201,
    response_model=PassingOnOut,
    responses=_NO_DOCUMENT,
)
async def pass_on(
    body: PassOnIn, commune_id: CommuneId, document_id: DocumentId, tasks: TasksDep, context: PassesOn
) -> PassingOnOut:
    """Pass an incoming document on (chuyển văn bản) to a leader, a body or a person: the register's
    "đơn vị hoặc người nhận" and "ngày chuyển". Late (NĐ 30/2020) when after the day it arrived for an
    urgent document, after the next working day for the others."""
    draft = PassOnDraft(body.recipient_kind, body.recipient, body.passed_on, body.needs_action)
    return PassingOnOut.model_validate(await tasks.pass_on(commune_id, document_id, draft, context))


@router.get("/incoming-documents/{document_id}/work", response_model=DocumentWorkOut, responses=_NO_DOCUMENT)
async def document_work(
    commune_id: CommuneId, document_id: DocumentId, tasks: TasksDep, context: ReadsTasks
) -> DocumentWorkOut:
    """How the document was passed on, and the tasks directed on it."""
    return DocumentWorkOut.model_validate(await tasks.document_work(commune_id, document_id, context))


@router.post(
    "/incoming-documents/{document_id}/direction",
    status_code=201,
    response_model=TaskCreatedOut,
    responses=_NO_DOCUMENT,
)
async def direct(
    body: DirectionIn, commune_id: CommuneId, document_id: DocumentId, tasks: TasksDep, context: DirectsTasks
) -> TaskCreatedOut:
    """A leader's direction (ý kiến chỉ đạo) on the document: the lead, the coordinators, the deadline."""
    draft = TaskDraft(document_id, "", body.lead, tuple(body.coordinators), body.deadline, body.note)
    return TaskCreatedOut(task_id=await tasks.create_task(commune_id, draft, context))


@router.post("/tasks", status_code=201, response_model=TaskCreatedOut, responses=_REFUSED)
async def create_task(
    body: TaskIn, commune_id: CommuneId, tasks: TasksDep, context: DirectsTasks
) -> TaskCreatedOut:
    """A task with no document (a meeting conclusion, a verbal instruction)."""
    draft = TaskDraft(None, body.title, body.lead, tuple(body.coordinators), body.deadline, body.note)
    return TaskCreatedOut(task_id=await tasks.create_task(commune_id, draft, context))


@router.get("/tasks", response_model=TaskListOut, responses=_REFUSED)
async def list_tasks(
    commune_id: CommuneId,
    tasks: TasksDep,
    context: ReadsTasks,
    status: Annotated[TaskStatus | None, Query(description="open, due_soon, overdue or done")] = None,
    handler: Annotated[
        str | None, Query(pattern=PERSON_PATTERN, description="A person id: tasks they lead or coordinate.")
    ] = None,
    body: Annotated[str | None, Query(pattern=PERSON_PATTERN, description="A body code.")] = None,
) -> TaskListOut:
    """The commune's tasks, soonest deadline first; due soon and overdue judged on the working days."""
    found = await tasks.list_tasks(commune_id, status, handler, body, context)
    return TaskListOut(commune_id=commune_id, tasks=[_task(t) for t in found])


@router.get("/tasks/{task_id}", response_model=TaskDetailsOut, responses=_NO_TASK)
async def get_task(
    commune_id: CommuneId, task_id: TaskId, tasks: TasksDep, context: ReadsTasks
) -> TaskDetailsOut:
    """One task with its history."""
    return TaskDetailsOut.model_validate(await tasks.get_task(commune_id, task_id, context))


@router.post("/tasks/{task_id}/progress", response_model=TaskOut, responses=_NOT_YOURS)
async def note_progress(
    body: ProgressIn, commune_id: CommuneId, task_id: TaskId, tasks: TasksDep, context: WorksTasks
) -> TaskOut:
    """The lead notes progress (with a percentage); coordinators comment."""
    return _task(await tasks.note_progress(commune_id, task_id, body.note, body.percentage, context))


@router.post("/tasks/{task_id}/complete", response_model=TaskOut, responses=_NOT_YOURS)
async def complete(
    body: CompleteIn, commune_id: CommuneId, task_id: TaskId, tasks: TasksDep, context: WorksTasks
) -> TaskOut:
    """The lead completes the task (optionally naming the reply's outgoing document)."""
    return _task(await tasks.complete(commune_id, task_id, body.result, body.reply_document_id, context))


@router.post("/tasks/{task_id}/reassign", response_model=TaskOut, responses=_STATE)
async def reassign(
    body: ReassignIn, commune_id: CommuneId, task_id: TaskId, tasks: TasksDep, context: DirectsTasks
) -> TaskOut:
    """A leader gives the task a new lead and coordinators."""
    return _task(
        await tasks.reassign(commune_id, task_id, body.lead, tuple(body.coordinators), body.reason, context)
    )


@router.post("/tasks/{task_id}/extend", response_model=TaskOut, responses=_STATE)
async def extend(
    body: ExtendIn, commune_id: CommuneId, task_id: TaskId, tasks: TasksDep, context: DirectsTasks
) -> TaskOut:
    """A leader extends the deadline: the next deadline number."""
    return _task(await tasks.extend(commune_id, task_id, body.deadline, body.reason, context))


@router.post("/tasks/{task_id}/reopen", response_model=TaskOut, responses=_STATE)
async def reopen(
    body: ReopenIn, commune_id: CommuneId, task_id: TaskId, tasks: TasksDep, context: DirectsTasks
) -> TaskOut:
    """A leader reopens a done task."""
    return _task(await tasks.reopen(commune_id, task_id, body.reason, context))
