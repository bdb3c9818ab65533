"""The record-files page of a commune (``/communes/{commune_id}/ho-so``): the annual file list of a
body and year, with forms to enter a file, link a document, close, hand over and dispose of files.

Every form posts to its own route, carries the session's CSRF token, and answers 303 back to the
list (with a notice) or the list again with the refusal and its status. No inline script or style.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from oneoffice.contracts.access import Permission

from ..application.calendar import office_today
from ..application.errors import ServiceError
from ..application.records import Disposal, DocumentKind, NewRecordFile, RecordFile, RecordsPort, Retention
from .csrf import CSRF_FIELD
from .deps import ClockDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .page_access import csrf_refused, page_requires
from .page_header import header
from .page_session import SignedInPage
from .records_api_models import FILE_ID_PATTERN
from .service_problems import http_status
from .templating import templates

PAGE = "/communes/{commune_id}/ho-so"
STYLESHEET = "/static/records.css"
BODIES = ("UBND", "HDND", "DANG_UY", "MTTQ", "DOAN_TN", "HOI_PN", "HOI_ND", "HOI_CCB")

router = APIRouter(tags=["pages"], include_in_schema=False)
ReadsRecordsPage = Annotated[SignedInPage, Depends(page_requires(Permission.RECORDS_READ))]
ManagesRecordsPage = Annotated[SignedInPage, Depends(page_requires(Permission.RECORDS_MANAGE))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]
FileId = Annotated[str, Path(pattern=FILE_ID_PATTERN)]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Hồ sơ và danh mục hồ sơ", "en": "Record files and the file list"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "body": {"vi": "Cơ quan", "en": "Body"},
    "year": {"vi": "Năm", "en": "Year"},
    "show": {"vi": "Xem", "en": "Show"},
    "code": {"vi": "Số và ký hiệu hồ sơ", "en": "File code"},
    "file_title": {"vi": "Tiêu đề hồ sơ", "en": "Title"},
    "retention": {"vi": "Thời hạn bảo quản", "en": "Retention"},
    "keeper": {"vi": "Người lập hồ sơ", "en": "Keeper"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "documents": {"vi": "Văn bản trong hồ sơ", "en": "Documents in the file"},
    "dates": {"vi": "Thời hạn", "en": "Dates"},
    "closed_on": {"vi": "Ngày kết thúc", "en": "Closed on"},
    "handover_due": {"vi": "Hạn nộp lưu", "en": "Hand-over due"},
    "notice": {"vi": "đã nhắc ngày", "en": "notice raised on"},
    "expires": {"vi": "Hết hạn bảo quản", "en": "Expires"},
    "handed_over": {"vi": "Nộp lưu ngày", "en": "Handed over on"},
    "disposed": {"vi": "Hủy theo quyết định", "en": "Disposed of by decision"},
    "none": {"vi": "Chưa có hồ sơ nào trong danh mục này.", "en": "No file in this list yet."},
    "create": {"vi": "Thêm hồ sơ vào danh mục", "en": "Add a file to the list"},
    "add": {"vi": "Thêm", "en": "Add"},
    "close": {"vi": "Kết thúc hồ sơ", "en": "Close"},
    "link": {"vi": "Đưa văn bản vào hồ sơ", "en": "Link a document"},
    "document_id": {"vi": "Mã văn bản", "en": "Document id"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "incoming": {"vi": "văn bản đến", "en": "incoming"},
    "outgoing": {"vi": "văn bản đi", "en": "outgoing"},
    "handover": {"vi": "Nộp lưu hồ sơ vào lưu trữ cơ quan", "en": "Hand files over to the archive"},
    "files": {"vi": "Hồ sơ đã kết thúc", "en": "Closed files"},
    "on": {"vi": "Ngày", "en": "Date"},
    "receiver": {"vi": "Người/đơn vị nhận", "en": "Receiver"},
    "hand_over": {"vi": "Nộp lưu", "en": "Hand over"},
    "disposal": {"vi": "Hủy hồ sơ hết hạn bảo quản", "en": "Dispose of an expired file"},
    "file": {"vi": "Hồ sơ", "en": "File"},
    "decision": {"vi": "Số quyết định", "en": "Decision number"},
    "council": {"vi": "Hội đồng xác định giá trị tài liệu", "en": "Appraisal council"},
    "dispose": {"vi": "Ghi nhận hủy", "en": "Record the disposal"},
    "no_closed": {
        "vi": "Không có hồ sơ đã kết thúc chờ nộp lưu.",
        "en": "No closed file waits for hand-over.",
    },
    "bad_date": {"vi": "Ngày không hợp lệ (định dạng NNNN-TT-NN).", "en": "Invalid date (YYYY-MM-DD)."},
    "bad_year": {"vi": "Năm không hợp lệ.", "en": "Invalid year."},
    "pick_files": {"vi": "Chưa chọn hồ sơ nào.", "en": "No file chosen."},
    "done": {"vi": "Đã ghi nhận.", "en": "Recorded."},
}
STATUS: dict[str, dict[Language, str]] = {
    "open": {"vi": "đang mở", "en": "open"},
    "closed": {"vi": "đã kết thúc", "en": "closed"},
    "handed_over": {"vi": "đã nộp lưu", "en": "handed over"},
    "disposed": {"vi": "đã hủy", "en": "disposed of"},
}


def page_url(commune_id: str, language: Language, **params: object) -> str:
    query = {k: str(v) for k, v in params.items() if v}
    if language == "en":
        query["lang"] = "en"
    return PAGE.format(commune_id=commune_id) + (f"?{urlencode(query)}" if query else "")


def _vi(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _records(request: Request) -> RecordsPort:
    records: RecordsPort = request.app.state.records
    return records


def _year(text: str | None, default: int) -> int | None:
    if not text:
        return default
    try:
        year = int(text)
    except ValueError:
        return None
    return year if 1945 <= year <= 9999 else None


async def _render(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    today: date,
    *,
    body: str,
    year: int,
    status: int = 200,
    notice: str = "",
    errors: list[str] | None = None,
) -> HTMLResponse:
    language = page_language(request)
    context = signed_in.context
    records = _records(request)
    errors = list(errors or [])
    files: tuple[RecordFile, ...] = ()
    retention = Retention((), ())
    try:
        retention = await records.retention(context)
        files = await records.list(commune_id, body, year, context)
    except ServiceError as exc:
        errors.append(exc.message(language))
    names = {p.code: (p.name_en if language == "en" else p.name_vi) for p in retention.periods}
    identity = context.identity
    values: dict[str, Any] = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=page_url(commune_id, "vi" if language == "en" else "en", body=body, year=year),
        ),
        "t": {key: value[language] for key, value in TEXT.items()},
        "status_names": {key: value[language] for key, value in STATUS.items()},
        "commune_id": commune_id,
        "body": body,
        "year": year,
        "bodies": BODIES,
        "files": files,
        "closed": [f for f in files if f.status == "closed"],
        "expired": [f for f in files if f.status in ("closed", "handed_over") and f.retention != "permanent"],
        "retention": retention.periods,
        "retention_names": names,
        "vi_date": _vi,
        "today": today.isoformat(),
        "can_manage": identity is not None and identity.may(Permission.RECORDS_MANAGE, commune_id),
        "csrf_token": signed_in.csrf_token,
        "base": PAGE.format(commune_id=commune_id),
        "lang_query": "?lang=en" if language == "en" else "",
        "notice": notice,
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(
        request, "records.html", values, status_code=status, headers={"Content-Language": language}
    )


@router.get(PAGE, response_class=HTMLResponse)
async def records_page(
    request: Request, signed_in: ReadsRecordsPage, commune_id: CommuneId, clock: ClockDep
) -> HTMLResponse:
    """The file list of a body (``?body=``, default UBND) and a year (``?year=``, default this one)."""
    language = page_language(request)
    today = office_today(clock.now())
    body = request.query_params.get("body", "UBND")
    body = body if body in BODIES else "UBND"
    year = _year(request.query_params.get("year"), today.year)
    errors = [] if year is not None else [TEXT["bad_year"][language]]
    notice = TEXT["done"][language] if request.query_params.get("done") else ""
    return await _render(
        request,
        signed_in,
        commune_id,
        today,
        body=body,
        year=year or today.year,
        notice=notice,
        errors=errors,
    )


Action = Callable[[dict[str, str], list[str]], Awaitable[None]]


async def _posted(
    request: Request, signed_in: SignedInPage, commune_id: str, clock: ClockDep, action: Action
) -> Response:
    """Check the CSRF token, run ``action`` on the form, answer 303 to the list or the list again."""
    language = page_language(request)
    today = office_today(clock.now())
    async with request.form(max_files=0, max_fields=600) as form:
        sent = form.get(CSRF_FIELD)
        if not signed_in.accepts_form(sent if isinstance(sent, str) else None):
            raise csrf_refused(signed_in)  # before anything is asked of a service
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        many = [v for v in form.getlist("file_ids") if isinstance(v, str)]
    body = fields.get("body", "UBND")
    body = body if body in BODIES else "UBND"
    year = _year(fields.get("year"), today.year) or today.year
    errors: list[str] = []
    try:
        await action(fields, many)
    except ValueError:
        errors.append(TEXT["bad_date"][language])
    except ServiceError as exc:
        return await _render(
            request,
            signed_in,
            commune_id,
            today,
            body=body,
            year=year,
            status=http_status(exc)[0],
            errors=[exc.message(language)],
        )
    if errors:
        return await _render(
            request, signed_in, commune_id, today, body=body, year=year, status=422, errors=errors
        )
    return RedirectResponse(page_url(commune_id, language, body=body, year=year, done=1), status_code=303)


@router.post(PAGE, response_class=HTMLResponse)
async def create_from_form(
    request: Request, signed_in: ManagesRecordsPage, commune_id: CommuneId, clock: ClockDep
) -> Response:
    """Enter a file in the list."""

    async def action(f: dict[str, str], _many: list[str]) -> None:
        year = _year(f.get("year"), 0)
        if year is None:
            raise ValueError("year")
        new = NewRecordFile(
            f.get("body", ""),
            year,
            f.get("file_code", ""),
            f.get("title", ""),
            f.get("retention", ""),
            f.get("keeper", ""),
        )
        await _records(request).create(commune_id, new, signed_in.context)

    return await _posted(request, signed_in, commune_id, clock, action)


@router.post(PAGE + "/{file_id}/dong", response_class=HTMLResponse)
async def close_from_form(
    request: Request, signed_in: ManagesRecordsPage, commune_id: CommuneId, file_id: FileId, clock: ClockDep
) -> Response:
    """Close a file on the day given."""

    async def action(f: dict[str, str], _many: list[str]) -> None:
        await _records(request).close(
            commune_id, file_id, date.fromisoformat(f.get("closed_on", "")), signed_in.context
        )

    return await _posted(request, signed_in, commune_id, clock, action)


@router.post(PAGE + "/{file_id}/van-ban", response_class=HTMLResponse)
async def link_from_form(
    request: Request, signed_in: ManagesRecordsPage, commune_id: CommuneId, file_id: FileId, clock: ClockDep
) -> Response:
    """Link a document to a file."""

    async def action(f: dict[str, str], _many: list[str]) -> None:
        kind: DocumentKind = "outgoing" if f.get("document_kind") == "outgoing" else "incoming"
        await _records(request).link(commune_id, file_id, kind, f.get("document_id", ""), signed_in.context)

    return await _posted(request, signed_in, commune_id, clock, action)


@router.post(PAGE + "/nop-luu", response_class=HTMLResponse)
async def hand_over_from_form(
    request: Request, signed_in: ManagesRecordsPage, commune_id: CommuneId, clock: ClockDep
) -> Response:
    """Hand the chosen closed files over to the archive."""

    async def action(f: dict[str, str], many: list[str]) -> None:
        on = date.fromisoformat(f.get("handed_over_on", ""))
        await _records(request).hand_over(
            commune_id, tuple(many), on, f.get("receiver", ""), signed_in.context
        )

    return await _posted(request, signed_in, commune_id, clock, action)


@router.post(PAGE + "/huy", response_class=HTMLResponse)
async def dispose_from_form(
    request: Request, signed_in: ManagesRecordsPage, commune_id: CommuneId, clock: ClockDep
) -> Response:
    """Record the disposal of the chosen expired file by its decision."""

    async def action(f: dict[str, str], _many: list[str]) -> None:
        disposal = Disposal(
            f.get("decision_number", ""), f.get("council", ""), date.fromisoformat(f.get("decided_on", ""))
        )
        await _records(request).dispose(commune_id, f.get("file_id", ""), disposal, signed_in.context)

    return await _posted(request, signed_in, commune_id, clock, action)
