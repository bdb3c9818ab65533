"""The figures page of a commune (``/communes/{commune_id}/so-lieu``): its figures with their value
and history, the conflicts between bodies, the form to report a figure and, for leaders, the form
to adopt one value of an open conflict with a reason. Forms carry the CSRF token, keep what was
typed when refused and say why; no inline script or style (``/static/figures.css``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from oneoffice.contracts.access import Permission

from ..application.errors import InvalidRequest, ServiceError
from ..application.figures import FigureDraft, FiguresPort
from .csrf import CSRF_FIELD
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .page_access import csrf_refused, page_requires
from .page_header import header
from .page_session import SignedInPage
from .service_problems import http_status
from .templating import templates

router = APIRouter(tags=["pages"], include_in_schema=False)

PAGE = "/communes/{commune_id}/so-lieu"
STYLESHEET = "/static/figures.css"
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]
ConflictId = Annotated[str, Path(max_length=200)]
ReadsFiguresPage = Annotated[SignedInPage, Depends(page_requires(Permission.FIGURES_READ))]
ReportsFiguresPage = Annotated[SignedInPage, Depends(page_requires(Permission.FIGURES_REPORT))]
AdoptsFiguresPage = Annotated[SignedInPage, Depends(page_requires(Permission.FIGURES_ADOPT))]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Số liệu thống kê", "en": "Figures"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "catalogue": {"vi": "Danh mục chỉ tiêu phiên bản", "en": "Indicator catalogue version"},
    "figures": {"vi": "Số liệu đã báo cáo", "en": "Reported figures"},
    "none": {"vi": "Chưa có số liệu nào.", "en": "No figures yet."},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "history": {"vi": "Các lần báo cáo, chọn số liệu", "en": "Reports and adoptions"},
    "conflicts": {"vi": "Xung đột số liệu giữa các cơ quan", "en": "Conflicts between bodies"},
    "no_conflicts": {"vi": "Không có xung đột số liệu.", "en": "No conflicts."},
    "values": {"vi": "Giá trị từng cơ quan", "en": "Each body's value"},
    "adopted": {"vi": "Số liệu được chọn", "en": "Adopted"},
    "adopt": {"vi": "Chọn số liệu của cơ quan", "en": "Adopt the value of"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    "report": {"vi": "Báo cáo số liệu", "en": "Report a figure"},
    "body": {"vi": "Cơ quan báo cáo", "en": "Reporting body"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "period_hint": {"vi": "2026, 2026-Q1 hoặc 2026-03", "en": "2026, 2026-Q1 or 2026-03"},
    "send": {"vi": "Gửi", "en": "Send"},
    "errors": {"vi": "Chưa ghi được:", "en": "Not saved:"},
    "report_of": {"vi": "báo cáo", "en": "report"},
    "adoption_of": {"vi": "chọn số liệu", "en": "adoption"},
}
STATUS: dict[str, dict[Language, str]] = {
    "agreed": {"vi": "thống nhất", "en": "agreed"},
    "conflict": {"vi": "đang xung đột", "en": "in conflict"},
    "adopted": {"vi": "đã chọn số liệu", "en": "adopted"},
    "open": {"vi": "chưa xử lý", "en": "open"},
    "settled": {"vi": "các cơ quan đã thống nhất", "en": "settled by agreement"},
}
BODIES = ("UBND", "DANG_UY", "HDND", "MTTQ", "DOAN_TN", "HOI_PN", "HOI_ND", "HOI_CCB")


def _suffix(language: Language) -> str:
    return "?lang=en" if language == "en" else ""


def _figures(request: Request) -> FiguresPort:
    figures: FiguresPort = request.app.state.figures
    return figures


async def _form(request: Request, signed_in: SignedInPage) -> dict[str, str]:
    async with request.form(max_files=0, max_fields=10) as form:
        values = {key: value for key, value in form.items() if isinstance(value, str)}
    if not signed_in.accepts_form(values.get(CSRF_FIELD)):
        raise csrf_refused(signed_in)
    return values


def _errors(exc: ServiceError, language: Language) -> list[str]:
    if isinstance(exc, InvalidRequest) and exc.violations:
        return [v.message_en if language == "en" else v.message_vi for v in exc.violations]
    return [exc.message(language)]


async def _page(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    *,
    status: int = 200,
    errors: list[str] | None = None,
    typed: dict[str, str] | None = None,
) -> HTMLResponse:
    language = page_language(request)
    figures = _figures(request)
    context = signed_in.context
    errors = list(errors or [])
    values: dict[str, Any] = {"catalogue": None, "figures": [], "conflicts": []}
    try:
        values["catalogue"] = await figures.catalogue(context)
        values["figures"] = await figures.figures(commune_id, None, None, context)
        values["conflicts"] = await figures.conflicts(commune_id, None, context)
    except ServiceError as exc:
        errors.append(exc.message(language))
    identity = context.identity
    catalogue = values["catalogue"]
    page = {
        "lang": language,
        "h": header(request, language, signed_in),
        "t": {key: value[language] for key, value in TEXT.items()},
        "statuses": {key: value[language] for key, value in STATUS.items()},
        "names": {i.code: i.name for i in catalogue.indicators} if catalogue else {},
        "commune_id": commune_id,
        "bodies": BODIES,
        "can_report": identity is not None and identity.may(Permission.FIGURES_REPORT, commune_id),
        "can_adopt": identity is not None and identity.may(Permission.FIGURES_ADOPT, commune_id),
        "report_action": f"/communes/{commune_id}/so-lieu/bao-cao{_suffix(language)}",
        "adopt_base": f"/communes/{commune_id}/so-lieu/xung-dot",
        "lang_suffix": _suffix(language),
        "typed": typed or {},
        "csrf_token": signed_in.csrf_token,
        "errors": errors,
        "stylesheet": STYLESHEET,
        **values,
    }
    return templates.TemplateResponse(
        request, "figures.html", page, status_code=status, headers={"Content-Language": language}
    )


@router.get(PAGE, response_class=HTMLResponse)
async def figures_page(request: Request, signed_in: ReadsFiguresPage, commune_id: CommuneId) -> HTMLResponse:
    """The commune's figures, conflicts, and the report and adoption forms."""
    return await _page(request, signed_in, commune_id)


