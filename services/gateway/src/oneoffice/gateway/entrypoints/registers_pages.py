"""The registers page (``/communes/{commune_id}/so-dang-ky``): a clerk chooses the register (incoming,
outgoing, resolution book), the body, the year and the format, and downloads the file (#13). A plain
GET form, no inline script or style; the download is the page's own route (signed-in session)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from oneoffice.contracts.access import Permission

from ..adapters.register_files import render_register
from ..application.calendar import office_year
from ..application.errors import ServiceError
from ..application.registers import KINDS, RegisterFormat
from .deps import CatalogueDep, ClockDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .page_access import page_requires
from .page_header import header
from .page_session import SignedInPage
from .registers_api import check_choice, get_registers
from .service_problems import http_status
from .templating import templates

PAGE = "/communes/{commune_id}/so-dang-ky"
router = APIRouter(tags=["pages"], include_in_schema=False)
ReadsRegistersPage = Annotated[SignedInPage, Depends(page_requires(Permission.INCOMING_READ))]
CommuneId = Annotated[str, PathParam(pattern=COMMUNE_ID_PATTERN)]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Sổ đăng ký, sổ theo dõi", "en": "Registers"},
    "kind": {"vi": "Loại sổ", "en": "Register"},
    "body": {"vi": "Cơ quan", "en": "Body"},
    "year": {"vi": "Năm", "en": "Year"},
    "format": {"vi": "Định dạng", "en": "Format"},
    "download": {"vi": "Tải về", "en": "Download"},
    "hint": {
        "vi": "Sổ có đủ các cột theo Nghị định 30/2020/NĐ-CP; bản HTML in trên khổ A4 ngang.",
        "en": "The registers have the columns of Decree 30/2020/NĐ-CP; the HTML prints on A4 landscape.",
    },
}
KIND_NAMES: dict[str, dict[Language, str]] = {
    "incoming": {"vi": "Sổ đăng ký văn bản đến", "en": "Incoming documents register"},
    "outgoing": {"vi": "Sổ đăng ký văn bản đi", "en": "Outgoing documents register"},
    "resolutions": {"vi": "Sổ theo dõi giải quyết văn bản đến", "en": "Resolution tracking book"},
}
FORMAT_NAMES: dict[str, dict[Language, str]] = {
    "xlsx": {"vi": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "csv": {"vi": "CSV (UTF-8)", "en": "CSV (UTF-8)"},
    "html": {"vi": "Bản in (HTML, A4 ngang)", "en": "Printable (HTML, A4 landscape)"},
}


@router.get(PAGE, response_class=HTMLResponse)
async def registers_page(
    request: Request,
    signed_in: ReadsRegistersPage,
    commune_id: CommuneId,
    catalogue: CatalogueDep,
    clock: ClockDep,
) -> HTMLResponse:
    """Sổ đăng ký: choose a register, body, year and format, then download."""
    language = page_language(request)
    other = PAGE.format(commune_id=commune_id) + ("" if language == "en" else "?lang=en")
    values = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=other,
        ),
        "t": {key: value[language] for key, value in TEXT.items()},
        "commune_id": commune_id,
        "kinds": [(k, KIND_NAMES[k][language]) for k in KINDS],
        "formats": [(f, name[language]) for f, name in FORMAT_NAMES.items()],
        "bodies": [(b.code, b.label(language)) for b in catalogue.bodies],
        "year": office_year(clock.now()),
        "action": PAGE.format(commune_id=commune_id) + "/tai-ve",
    }
    return templates.TemplateResponse(
        request, "registers.html", values, headers={"Content-Language": language}
    )


@router.get(PAGE + "/tai-ve")
async def download_register(
    request: Request,
    signed_in: ReadsRegistersPage,
    commune_id: CommuneId,
    catalogue: CatalogueDep,
    kind: Annotated[str, Query(max_length=32)],
    body: Annotated[str, Query(min_length=1, max_length=64)],
    year: Annotated[int, Query(ge=1900, le=2999)],
    output: Annotated[RegisterFormat, Query(alias="format")] = "xlsx",
) -> Response:
    """The chosen register as a file, for the signed-in user."""
    language = page_language(request)
    try:
        check_choice(kind, body, catalogue)
        table = await get_registers(request).get_register(commune_id, kind, body, year, signed_in.context)
    except ServiceError as exc:
        raise HTTPException(http_status(exc)[0], exc.message(language)) from exc
    rendered = render_register(table, output, language)
    disposition = "inline" if output == "html" else "attachment"
    return Response(
        content=rendered.content,
        media_type=rendered.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{rendered.file_name}"'},
    )
