"""The district dashboard page (#13): ``/don-vi/{code}/tong-quan?period=2026-Q1&as_of=YYYY-MM-DD``.

Every commune under the unit as it stood on the day, KPIs side by side with the total; pilot communes
against the others; before against after adopting the model; who adopted when; and the "as of"
positions. Read-only, server-rendered, no inline script or style; printable on A4 landscape.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from oneoffice.contracts.access import Permission

from ..application.calendar import VIETNAM_TIME, office_today
from ..application.dashboard import DashboardPort, Kpis, UnitDashboard
from ..application.errors import ServiceError
from .deps import ClockDep
from .language import Language, page_language
from .page_access import page_requires
from .page_header import header
from .page_session import SignedInPage

PAGE = "/don-vi/{code}/tong-quan"
STYLESHEET = "/static/dashboard.css"

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
ReadsDashboard = Annotated[SignedInPage, Depends(page_requires(Permission.DASHBOARD_READ, on_commune=False))]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Tổng quan", "en": "Overview"},
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "day": {"vi": "Vào ngày", "en": "On"},
    "show": {"vi": "Xem", "en": "Show"},
    "shown_on": {"vi": "Các xã thuộc đơn vị vào ngày", "en": "Communes under the unit on"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "adopted": {"vi": "Áp dụng mô hình", "en": "Model adopted"},
    "pilot": {"vi": "Thí điểm", "en": "Pilot"},
    "others": {"vi": "Các xã khác", "en": "Other communes"},
    "in": {"vi": "VB đến", "en": "In"},
    "out": {"vi": "VB đi", "en": "Out"},
    "direction": {
        "vi": "Đến → chỉ đạo (ngày, trung vị / p90)",
        "en": "Arrival → direction (days, median / p90)",
    },
    "completion": {
        "vi": "Đến → hoàn thành (ngày, trung vị / p90)",
        "en": "Arrival → done (days, median / p90)",
    },
    "on_time": {"vi": "Đúng hạn", "en": "On time"},
    "overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "coverage": {"vi": "Làm thay", "en": "Coverage"},
    "conflicts": {"vi": "Số liệu vênh", "en": "Figures in conflict"},
    "headcount": {"vi": "Biên chế trước / sau", "en": "Headcount before / after"},
    "totals": {"vi": "Tổng cộng", "en": "Totals"},
    "compare": {"vi": "So sánh", "en": "Comparison"},
    "group": {"vi": "Nhóm", "en": "Group"},
    "before": {"vi": "Trước khi áp dụng (trong kỳ)", "en": "Before adopting (in the period)"},
    "after": {"vi": "Sau khi áp dụng (trong kỳ)", "en": "After adopting (in the period)"},
    "adoptions": {"vi": "Các xã áp dụng mô hình", "en": "Communes that adopted the model"},
    "no_adoptions": {"vi": "Chưa xã nào áp dụng.", "en": "No commune has adopted it."},
    "wave": {"vi": "Đợt", "en": "Wave"},
    "as_of": {"vi": "Số liệu tính đến", "en": "Figures as of"},
    "positions": {"vi": "vị trí đã đọc", "en": "positions read"},
    "no_positions": {"vi": "chưa đọc sự kiện nào", "en": "no event read yet"},
    "bad_date": {"vi": "Ngày không đúng dạng (YYYY-MM-DD).", "en": "The day is not a date (YYYY-MM-DD)."},
    "none": {"vi": "—", "en": "—"},
}


def _current_quarter(today: date) -> str:
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _rate(kpis: Kpis) -> str:
    return "—" if kpis.on_time_rate is None else f"{kpis.on_time_rate:.0%}"


def _headcount(counts: dict[str, int] | None) -> str:
    return "—" if counts is None else str(sum(counts.values()))


def _as_of(board: UnitDashboard | None) -> dict[str, Any] | None:
    if board is None:
        return None
    return {
        "read_at": board.read_at.astimezone(VIETNAM_TIME).strftime("%H:%M:%S %d/%m/%Y"),
        "read_at_iso": board.read_at.isoformat(),
        "positions": [f"{p.source}[{p.partition}]@{p.next_offset}" for p in board.positions],
    }


@router.get(PAGE, response_class=HTMLResponse)
async def dashboard_page(
    code: str, request: Request, clock: ClockDep, signed_in: ReadsDashboard
) -> HTMLResponse:
    """A unit's dashboard: its communes side by side, pilot vs others, before vs after adopting."""
    language = page_language(request)
    port: DashboardPort = request.app.state.dashboard
    today = office_today(clock.now())
    period = request.query_params.get("period") or _current_quarter(today)
    errors: list[str] = []
    moment: datetime | None = None
    if day_text := request.query_params.get("as_of"):
        try:
            moment = datetime.combine(date.fromisoformat(day_text), time.max, UTC)
        except ValueError:
            errors.append(TEXT["bad_date"][language])
    board: UnitDashboard | None = None
    try:
        board = await port.unit_dashboard(code, period, moment, signed_in.context)
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    page = {
        "lang": language,
        "h": header(request, language, signed_in),
        "t": {key: value[language] for key, value in TEXT.items()},
        "code": code,
        "period": period[:16],
        "day": day_text or (board.viewed_on.isoformat() if board else today.isoformat()),
        "board": board,
        "as_of": _as_of(board),
        "errors": errors,
        "number": _number,
        "rate": _rate,
        "headcount": _headcount,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(request, "dashboard.html", page, headers={"Content-Language": language})