@router.post(PAGE + "/bao-cao", response_class=HTMLResponse)
async def report_from_form(
    request: Request, signed_in: ReportsFiguresPage, commune_id: CommuneId
) -> Response:
    """Report a figure as the signed-in user, then show the page again (303)."""
    form = await _form(request, signed_in)
    language = page_language(request)
    draft = FigureDraft(
        form.get("indicator", "")[:64],
        form.get("period", "")[:16],
        form.get("body", "")[:64],
        form.get("value", "")[:40],
        form.get("note", "")[:2000],
    )
    try:
        await _figures(request).report(commune_id, draft, signed_in.context)
    except ServiceError as exc:
        return await _page(
            request,
            signed_in,
            commune_id,
            status=http_status(exc)[0],
            errors=_errors(exc, language),
            typed=form,
        )
    return RedirectResponse(PAGE.format(commune_id=commune_id) + _suffix(language), status_code=303)


@router.post(PAGE + "/xung-dot/{conflict_id}/chon", response_class=HTMLResponse)
async def adopt_from_form(
    request: Request, signed_in: AdoptsFiguresPage, commune_id: CommuneId, conflict_id: ConflictId
) -> Response:
    """Adopt one body's value for an open conflict, with a reason, then show the page again (303)."""
    form = await _form(request, signed_in)
    language = page_language(request)
    try:
        await _figures(request).adopt(
            commune_id,
            conflict_id,
            form.get("body", "")[:64],
            form.get("reason", "")[:2000],
            signed_in.context,
        )
    except ServiceError as exc:
        return await _page(
            request, signed_in, commune_id, status=http_status(exc)[0], errors=_errors(exc, language)
        )
    return RedirectResponse(PAGE.format(commune_id=commune_id) + _suffix(language), status_code=303)
