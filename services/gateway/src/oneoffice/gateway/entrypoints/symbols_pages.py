"""The symbol tool (``/ky-hieu-van-ban``): what the documents service reads in a số, ký hiệu typed
by the clerk — family, number, year, type, issuer, unit — and what to check. For any signed-in user.

A GET form (reading changes nothing, so it needs no CSRF token); no inline script or style.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..application.errors import ServiceError
from ..application.symbols import ParsedSymbol
from .deps import SymbolsDep
from .language import Language, page_language
from .page_access import page_requires
from .page_header import header
from .page_session import SignedInPage
from .symbols_api_models import MAX_SYMBOL_TEXT

PAGE = "/ky-hieu-van-ban"
STYLESHEET = "/static/symbols.css"

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
SignedInAnyPage = Annotated[SignedInPage, Depends(page_requires(None))]

TEXT: dict[str, dict[Language, str]] = {
    "title": {"vi": "Đọc số, ký hiệu văn bản", "en": "Read a document's number and symbol"},
    "intro": {
        "vi": "Nhập số, ký hiệu như in trên văn bản (ví dụ «Số: 05/QĐ-UBND» hoặc «Số 15-NQ/ĐU»).",
        "en": "Type the number and symbol as printed (e.g. 'Số: 05/QĐ-UBND' or 'Số 15-NQ/ĐU').",
    },
    "text": {"vi": "Số, ký hiệu", "en": "Number and symbol"},
    "read": {"vi": "Đọc", "en": "Read"},
    "recognised": {"vi": "Nhận dạng được", "en": "Recognised"},
    "not_recognised": {
        "vi": "Không nhận dạng được: giữ nguyên như đã nhập.",
        "en": "Not recognised: kept as written.",
    },
    "family": {"vi": "Hệ thống văn bản", "en": "Family"},
    "state": {"vi": "Nhà nước", "en": "State"},
    "party": {"vi": "Đảng", "en": "Party"},
    "number": {"vi": "Số", "en": "Number"},
    "year": {"vi": "Năm", "en": "Year"},
    "type": {"vi": "Loại văn bản (viết tắt)", "en": "Type (abbreviation)"},
    "issuer": {"vi": "Cơ quan ban hành (viết tắt)", "en": "Issuer (abbreviation)"},
    "unit": {"vi": "Đơn vị soạn thảo", "en": "Drafting unit"},
    "warnings": {"vi": "Cần kiểm tra", "en": "To check"},
    "none": {"vi": "—", "en": "—"},
}


def _warnings(parsed: ParsedSymbol, language: Language) -> list[str]:
    return [w.message_en if language == "en" else w.message_vi for w in parsed.warnings]


@router.get(PAGE, response_class=HTMLResponse)
async def symbols_page(
    request: Request,
    symbols: SymbolsDep,
    signed_in: SignedInAnyPage,
    text: Annotated[str, Query(max_length=MAX_SYMBOL_TEXT)] = "",
) -> HTMLResponse:
    """The tool: a text field, and the parts of what was typed (``?text=``)."""
    language = page_language(request)
    parsed: ParsedSymbol | None = None
    errors: list[str] = []
    if text.strip():
        try:
            parsed = await symbols.parse_symbol(text, signed_in.context)
        except ServiceError as error:
            errors.append(error.message_en if language == "en" else error.message_vi)
    page = {
        "lang": language,
        "h": header(request, language, signed_in),
        "t": {key: value[language] for key, value in TEXT.items()},
        "text": text,
        "parsed": parsed,
        "warnings": _warnings(parsed, language) if parsed else [],
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    return templates.TemplateResponse(request, "symbols.html", page, headers={"Content-Language": language})
