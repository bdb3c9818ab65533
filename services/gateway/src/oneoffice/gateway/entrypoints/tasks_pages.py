"""Pages of tracked work (#12): the commune's tasks (``/communes/{commune_id}/cong-viec``), one task
with its history and the progress and completion forms, and on an incoming document's page the
pass-on form and (for leaders) the direction form. Forms carry the CSRF token; no inline script or
style (``/static/tasks.css``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from oneoffice.contracts.access import Permission

from ..application.errors import ServiceError
from ..application.tasks import PassOnDraft, TaskDraft, TasksPort, TaskSummary
from .csrf import CSRF_FIELD
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .page_access import csrf_refused, page_requires
from .page_header import header
from .page_session import SignedInPage
from .service_problems import http_status
from .templating import templates

router = APIRouter(tags=["pages"], include_in_schema=False)

LIST_PAGE = "/communes/{commune_id}/cong-viec"
TASK_PAGE = LIST_PAGE + "/{task_id}"
DOCUMENT_PAGE = "/communes/{commune_id}/van-ban-den/{document_id}"
STYLESHEET = "/static/tasks.css"
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]
TaskId = Annotated[str, Path(max_length=64)]
DocumentId = Annotated[str, Path(max_length=64)]
ReadsTasksPage = Annotated[SignedInPage, Depends(page_requires(Permission.TASKS_READ))]
WorksTasksPage = Annotated[SignedInPage, Depends(page_requires(Permission.TASKS_WORK))]
DirectsTasksPage = Annotated[SignedInPage, Depends(page_requires(Permission.TASKS_DIRECT))]
PassesOnPage = Annotated[SignedInPage, Depends(page_requires(Permission.DOCUMENTS_PASS_ON))]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Công việc", "en": "Tasks"},
    "task": {"vi": "Công việc", "en": "Task"},
    "all": {"vi": "Tất cả", "en": "All"},
    "filter": {"vi": "Lọc", "en": "Filter"},
    "none": {"vi": "Không có công việc nào.", "en": "No tasks."},
    "deadline": {"vi": "Hạn xử lý", "en": "Deadline"},
    "lead": {"vi": "Người chủ trì", "en": "Lead"},
    "coordinators": {"vi": "Người phối hợp", "en": "Coordinators"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "percentage": {"vi": "Tiến độ (%)", "en": "Progress (%)"},
    "document": {"vi": "Văn bản đến", "en": "Incoming document"},
    "directed": {"vi": "Người chỉ đạo, ngày", "en": "Directed by, on"},
    "history": {"vi": "Diễn biến", "en": "History"},
    "when": {"vi": "Thời gian", "en": "When"},
    "who": {"vi": "Người thực hiện", "en": "By"},
    "what": {"vi": "Nội dung", "en": "What"},
    "note": {"vi": "Nội dung", "en": "Note"},
    "progress": {"vi": "Cập nhật tiến độ, ý kiến", "en": "Progress or comment"},
    "save": {"vi": "Ghi", "en": "Save"},
    "complete": {"vi": "Hoàn thành công việc", "en": "Complete the task"},
    "result": {"vi": "Kết quả", "en": "Result"},
    "reply": {"vi": "Văn bản trả lời (mã văn bản đi, nếu có)", "en": "Reply (outgoing document id, if any)"},
    "errors": {"vi": "Chưa ghi được:", "en": "Not saved:"},
    "back": {"vi": "Về danh sách công việc", "en": "Back to the tasks"},
    "pass_on": {"vi": "Chuyển văn bản", "en": "Pass on"},
    "passed_on": {"vi": "Đơn vị hoặc người nhận, ngày chuyển", "en": "Passed on to, on"},
    "not_passed": {"vi": "Chưa chuyển.", "en": "Not passed on yet."},
    "late": {"vi": "(chuyển muộn)", "en": "(late)"},
    "recipient_kind": {"vi": "Chuyển cho", "en": "To"},
    "recipient": {"vi": "Mã người nhận hoặc mã cơ quan", "en": "Person id or body code"},
    "date": {"vi": "Ngày chuyển (mặc định hôm nay)", "en": "Date (default today)"},
    "needs_action": {"vi": "Cần giải quyết", "en": "Needs action"},
    "direction": {"vi": "Ý kiến chỉ đạo", "en": "Direction"},
    "coordinators_hint": {
        "vi": "Người phối hợp (mã, cách nhau bởi dấu phẩy)",
        "en": "Coordinators (ids, comma separated)",
    },
    "direct": {"vi": "Giao việc", "en": "Direct"},
    "tasks_of_document": {"vi": "Công việc theo văn bản", "en": "Tasks on this document"},
}
STATUS: dict[str, dict[Language, str]] = {
    "open": {"vi": "đang xử lý", "en": "open"},
    "due_soon": {"vi": "sắp đến hạn", "en": "due soon"},
    "overdue": {"vi": "quá hạn", "en": "overdue"},
    "done": {"vi": "đã hoàn thành", "en": "done"},
}
KINDS: dict[str, dict[Language, str]] = {
    "leader": {"vi": "lãnh đạo", "en": "a leader"},
    "body": {"vi": "cơ quan", "en": "a body"},
    "person": {"vi": "cá nhân", "en": "a person"},
}


def _t(language: Language) -> dict[str, str]:
    return {key: value[language] for key, value in TEXT.items()}


def _suffix(language: Language) -> str:
    return "?lang=en" if language == "en" else ""


def _vi(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _tasks(request: Request) -> TasksPort:
    tasks: TasksPort = request.app.state.tasks
    return tasks


def _row(commune_id: str, task: TaskSummary, language: Language) -> dict[str, Any]:
    return {
        "id": task.task_id,
        "title": task.title,
        "url": f"/communes/{commune_id}/cong-viec/{task.task_id}{_suffix(language)}",
        "deadline": _vi(task.deadline),
        "deadline_number": task.deadline_number,
        "lead": task.lead,
        "coordinators": ", ".join(task.coordinators),
        "status": task.status,
        "status_text": STATUS.get(task.status, {}).get(language, task.status),
        "percentage": "" if task.percentage is None else task.percentage,
    }


async def _form(request: Request, signed_in: SignedInPage) -> dict[str, str]:
    async with request.form(max_files=0, max_fields=10) as form:
        values = {key: value for key, value in form.items() if isinstance(value, str)}
    if not signed_in.accepts_form(values.get(CSRF_FIELD)):
        raise csrf_refused(signed_in)
    return values


@router.get(LIST_PAGE, response_class=HTMLResponse)
async def tasks_page(request: Request, signed_in: ReadsTasksPage, commune_id: CommuneId) -> HTMLResponse:
    """The commune's tasks, filtered by status (``?status=``)."""
    language = page_language(request)
    status = request.query_params.get("status", "")
    status = status if status in STATUS else ""
    errors: list[str] = []
    rows: list[dict[str, Any]] = []
    try:
        found = await _tasks(request).list_tasks(commune_id, status or None, None, None, signed_in.context)
        rows = [_row(commune_id, t, language) for t in found]
    except ServiceError as exc:
        errors.append(exc.message(language))
    values = {
        "lang": language,
        "h": header(request, language, signed_in),
        "t": _t(language),
        "statuses": {key: value[language] for key, value in STATUS.items()},
        "status": status,
        "commune_id": commune_id,
        "rows": rows,
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(request, "tasks.html", values, headers={"Content-Language": language})


async def _task_page(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    task_id: str,
    *,
    status: int = 200,
    errors: list[str] | None = None,
) -> HTMLResponse:
    language = page_language(request)
    details = await _tasks(request).get_task(commune_id, task_id, signed_in.context)
    identity = signed_in.context.identity
    history = [
        {
            "when": h.occurred_at.strftime("%d/%m/%Y %H:%M UTC"),
            "who": h.actor,
            "what": h.event_type.rsplit(".", 1)[-1],
            "details": "; ".join(f"{k}: {v}" for k, v in h.details.items() if v not in (None, "", [])),
        }
        for h in details.history
    ]
    base = f"/communes/{commune_id}/cong-viec/{task_id}"
    values = {
        "lang": language,
        "h": header(request, language, signed_in),
        "t": _t(language),
        "commune_id": commune_id,
        "task": _row(commune_id, details.task, language),
        "summary": details.task,
        "directed_on": _vi(details.task.directed_on),
        "document_url": f"/communes/{commune_id}/van-ban-den/{details.task.document_id}{_suffix(language)}"
        if details.task.document_id
        else "",
        "history": history,
        "can_work": identity is not None
        and identity.may(Permission.TASKS_WORK, commune_id)
        and details.task.status != "done",
        "progress_action": f"{base}/tien-do{_suffix(language)}",
        "complete_action": f"{base}/hoan-thanh{_suffix(language)}",
        "back_url": f"/communes/{commune_id}/cong-viec{_suffix(language)}",
        "csrf_token": signed_in.csrf_token,
        "errors": errors or [],
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(
        request, "task.html", values, status_code=status, headers={"Content-Language": language}
    )


@router.get(TASK_PAGE, response_class=HTMLResponse)
async def task_page(
    request: Request, signed_in: ReadsTasksPage, commune_id: CommuneId, task_id: TaskId
) -> HTMLResponse:
    """One task: its state, its history, and the forms of its handlers."""
    return await _task_page(request, signed_in, commune_id, task_id)


@router.post(TASK_PAGE + "/tien-do", response_class=HTMLResponse)
async def progress_from_form(
    request: Request, signed_in: WorksTasksPage, commune_id: CommuneId, task_id: TaskId
) -> Response:
    """Note progress (or a comment) as the signed-in user, then show the task again (303)."""
    form = await _form(request, signed_in)
    language = page_language(request)
    raw = form.get("percentage", "").strip()
    try:
        percentage = int(raw) if raw else None
        if percentage is not None and not 0 <= percentage <= 100:
            raise ValueError(raw)
    except ValueError:
        message = (
            "Tỷ lệ hoàn thành phải từ 0 đến 100." if language == "vi" else "The percentage must be 0 to 100."
        )
        return await _task_page(request, signed_in, commune_id, task_id, status=422, errors=[message])
    try:
        await _tasks(request).note_progress(
            commune_id, task_id, form.get("note", ""), percentage, signed_in.context
        )
    except ServiceError as exc:
        status = http_status(exc)[0]
        return await _task_page(
            request, signed_in, commune_id, task_id, status=status, errors=[exc.message(language)]
        )
    return RedirectResponse(f"/communes/{commune_id}/cong-viec/{task_id}{_suffix(language)}", status_code=303)


@router.post(TASK_PAGE + "/hoan-thanh", response_class=HTMLResponse)
async def complete_from_form(
    request: Request, signed_in: WorksTasksPage, commune_id: CommuneId, task_id: TaskId
) -> Response:
    """Complete the task as its lead, then show it again (303)."""
    form = await _form(request, signed_in)
    language = page_language(request)
    try:
        await _tasks(request).complete(
            commune_id,
            task_id,
            form.get("result", ""),
            form.get("reply_document_id") or None,
            signed_in.context,
        )
    except ServiceError as exc:
        status = http_status(exc)[0]
        return await _task_page(
            request, signed_in, commune_id, task_id, status=status, errors=[exc.message(language)]
        )
    return RedirectResponse(f"/communes/{commune_id}/cong-viec/{task_id}{_suffix(language)}", status_code=303)


# --- on the incoming document's page ---------------------------------------------------------------


async def document_work_values(
    request: Request, signed_in: SignedInPage, commune_id: str, document_id: str, language: Language
) -> dict[str, Any]:
    """What the incoming document's page shows of its passing-on and tasks, and which forms it offers."""
    identity = signed_in.context.identity
    values: dict[str, Any] = {
        "wt": _t(language),
        "recipient_kinds": {key: value[language] for key, value in KINDS.items()},
        "work": None,
        "work_error": "",
        "can_pass_on": identity is not None and identity.may(Permission.DOCUMENTS_PASS_ON, commune_id),
        "can_direct": identity is not None and identity.may(Permission.TASKS_DIRECT, commune_id),
        "pass_on_action": f"/communes/{commune_id}/van-ban-den/{document_id}/chuyen{_suffix(language)}",
        "direct_action": f"/communes/{commune_id}/van-ban-den/{document_id}/chi-dao{_suffix(language)}",
    }
    if identity is None or not identity.may(Permission.TASKS_READ, commune_id):
        return values
    try:
        work = await _tasks(request).document_work(commune_id, document_id, signed_in.context)
    except ServiceError as exc:
        values["work_error"] = exc.message(language)
        return values
    passing = work.passing_on
    values["work"] = {
        "passing": None
        if passing is None
        else {
            "kind": KINDS.get(passing.recipient_kind, {}).get(language, passing.recipient_kind),
            "recipient": passing.recipient,
            "on": _vi(passing.passed_on),
            "late": passing.late,
            "by": passing.passed_on_by,
        },
        "tasks": [_row(commune_id, t, language) for t in work.tasks],
    }
    return values


async def _document_again(
    request: Request, signed_in: SignedInPage, commune_id: str, document_id: str, exc: ServiceError
) -> Response:
    from .attachments_pages import render_document  # the page is drawn there; imported late (cycle)

    language = page_language(request)
    return await render_document(
        request,
        signed_in,
        commune_id,
        document_id,
        status=http_status(exc)[0],
        errors=[exc.message(language)],
    )


def _document_url(commune_id: str, document_id: str, language: Language) -> str:
    return f"/communes/{commune_id}/van-ban-den/{document_id}{_suffix(language)}"


@router.post(DOCUMENT_PAGE + "/chuyen", response_class=HTMLResponse)
async def pass_on_from_form(
    request: Request, signed_in: PassesOnPage, commune_id: CommuneId, document_id: DocumentId
) -> Response:
    """Pass the document on as the signed-in user, then show it again (303)."""
    form = await _form(request, signed_in)
    language = page_language(request)
    try:
        day = date.fromisoformat(form["passed_on"]) if form.get("passed_on") else None
    except ValueError:
        day = None
    draft = PassOnDraft(
        form.get("recipient_kind", ""),
        form.get("recipient", "").strip(),
        day,
        form.get("needs_action") == "on",
    )
    try:
        await _tasks(request).pass_on(commune_id, document_id, draft, signed_in.context)
    except ServiceError as exc:
        return await _document_again(request, signed_in, commune_id, document_id, exc)
    return RedirectResponse(_document_url(commune_id, document_id, language), status_code=303)


@router.post(DOCUMENT_PAGE + "/chi-dao", response_class=HTMLResponse)
async def direct_from_form(
    request: Request, signed_in: DirectsTasksPage, commune_id: CommuneId, document_id: DocumentId
) -> Response:
    """A leader's direction on the document, then the new task's page (303)."""
    form = await _form(request, signed_in)
    language = page_language(request)
    try:
        deadline = date.fromisoformat(form.get("deadline", ""))
    except ValueError:
        deadline = date.min  # refused by the service as before the document arrived
    coordinators = tuple(c.strip() for c in form.get("coordinators", "").split(",") if c.strip())
    draft = TaskDraft(
        document_id, "", form.get("lead", "").strip(), coordinators, deadline, form.get("note", "")
    )
    try:
        task_id = await _tasks(request).create_task(commune_id, draft, signed_in.context)
    except ServiceError as exc:
        return await _document_again(request, signed_in, commune_id, document_id, exc)
    return RedirectResponse(f"/communes/{commune_id}/cong-viec/{task_id}{_suffix(language)}", status_code=303)
