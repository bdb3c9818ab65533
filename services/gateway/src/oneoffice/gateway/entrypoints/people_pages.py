"""The people page of a commune (``/communes/{commune_id}/nhan-su``): its staff on a day with title,
category, bodies served and allowance coefficient — so the load a Party office clerk carries for a
low allowance is in plain sight — and the office team with its decision. Vietnamese; ``?lang=en``.

No inline script or style: the page's stylesheet is served beside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from oneoffice.contracts.access import Permission

from ..application.calendar import office_today
from ..application.errors import ServiceError
from ..application.people import OfficeTeam, PeoplePort, Person
from .deps import ClockDep
from .language import Language, page_language
from .page_access import page_requires
from .page_header import header
from .page_session import SignedInPage

PAGE = "/communes/{commune_id}/nhan-su"
STYLESHEET = "/static/people.css"

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
# The signed-in page (session cookie), its rule declared as the API routes declare theirs.
ReadsStaff = Annotated[SignedInPage, Depends(page_requires(Permission.STAFF_READ))]

TEXTS: dict[Language, dict[str, str]] = {
    "vi": {
        "title": "Nhân sự đơn vị {commune}",
        "subtitle": "Người làm việc tại văn phòng một cửa của đơn vị, cơ quan phục vụ và hệ số phụ cấp.",
        "home": "Trang chủ",
        "other_language": "English",
        "as_of": "Vào ngày",
        "show": "Xem",
        "staff": "Danh sách nhân sự ngày {day}",
        "name": "Họ tên",
        "position": "Chức danh",
        "category": "Loại",
        "bodies": "Cơ quan phục vụ",
        "allowance": "Hệ số phụ cấp",
        "since": "Từ ngày",
        "no_staff": "Không có nhân sự nào vào ngày này.",
        "team": "Tổ văn phòng",
        "decision": "Quyết định số {number} ngày {day}",
        "lead": "Tổ trưởng",
        "members": "Thành viên",
        "no_team": "Đơn vị chưa có tổ văn phòng vào ngày này.",
        "carried": "Tổ văn phòng của đơn vị {unit} đã sáp nhập vào đơn vị này (đến khi lập tổ mới).",
        "bad_date": "Ngày không hợp lệ; đang hiển thị hôm nay.",
        "error": "Lỗi",
    },
    "en": {
        "title": "Staff of unit {commune}",
        "subtitle": "The people working in the unit's one office, the bodies they serve and their allowance.",
        "home": "Home",
        "other_language": "Tiếng Việt",
        "as_of": "On",
        "show": "Show",
        "staff": "Staff on {day}",
        "name": "Name",
        "position": "Title",
        "category": "Category",
        "bodies": "Bodies served",
        "allowance": "Allowance coefficient",
        "since": "Since",
        "no_staff": "No staff on that day.",
        "team": "Office team",
        "decision": "Decision {number} of {day}",
        "lead": "Team lead",
        "members": "Members",
        "no_team": "The unit has no office team on that day.",
        "carried": "The office team of unit {unit}, merged into this one (until it sets up its own).",
        "bad_date": "Invalid date; showing today.",
        "error": "Error",
    },
}
CATEGORIES_EN = {
    "cán bộ": "elected official (cán bộ)",
    "công chức": "civil servant (công chức)",
    "không chuyên trách": "part-time (không chuyên trách)",
    "hợp đồng": "contract",
}


def _vi_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@router.get(PAGE, response_class=HTMLResponse)
async def people_page(
    commune_id: str, request: Request, clock: ClockDep, signed_in: ReadsStaff
) -> HTMLResponse:
    context = signed_in.context
    language = page_language(request)
    t = TEXTS[language]
    people: PeoplePort = request.app.state.people
    errors: list[str] = []
    try:
        day = date.fromisoformat(request.query_params.get("as_of", ""))
    except ValueError:
        if request.query_params.get("as_of"):
            errors.append(t["bad_date"])
        day = office_today(clock.now())
    staff: list[Person] = []
    team: OfficeTeam | None = None
    try:
        staff = await people.list_staff(commune_id, day, context)
        team = await people.office_team(commune_id, day, context)
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    names = {p.person_id: p.name for p in staff}
    page = {
        "lang": language,
        "h": header(request, language, signed_in),
        "other_lang": "vi" if language == "en" else "en",
        "t": t,
        "heading": t["title"].format(commune=commune_id),
        "staff_title": t["staff"].format(day=_vi_date(day)),
        "day": day.isoformat(),
        "rows": [
            {
                "id": p.person_id,
                "name": p.name,
                "title": p.title,
                "category": CATEGORIES_EN.get(p.category, p.category) if language == "en" else p.category,
                "bodies": ", ".join(p.bodies),
                "allowance": str(p.allowance),
                "since": _vi_date(p.joined_on),
            }
            for p in staff
        ],
        "team": team,
        "decision": t["decision"].format(number=team.decision_number, day=_vi_date(team.decision_date))
        if team
        else "",
        "carried": t["carried"].format(unit=team.carried_from) if team and team.carried_from else "",
        "lead": names.get(team.lead, team.lead) if team else "",
        "members": [names.get(m, m) for m in team.members] if team else [],
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(request, "people.html", page, headers={"Content-Language": language})
