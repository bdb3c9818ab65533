"""The duties page of a commune (``/communes/{commune_id}/phan-cong``): the adopted duties with
their primary and backup, the gaps, the absences and who covers what on a day (default today).

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
from ..application.duties import Assignment, Coverage, DutiesPort, DutyCatalogue, DutyRoster
from ..application.errors import ServiceError
from .deps import ClockDep
from .language import Language, page_language
from .page_access import page_requires
from .page_header import header
from .page_session import SignedInPage

PAGE = "/communes/{commune_id}/phan-cong"
STYLESHEET = "/static/duties.css"

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
# The signed-in page (session cookie), its rule declared as the API routes declare theirs.
ReadsDuties = Annotated[SignedInPage, Depends(page_requires(Permission.DUTIES_READ))]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Phân công nhiệm vụ, dự phòng", "en": "Duties and backups"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "other_language": {"vi": "English", "en": "Tiếng Việt"},
    "version": {"vi": "Danh mục nhiệm vụ áp dụng: phiên bản", "en": "Duty catalogue adopted: version"},
    "no_catalogue": {"vi": "Xã chưa áp dụng danh mục nhiệm vụ.", "en": "No duty catalogue adopted yet."},
    "duty": {"vi": "Nhiệm vụ", "en": "Duty"},
    "primary": {"vi": "Phụ trách chính", "en": "Primary"},
    "backup": {"vi": "Dự phòng", "en": "Backup"},
    "gaps": {"vi": "Nhiệm vụ còn thiếu người", "en": "Duties missing a person"},
    "no_gaps": {"vi": "Không có nhiệm vụ nào thiếu người.", "en": "Every duty has a primary and a backup."},
    "absences": {"vi": "Lịch vắng mặt", "en": "Absences"},
    "person": {"vi": "Người", "en": "Person"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "from": {"vi": "Từ ngày", "en": "From"},
    "to": {"vi": "Đến ngày", "en": "To"},
    "coverage": {"vi": "Người làm nhiệm vụ ngày", "en": "Who does each duty on"},
    "covered_by": {"vi": "Người thực hiện", "en": "Done by"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "day": {"vi": "Ngày", "en": "Day"},
    "show": {"vi": "Xem", "en": "Show"},
    "bad_date": {"vi": "Ngày không hợp lệ; hiển thị hôm nay.", "en": "Invalid date; showing today."},
    "none": {"vi": "—", "en": "—"},
    "carried": {"vi": "chuyển từ đơn vị", "en": "carried from unit"},
}
STATUS: dict[str, dict[Language, str]] = {
    "primary": {"vi": "người phụ trách chính", "en": "the primary"},
    "backup": {"vi": "người dự phòng thay", "en": "the backup covers"},
    "escalated": {"vi": "chuyển tổ trưởng", "en": "escalated to the team lead"},
    "unassigned": {"vi": "chưa phân công", "en": "not assigned"},
}
KINDS: dict[str, dict[Language, str]] = {
    "leave": {"vi": "nghỉ phép", "en": "leave"},
    "training": {"vi": "đi học, tập huấn", "en": "training"},
    "business_trip": {"vi": "đi công tác", "en": "business trip"},
    "sick": {"vi": "nghỉ ốm", "en": "sick"},
}


def _vi(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _names(catalogue: DutyCatalogue | None, language: Language) -> dict[str, str]:
    if catalogue is None:
        return {}
    return {d.code: (d.name_en or d.name_vi) if language == "en" else d.name_vi for d in catalogue.duties}


def _by_duty(roster: DutyRoster | None) -> dict[str, list[Assignment]]:
    """The assignments in force per duty: one, or several carried from units merged into the commune."""
    assigned: dict[str, list[Assignment]] = {}
    for a in roster.assignments if roster else ():
        assigned.setdefault(a.duty, []).append(a)
    return assigned


@router.get(PAGE, response_class=HTMLResponse)
async def duties_page(
    commune_id: str, request: Request, clock: ClockDep, signed_in: ReadsDuties
) -> HTMLResponse:
    context = signed_in.context
    """A commune's duties, primary and backup, gaps, absences and coverage on a day (``?on=``)."""
    language = page_language(request)
    duties: DutiesPort = request.app.state.duties
    errors: list[str] = []
    try:
        day = date.fromisoformat(request.query_params.get("on", ""))
    except ValueError:
        if request.query_params.get("on"):
            errors.append(TEXT["bad_date"][language])
        day = office_today(clock.now())
    roster: DutyRoster | None = None
    coverage: Coverage | None = None
    catalogue: DutyCatalogue | None = None
    try:
        roster = await duties.roster(commune_id, context)
        coverage = await duties.coverage(commune_id, day, context)
        if roster.catalogue_version or roster.duties:
            # A successor that adopted none shows the duties carried from merged units: the latest names.
            catalogue = await duties.catalogue(roster.catalogue_version, context)
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    page = {
        "lang": language,
        "h": header(request, language, signed_in),
        "other_lang": "vi" if language == "en" else "en",
        "t": {key: value[language] for key, value in TEXT.items()},
        "status": {key: value[language] for key, value in STATUS.items()},
        "kinds": {key: value[language] for key, value in KINDS.items()},
        "commune_id": commune_id,
        "day": day.isoformat(),
        "day_vi": _vi(day),
        "vi_date": _vi,
        "roster": roster,
        "assigned": _by_duty(roster),
        "coverage": coverage,
        "names": _names(catalogue, language),
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(request, "duties.html", page, headers={"Content-Language": language})
