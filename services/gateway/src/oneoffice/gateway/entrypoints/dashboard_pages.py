"""The district dashboard page (#13): ``/don-vi/{code}/tong-quan?period=2026-Q1&as_of=YYYY-MM-DD``.

The communes under the unit as it stood on the day, one page at a time (``&sort=-overdue&offset=100``:
links on the KPI columns sort, previous/next page through them), KPIs side by side with the total of
all of them; pilot communes against the others; before against after adopting the model; how many
adopted when; and the "as of" positions. Read-only, server-rendered, no inline script or style;
printable on A4 landscape.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from oneoffice.contracts.access import Permission
from oneoffice.contracts.dashboard_paging import DEFAULT_LIMIT

from ..application.calendar import VIETNAM_TIME, office_today
from ..application.dashboard import DashboardPort, Kpis, RowsAsked, UnitDashboard
from ..application.errors import ServiceError
from .commune_as_of_api import INT32_MAX
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
    "totals": {"vi": "Tổng cộng (tất cả các xã)", "en": "Totals (every commune)"},
    "rows": {"vi": "Xã {first}–{last} / {count}", "en": "Communes {first}–{last} of {count}"},
    "no_rows": {
        "vi": "Không có xã nào ở trang này ({count} xã).",
        "en": "No commune on this page (of {count}).",
    },
    "previous": {"vi": "Trang trước", "en": "Previous page"},
    "next": {"vi": "Trang sau", "en": "Next page"},
    "sort_by": {"vi": "Sắp xếp theo cột này", "en": "Sort by this column"},
    "communes": {"vi": "Số xã", "en": "Communes"},
    "pilot_wave": {"vi": "Thí điểm?", "en": "Pilot?"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
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


# The sortable columns of the communes table: (column, the order its link asks for first).
_SORTABLE = {
    "commune": "commune_id",
    "in": "-documents_in",
    "out": "-documents_out",
    "direction": "-direction_median_days",
    "completion": "-completion_median_days",
    "on_time": "-on_time_rate",
    "overdue": "-overdue",
    "coverage": "-coverage_events",
    "conflicts": "-figures_in_conflict",
}


def _offset(text: str) -> int:
    try:
        return min(max(int(text), 0), INT32_MAX)
    except ValueError:
        return 0


def _url(code: str, query: dict[str, str], **changes: str | int | None) -> str:
    """This page with ``changes`` to its query (None: dropped; offset 0 and the default order too)."""
    merged: dict[str, str | int | None] = {**query, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "", 0) and (k, v) != ("sort", "commune_id")}
    return PAGE.format(code=code) + ("?" + urlencode(kept) if kept else "")


def _columns(code: str, query: dict[str, str], sort: str) -> dict[str, dict[str, str]]:
    """Per sortable column: the link (the other direction when it is the current order) and, when it
    is, ``ascending`` or ``descending`` (for aria-sort)."""
    columns = {}
    for column, first in _SORTABLE.items():
        field = first.removeprefix("-")
        current = "descending" if sort == f"-{field}" else "ascending" if sort == field else ""
        other = field if sort == f"-{field}" else f"-{field}" if sort == field else first
        columns[column] = {"url": _url(code, query, sort=other, offset=None), "current": current}
    return columns


def _pager(code: str, query: dict[str, str], board: UnitDashboard | None) -> dict[str, Any] | None:
    if board is None:
        return None
    end = board.offset + len(board.communes)
    previous = max(board.offset - board.limit, 0)
    return {
        "first": board.offset + 1,
        "last": end,
        "count": board.commune_count,
        "previous_url": _url(code, query, offset=previous or None) if board.offset > 0 else None,
        "next_url": _url(code, query, offset=end) if board.communes and end < board.commune_count else None,
    }


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
    sort = request.query_params.get("sort") or "commune_id"
    offset = _offset(request.query_params.get("offset", ""))
    board: UnitDashboard | None = None
    try:
        rows = RowsAsked(limit=DEFAULT_LIMIT, offset=offset, sort=sort[:32])
        board = await port.unit_dashboard(code, period, moment, signed_in.context, rows)
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    query = {"period": period[:16], "as_of": day_text or "", "lang": "en" if language == "en" else ""}
    query["sort"] = sort[:32]
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
        "sort": sort[:32],
        "columns": _columns(code, query, sort),
        "pager": _pager(code, query, board),
        "number": _number,
        "rate": _rate,
        "headcount": _headcount,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(request, "dashboard.html", page, headers={"Content-Language": language})
