"""The outgoing-documents page of a commune (``/communes/{commune_id}/van-ban-di``): a body's draft
documents and its register (sổ đăng ký văn bản đi) for a year, a draft form, and on each line the
actions its state allows (number, dispatch, recall). Every form carries the session's CSRF token;
no inline script or style.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from oneoffice.contracts.access import Permission
from oneoffice.eventcore.text_hygiene import find_forbidden

from ..application.calendar import office_today
from ..application.errors import InvalidRequest, ServiceError
from ..application.outgoing import OutgoingDocument, OutgoingDraft, OutgoingPort, staff_signer
from ..application.people import PeoplePort, Person
from .csrf import posted_token
from .deps import CatalogueDep, ClockDep
from .history_pages import history_links
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, page_language
from .outgoing_page_texts import AUTHORITIES, CHANNELS, CONFIDENTIALITIES, STATES, TEXT, URGENCIES
from .page_access import csrf_refused, page_requires
from .page_header import header
from .page_session import SignedInPage
from .service_problems import http_status

PAGE = "/communes/{commune_id}/van-ban-di"
STYLESHEET = "/static/outgoing.css"
MAX_FORM_BYTES = 64 * 1024
DEFAULT_BODY = "UBND"

router = APIRouter(tags=["pages"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
ReadsOutgoingPage = Annotated[SignedInPage, Depends(page_requires(Permission.OUTGOING_READ))]
IssuesOutgoingPage = Annotated[SignedInPage, Depends(page_requires(Permission.OUTGOING_ISSUE))]
CommuneId = Annotated[str, PathParam(pattern=COMMUNE_ID_PATTERN)]
DocumentId = Annotated[str, PathParam(max_length=64)]


def page_url(commune_id: str, language: Language, **params: Any) -> str:
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if language == "en":
        query["lang"] = "en"
    return f"/communes/{commune_id}/van-ban-di" + (f"?{urlencode(query)}" if query else "")


async def _posted(request: Request, signed_in: SignedInPage) -> dict[str, str]:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise HTTPException(415)
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        raise HTTPException(413)
    posted = await request.body()
    if len(posted) > MAX_FORM_BYTES:
        raise HTTPException(413)
    if not signed_in.accepts_form(posted_token(posted)):
        raise csrf_refused(signed_in)
    return dict(parse_qsl(posted.decode("utf-8", errors="replace"), keep_blank_values=True))


def _clean(form: dict[str, str], language: Language) -> None:
    """Refuses a forbidden character in any field before a service is asked (as the API does)."""
    for value in form.values():
        if find_forbidden(value) is not None:
            raise InvalidRequest("gateway", TEXT["bad_text"]["vi"], TEXT["bad_text"]["en"])


async def _render(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    body: str,
    year: int,
    language: Language,
    *,
    catalogue: Any,
    errors: list[str] | None = None,
    notice: str = "",
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    outgoing: OutgoingPort = request.app.state.outgoing
    people: PeoplePort = request.app.state.people
    context = signed_in.context
    errors = list(errors or [])
    documents: list[OutgoingDocument] = []
    staff: list[Person] = []
    try:
        documents = await outgoing.list(commune_id, body, None, False, 500, 0, context)
    except ServiceError as error:
        errors.append(error.message(language))
    identity = context.identity
    can_issue = identity is not None and identity.may(Permission.OUTGOING_ISSUE, commune_id)
    if can_issue:
        try:
            staff = await people.list_staff(commune_id, office_today(request.app.state.clock.now()), context)
        except ServiceError:
            staff = []  # the form still opens; the signer is then chosen later
    page = {
        "lang": language,
        "h": header(
            request,
            language,
            signed_in,
            other_url=page_url(commune_id, "vi" if language == "en" else "en", body=body, year=year),
        ),
        "t": {key: value[language] for key, value in TEXT.items()},
        "states": {key: value[language] for key, value in STATES.items()},
        "stylesheet": STYLESHEET,
        "commune_id": commune_id,
        "body": body,
        "year": year,
        "bodies": catalogue.bodies,
        "types": catalogue.document_types,
        "urgencies": URGENCIES,
        "confidentialities": CONFIDENTIALITIES,
        "channels": CHANNELS,
        "authorities": AUTHORITIES,
        "staff": staff,
        "drafts": [d for d in documents if d.number is None],
        "register": [
            d for d in documents if d.number is not None and d.issued_on and d.issued_on.year == year
        ],
        "can_issue": can_issue,
        "csrf_token": signed_in.csrf_token,
        "action": page_url(commune_id, language),
        "render_of": lambda document_id, output: (
            f"{PAGE.format(commune_id=commune_id)}/{quote(document_id, safe='')}/ban-in?format={output}"
        ),
        "open_of": lambda document_id: (
            f"{PAGE.format(commune_id=commune_id)}/{quote(document_id, safe='')}"
            + ("?lang=en" if language == "en" else "")
        ),
        "action_of": lambda document_id, verb: (
            f"/communes/{commune_id}/van-ban-di/{document_id}/{verb}"
            + ("?lang=en" if language == "en" else "")
        ),
        "errors": errors,
        "notice": notice,
        "form": form or {"body_code": body, "place_name": ""},
        "form_key": str(uuid.uuid4()),
        "day": lambda d: d.strftime("%d/%m/%Y") if d else "",
        **history_links(signed_in, commune_id, language),
    }
    return templates.TemplateResponse(
        request, "outgoing.html", page, status_code=status, headers={"Content-Language": language}
    )


@router.get(PAGE, response_class=HTMLResponse)
async def outgoing_documents_page(
    request: Request,
    signed_in: ReadsOutgoingPage,
    commune_id: CommuneId,
    catalogue: CatalogueDep,
    clock: ClockDep,
    body: Annotated[str | None, Query(max_length=64)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
    done: Annotated[str, Query(max_length=16)] = "",
    symbol: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    """Văn bản đi: a body's drafts and register for a year, the draft form, each line's actions."""
    language = page_language(request)
    selected = body if body and catalogue.body(body) else DEFAULT_BODY
    notice = (
        TEXT[done][language].format(symbol=symbol)
        if done in ("drafted", "numbered", "dispatched", "recalled")
        else ""
    )
    return await _render(
        request, signed_in, commune_id, selected, year or office_today(clock.now()).year, language,
        catalogue=catalogue, notice=notice,
    )  # fmt: skip


async def _after(
    request: Request,
    signed_in: SignedInPage,
    commune_id: str,
    body: str,
    catalogue: Any,
    clock: ClockDep,
    action: Any,
    form: dict[str, str],
) -> Response:
    language = page_language(request)
    year = office_today(clock.now()).year
    body = body if catalogue.body(body) else DEFAULT_BODY
    try:
        _clean(form, language)
        done, symbol, year = await action()
    except ServiceError as exc:
        messages = [TEXT["errors"][language], exc.message(language)]
        if isinstance(exc, InvalidRequest):
            messages += [v.message_en if language == "en" else v.message_vi for v in exc.violations]
        return await _render(
            request, signed_in, commune_id, body, year, language,
            catalogue=catalogue, errors=list(dict.fromkeys(messages)), form=form, status=http_status(exc)[0],
        )  # fmt: skip
    url = page_url(commune_id, language, body=body, year=year, done=done, symbol=symbol)
    return RedirectResponse(url, status_code=303)


@router.post(PAGE, response_class=HTMLResponse)
async def draft_from_form(
    request: Request,
    signed_in: IssuesOutgoingPage,
    commune_id: CommuneId,
    catalogue: CatalogueDep,
    clock: ClockDep,
) -> Response:
    """Save the posted draft as the signed-in clerk, then show the page again (303)."""
    form = await _posted(request, signed_in)
    outgoing: OutgoingPort = request.app.state.outgoing
    people: PeoplePort = request.app.state.people
    body = form.get("body_code", "").strip().upper()

    async def action() -> tuple[str, str, int]:
        signer = await staff_signer(
            people,
            commune_id,
            form.get("signer_id", "").strip(),
            office_today(clock.now()),
            signed_in.context,
        )
        draft = OutgoingDraft(
            body_code=body,
            document_type=form.get("document_type", ""),
            summary=form.get("summary", ""),
            drafting_unit=form.get("drafting_unit", ""),
            signer_id=signer.person_id if signer else "",
            signer_name=signer.name if signer else "",
            signer_title=signer.title if signer else "",
            authority=form.get("authority", ""),
            place_name=form.get("place_name", ""),
            recipients=tuple(
                line.strip() for line in form.get("recipients", "").splitlines() if line.strip()
            ),
            urgency=form.get("urgency", "NORMAL"),
            confidentiality=form.get("confidentiality", "NONE"),
        )
        key = form.get("idempotency_key") or str(uuid.uuid4())
        await outgoing.draft(commune_id, draft, key, signed_in.context)
        return "drafted", "", office_today(clock.now()).year

    return await _after(request, signed_in, commune_id, body, catalogue, clock, action, form)


def _day_of(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def _int_of(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


@router.post(PAGE + "/{document_id}/cap-so", response_class=HTMLResponse)
async def number_from_form(
    request: Request,
    signed_in: IssuesOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    catalogue: CatalogueDep,
    clock: ClockDep,
) -> Response:
    """Number the draft as the signed-in clerk (optionally on a date, or with the paper register's number)."""
    form = await _posted(request, signed_in)
    outgoing: OutgoingPort = request.app.state.outgoing

    async def action() -> tuple[str, str, int]:
        given = await outgoing.number(
            commune_id, document_id, _day_of(form.get("issued_on", "")), _int_of(form.get("number", "")), "",
            signed_in.context,
        )  # fmt: skip
        return "numbered", given.formatted, given.issued_on.year

    return await _after(request, signed_in, commune_id, form.get("body", ""), catalogue, clock, action, form)


@router.post(PAGE + "/{document_id}/chuyen", response_class=HTMLResponse)
async def dispatch_from_form(
    request: Request,
    signed_in: IssuesOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    catalogue: CatalogueDep,
    clock: ClockDep,
) -> Response:
    """Record the dispatch of a numbered document to its recipients."""
    form = await _posted(request, signed_in)
    outgoing: OutgoingPort = request.app.state.outgoing

    async def action() -> tuple[str, str, int]:
        sent = await outgoing.dispatch(
            commune_id, document_id, (), None, form.get("channel", "PAPER"), signed_in.context
        )
        return "dispatched", "", sent.issued_on.year if sent.issued_on else office_today(clock.now()).year

    return await _after(request, signed_in, commune_id, form.get("body", ""), catalogue, clock, action, form)


@router.post(PAGE + "/{document_id}/thu-hoi", response_class=HTMLResponse)
async def recall_from_form(
    request: Request,
    signed_in: IssuesOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    catalogue: CatalogueDep,
    clock: ClockDep,
) -> Response:
    """Recall an issued document (it keeps its number)."""
    form = await _posted(request, signed_in)
    outgoing: OutgoingPort = request.app.state.outgoing

    async def action() -> tuple[str, str, int]:
        recalled = await outgoing.recall(commune_id, document_id, form.get("reason", ""), signed_in.context)
        return (
            "recalled",
            "",
            recalled.issued_on.year if recalled.issued_on else office_today(clock.now()).year,
        )

    return await _after(request, signed_in, commune_id, form.get("body", ""), catalogue, clock, action, form)


@router.get(PAGE + "/{document_id}/ban-in")
async def formal_layout_file(
    request: Request,
    signed_in: ReadsOutgoingPage,
    commune_id: CommuneId,
    document_id: DocumentId,
    output: Annotated[Literal["docx", "html"], Query(alias="format")] = "docx",
) -> Response:
    """Bản thể thức: the document laid out by its family's rules, as a .docx to finish in Word or
    LibreOffice, or as HTML to print (the same renderer as ``GET …/outgoing-documents/{id}/render``)."""
    outgoing: OutgoingPort = request.app.state.outgoing
    try:
        rendered = await outgoing.render(commune_id, document_id, output, signed_in.context)
    except ServiceError as exc:
        raise HTTPException(http_status(exc)[0], exc.message(page_language(request))) from exc
    disposition = "inline" if output == "html" else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{rendered.file_name}"'}
    if rendered.content_security_policy:
        headers["Content-Security-Policy"] = rendered.content_security_policy
    return Response(content=rendered.content, media_type=rendered.media_type, headers=headers)
