"""The boards' pages (#12): a commune's work-board (``/communes/{commune_id}/bang-cong-viec``) and
the signed-in person's day (``/hom-nay``). Read-only (no form besides the header's), server-rendered,
no inline script or style: the stylesheet is served beside them. Each shows its "as of".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from oneoffice.contracts.access import Permission

from ..application.boards import BoardAsOf, BoardsPort, MyDay, WorkBoard, find_person
from ..application.calendar import VIETNAM_TIME, office_today
from ..application.errors import ServiceError
from ..application.people import PeoplePort
from ..application.ports import RequestContext
from .deps import ClockDep
from .language import Language, page_language
from .page_access import page_requires
from .page_header import header, localized
from .page_session import SignedInPage

BOARD_PAGE = "/communes/{commune_id}/bang-cong-viec"
TODAY_PAGE = "/hom-nay"
STYLESHEET = "/static/boards.css"

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
ReadsBoard = Annotated[SignedInPage, Depends(page_requires(Permission.BOARD_READ))]
SignedInAnyone = Annotated[SignedInPage, Depends(page_requires(None, on_commune=False))]

TEXT: dict[str, dict[Language, str]] = {
    "board": {"vi": "Bảng công việc", "en": "Work-board"},
    "today": {"vi": "Việc của tôi hôm nay", "en": "My day"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "as_of": {"vi": "Số liệu tính đến", "en": "Figures as of"},
    "positions": {"vi": "vị trí đã đọc", "en": "positions read"},
    "no_positions": {"vi": "chưa đọc sự kiện nào", "en": "no event read yet"},
    "totals": {"vi": "Tổng cộng", "en": "Totals"},
    "open": {"vi": "Đang xử lý", "en": "Open"},
    "due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "untracked": {"vi": "Chưa giao việc", "en": "Untracked"},
    "by_handler": {"vi": "Theo người chủ trì", "en": "Per lead handler"},
    "by_body": {"vi": "Theo cơ quan", "en": "Per body"},
    "handler": {"vi": "Người chủ trì", "en": "Lead handler"},
    "body": {"vi": "Cơ quan", "en": "Body"},
    "no_body": {"vi": "(không thuộc cơ quan nào)", "en": "(no body)"},
    "tasks": {"vi": "Việc đang xử lý", "en": "Open tasks"},
    "no_tasks": {"vi": "Không có việc nào đang xử lý.", "en": "No open task."},
    "task": {"vi": "Việc", "en": "Task"},
    "deadline": {"vi": "Hạn xử lý", "en": "Deadline"},
    "state": {"vi": "Tình trạng", "en": "State"},
    "coordinators": {"vi": "Phối hợp", "en": "Coordinators"},
    "role": {"vi": "Vai trò", "en": "Role"},
    "lead_role": {"vi": "chủ trì", "en": "lead"},
    "coordinator_role": {"vi": "phối hợp", "en": "coordinator"},
    "untracked_documents": {
        "vi": "Văn bản cần xử lý chưa giao việc",
        "en": "Documents needing action, untracked",
    },
    "no_untracked": {"vi": "Không có văn bản nào chưa giao việc.", "en": "No untracked document."},
    "document": {"vi": "Văn bản", "en": "Document"},
    "recipient": {"vi": "Người nhận", "en": "Passed on to"},
    "raised_on": {"vi": "Ngày phát hiện", "en": "Raised on"},
    "waiting": {"vi": "Văn bản chờ ý kiến chỉ đạo", "en": "Documents waiting for my direction"},
    "no_waiting": {"vi": "Không có văn bản nào chờ chỉ đạo.", "en": "No document waits for a direction."},
    "passed_on": {"vi": "Ngày chuyển", "en": "Passed on"},
    "none": {"vi": "—", "en": "—"},
}
STATES: dict[str, dict[Language, str]] = {
    "open": {"vi": "đang xử lý", "en": "open"},
    "due_soon": {"vi": "sắp đến hạn", "en": "due soon"},
    "overdue": {"vi": "quá hạn", "en": "overdue"},
}


def _vi(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _as_of(as_of: BoardAsOf | None) -> dict[str, Any] | None:
    if as_of is None:
        return None
    return {
        "read_at": as_of.read_at.astimezone(VIETNAM_TIME).strftime("%H:%M:%S %d/%m/%Y"),
        "read_at_iso": as_of.read_at.isoformat(),
        "positions": [f"{p.source}[{p.partition}]@{p.next_offset}" for p in as_of.positions],
    }


async def _names(people: PeoplePort, commune_id: str, day: date, context: RequestContext) -> dict[str, str]:
    """Person id → name in the commune, for display; ids alone when the staff list is not available."""
    try:
        return {p.person_id: p.name for p in await people.list_staff(commune_id, day, context)}
    except ServiceError:
        return {}


def _page(request: Request, language: Language, signed_in: SignedInPage, **values: Any) -> dict[str, Any]:
    return {
        "lang": language,
        "h": header(request, language, signed_in),
        "t": {key: value[language] for key, value in TEXT.items()},
        "states": {key: value[language] for key, value in STATES.items()},
        "vi_date": _vi,
        "stylesheet": STYLESHEET,
        **values,
    }


@router.get(BOARD_PAGE, response_class=HTMLResponse)
async def board_page(
    commune_id: str, request: Request, clock: ClockDep, signed_in: ReadsBoard
) -> HTMLResponse:
    """A commune's work-board: totals, per lead handler, per body, open tasks, untracked documents."""
    language = page_language(request)
    boards: BoardsPort = request.app.state.boards
    errors: list[str] = []
    board: WorkBoard | None = None
    names: dict[str, str] = {}
    try:
        board = await boards.work_board(commune_id, signed_in.context)
        names = await _names(
            request.app.state.people, commune_id, office_today(clock.now()), signed_in.context
        )
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    page = _page(
        request,
        language,
        signed_in,
        commune_id=commune_id,
        board=board,
        names=names,
        as_of=_as_of(board.as_of if board else None),
        errors=errors,
        document_url=lambda d: localized(f"/communes/{d.commune_id}/van-ban-den/{d.document_id}", language),
    )
    return templates.TemplateResponse(request, "board.html", page, headers={"Content-Language": language})


@router.get(TODAY_PAGE, response_class=HTMLResponse)
async def today_page(request: Request, clock: ClockDep, signed_in: SignedInAnyone) -> HTMLResponse:
    """The signed-in person's day: my tasks, due soon, overdue; documents waiting for my direction."""
    language = page_language(request)
    boards: BoardsPort = request.app.state.boards
    people: PeoplePort = request.app.state.people
    context = signed_in.context
    errors: list[str] = []
    day: MyDay | None = None
    names: dict[str, str] = {}
    today = office_today(clock.now())
    try:
        assert context.identity is not None
        person_id = await find_person(
            people, context.identity.username, context.identity.scope, today, context
        )
        day = await boards.my_day(person_id, context)
        for commune_id in sorted({t.commune_id for t in day.tasks}):
            names.update(await _names(people, commune_id, today, context))
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    page = _page(
        request,
        language,
        signed_in,
        day=day,
        names=names,
        as_of=_as_of(day.as_of if day else None),
        errors=errors,
        document_url=lambda d: localized(f"/communes/{d.commune_id}/van-ban-den/{d.document_id}", language),
    )
    return templates.TemplateResponse(request, "today.html", page, headers={"Content-Language": language})
