"""Web page of incoming documents (văn bản đến): the registration form above the body's register."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from oneoffice.contracts.access import Permission

from ..application.calendar import office_today
from ..application.catalogue import FormCatalogue
from ..application.errors import InvalidRequest, ServiceError
from ..application.ports import DocumentsPort, Registration, ReportingPort, RequestContext
from .csrf import posted_token
from .deps import CatalogueDep, ClockDep, DocumentsDep, ReportingDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .incoming_form import MAX_FORM_BYTES, IncomingForm, field_errors
from .incoming_view import register_table, selector_options
from .language import Language, page_language
from .messages import text
from .page_access import ReadsIncomingPage, RegistersIncomingPage, csrf_refused
from .page_header import header
from .page_session import SignedInPage
from .service_problems import http_status
from .templating import templates

# Each page declares its access rule (page_access): the signed-in user acts, never the gateway.
router = APIRouter(tags=["pages"], include_in_schema=False)

PAGE = "/communes/{commune_id}/van-ban-den"
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)]
DEFAULT_BODY = "UBND"


@dataclass(frozen=True, slots=True)
class PageDeps:
    documents: DocumentsPort
    reporting: ReportingPort
    catalogue: FormCatalogue
    signed_in: SignedInPage

    @property
    def context(self) -> RequestContext:
        return self.signed_in.context


@dataclass
class PageState:
    """What one rendering of the page shows besides the register."""

    form: IncomingForm
    body: str
    year: int
    page_token: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    general_errors: list[str] = field(default_factory=list)
    notices: list[dict[str, str]] = field(default_factory=list)


def page_url(commune_id: str, language: Language, **params: Any) -> str:
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if language == "en":
        query["lang"] = "en"
    return f"/communes/{commune_id}/van-ban-den" + (f"?{urlencode(query)}" if query else "")


def _body_label(deps: PageDeps, code: str, language: Language) -> str:
    choice = deps.catalogue.body(code)
    return choice.label(language) if choice else code


async def _render(
    request: Request, deps: PageDeps, commune_id: str, state: PageState, language: Language, status: int
) -> HTMLResponse:
    table = await register_table(
        deps.reporting,
        deps.context,
        deps.catalogue,
        commune_id,
        state.body,
        state.year,
        state.page_token,
        language,
    )
    next_token = table.get("next_page_token")
    identity = deps.context.identity
    same_register = {"body": state.body, "year": state.year}
    values = {
        "lang": language,
        "h": header(
            request,
            language,
            deps.signed_in,
            other_url=page_url(commune_id, "vi" if language == "en" else "en", **same_register),
        ),
        "can_register": identity is not None and identity.may(Permission.INCOMING_REGISTER, commune_id),
        "csrf_token": deps.signed_in.csrf_token,
        "t": lambda key, **v: text(language, f"incoming.{key}", **v),
        "commune_id": commune_id,
        "form": state.form.values(),
        "errors": state.errors,
        "general_errors": state.general_errors,
        "notices": state.notices,
        "options": selector_options(deps.catalogue, language),
        "register": table,
        "register_of": text(
            language, "incoming.register.of", body=_body_label(deps, state.body, language), year=state.year
        ),
        "selected_body": state.body,
        "selected_year": state.year,
        "action": page_url(commune_id, language),
        "next_url": page_url(commune_id, language, **same_register, page_token=next_token)
        if next_token
        else None,
        "first_url": page_url(commune_id, language, **same_register) if state.page_token else None,
    }
    return templates.TemplateResponse(
        request, "incoming.html", values, status_code=status, headers={"Content-Language": language}
    )


async def _notices(
    deps: PageDeps, commune_id: str, done: Registration, body: str, language: Language
) -> list[dict[str, str]]:
    registered = text(
        language,
        "incoming.notice.registered",
        number=done.incoming_number,
        body=_body_label(deps, body, language),
        year=done.year,
    )
    notices = [{"kind": "success", "number": str(done.incoming_number), "text": registered}]
    if done.duplicate_of:
        first = ""
        try:
            original = await deps.documents.get_incoming(commune_id, done.duplicate_of, deps.context)
            first = text(language, "incoming.notice.duplicate_first", number=original.incoming_number)
        except ServiceError:
            pass  # the warning stands without the first document's number
        notices.append(
            {
                "kind": "warning",
                "number": "",
                "text": text(language, "incoming.notice.duplicate", first=first),
            }
        )
    return notices


@router.get(PAGE, response_class=HTMLResponse)
async def incoming_documents_page(
    request: Request,
    signed_in: ReadsIncomingPage,
    commune_id: CommuneId,
    documents: DocumentsDep,
    reporting: ReportingDep,
    catalogue: CatalogueDep,
    clock: ClockDep,
    body: Annotated[str | None, Query(max_length=64)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
    page_token: Annotated[str, Query(max_length=500)] = "",
    registered: Annotated[str | None, Query(max_length=64)] = None,
    number: Annotated[int | None, Query(ge=1)] = None,
    duplicate_of: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    """Văn bản đến: the registration form, a notice after registering, and the register."""
    deps = PageDeps(documents, reporting, catalogue, signed_in)
    language = page_language(request)
    today = office_today(clock.now())
    selected = body if body and deps.catalogue.body(body) else DEFAULT_BODY
    state = PageState(
        form=IncomingForm.blank(body_code=selected, received_date=today.isoformat()),
        body=selected,
        year=year or today.year,
        page_token=page_token,
    )
    if registered and number:
        # Shown from the redirect's query: the register's read model may not have caught up yet.
        done = Registration(registered, number, state.year, clock.now(), duplicate_of or None)
        state.notices = await _notices(deps, commune_id, done, selected, language)
    return await _render(request, deps, commune_id, state, language, 200)


@router.post(PAGE, response_class=HTMLResponse)
async def register_from_form(
    request: Request,
    signed_in: RegistersIncomingPage,
    commune_id: CommuneId,
    documents: DocumentsDep,
    reporting: ReportingDep,
    catalogue: CatalogueDep,
    clock: ClockDep,
) -> Response:
    """Register the posted document as the signed-in user, then show the page again (303) with the số đến."""
    deps = PageDeps(documents, reporting, catalogue, signed_in)
    language = page_language(request)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise HTTPException(415)
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        raise HTTPException(413)
    posted = await request.body()
    if not signed_in.accepts_form(posted_token(posted)):
        raise csrf_refused(signed_in)  # before anything is parsed further or asked of a service
    form = IncomingForm.parse(posted)
    try:
        form.check_text()  # before any service is asked: nothing reaches them
        done = await deps.documents.register_incoming(
            commune_id, form.draft(), form.idempotency_key, deps.context
        )
    except ServiceError as exc:
        body = form.body_code if deps.catalogue.body(form.body_code) else DEFAULT_BODY
        state = PageState(form=form, body=body, year=office_today(clock.now()).year)
        if isinstance(exc, InvalidRequest):
            state.errors, state.general_errors = field_errors(exc, language)
        else:
            state.general_errors = [exc.message(language)]
        state.general_errors.insert(0, text(language, "incoming.form.errors"))
        return await _render(request, deps, commune_id, state, language, http_status(exc)[0])
    url = page_url(
        commune_id,
        language,
        body=form.body_code.strip().upper(),
        year=done.year,
        registered=done.document_id,
        number=done.incoming_number,
        duplicate_of=done.duplicate_of,
    )
    return RedirectResponse(url, status_code=303)
