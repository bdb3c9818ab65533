"""The login form (``/dang-nhap``) and logout (``/dang-xuat``) of the web pages.

Logging in checks the password with the staff service, as the token route does, and keeps the
token it issues in the session cookie (:mod:`.session_cookie`); the browser then goes back to the
page that asked (``next``: a path of this site only, never another site). Both forms carry a CSRF
token (:mod:`.csrf`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..application.errors import ServiceError
from ..application.login_attempts import LoginAttempts
from ..application.ports import Account, RequestContext, StaffPort
from ..config import Settings
from .access import PUBLIC
from .authentication import StaffDep, TokensDep
from .csrf import CSRF_FIELD, LOGIN_NONCE_COOKIE
from .deps import RequestContextDep
from .language import Language, page_language
from .messages import text
from .page_access import csrf_refused
from .page_header import (
    LOGIN_PATH,
    LOGOUT_PATH,
    header,
    localized,
    login_url,
    other_language,
    safe_next,
)
from .page_session import CsrfDep, OptionalSignedIn
from .rate_limits import client_address
from .service_problems import http_status
from .session_cookie import clear_session, session_token, set_session
from .templating import templates

router = APIRouter(tags=["pages"], include_in_schema=False, dependencies=[PUBLIC])

# A login or logout form is a few hundred bytes.
MAX_LOGIN_FORM_BYTES = 8 * 1024
FORM_TYPE = "application/x-www-form-urlencoded"


def get_login_attempts(request: Request) -> LoginAttempts:
    attempts: LoginAttempts = request.app.state.login_attempts
    return attempts


LoginAttemptsDep = Annotated[LoginAttempts, Depends(get_login_attempts)]


async def _form(request: Request) -> dict[str, str]:
    """The posted form; 415 for another type, 413 for an oversized one (the standard library parses it)."""
    if not request.headers.get("content-type", "").startswith(FORM_TYPE):
        raise HTTPException(415)
    if int(request.headers.get("content-length") or 0) > MAX_LOGIN_FORM_BYTES:
        raise HTTPException(413)
    body = await request.body()
    if len(body) > MAX_LOGIN_FORM_BYTES:
        raise HTTPException(413)
    return dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))


def _render_login(
    request: Request,
    language: Language,
    *,
    nonce: str,
    csrf: CsrfDep,
    next_url: str,
    username: str = "",
    error: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    values = {
        "lang": language,
        "h": header(request, language, None, other_url=login_url(other_language(language), next_url)),
        "t": lambda key: text(language, f"auth.login.{key}"),
        "action": localized(LOGIN_PATH, language),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf.for_login(nonce),
        "next": next_url,
        "username": username,
        "error": error,
    }
    response = templates.TemplateResponse(
        request,
        "login.html",
        values,
        status_code=status,
        headers={"Content-Language": language, **(headers or {})},
    )
    settings: Settings = request.app.state.settings
    # Double submit: the form's token is the HMAC of this cookie's nonce (see .csrf).
    response.set_cookie(
        LOGIN_NONCE_COOKIE,
        nonce,
        path=LOGIN_PATH,
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
    return response


@router.get(LOGIN_PATH, response_class=HTMLResponse)
async def login_page(
    request: Request, csrf: CsrfDep, next: Annotated[str | None, Query(max_length=2000)] = None
) -> HTMLResponse:
    """Đăng nhập: the login form."""
    nonce = request.cookies.get(LOGIN_NONCE_COOKIE) or csrf.new_login_nonce()
    return _render_login(request, page_language(request), nonce=nonce, csrf=csrf, next_url=safe_next(next))


@dataclass(frozen=True, slots=True)
class TryLater:
    seconds: int


async def attempt_login(
    attempts: LoginAttempts,
    staff: StaffPort,
    username: str,
    password: str,
    client: str,
    context: RequestContext,
) -> Account | TryLater | None:
    """The one door of the login form: the account; None for wrong credentials or a disabled
    account; :class:`TryLater` when too many attempts failed.

    Asks :class:`LoginAttempts` first and tells it how the attempt ended: the token route's rate
    limits, with the same counters.
    """
    wait = await attempts.begin(username, client)
    if wait is not None:
        return TryLater(wait)
    account: Account | None = None
    try:
        account = await staff.authenticate(username, password, context) if username and password else None
    finally:
        await attempts.end(username, client, failed=account is None)
    return account


@router.post(LOGIN_PATH, response_class=HTMLResponse)
async def log_in(
    request: Request,
    staff: StaffDep,
    tokens: TokensDep,
    csrf: CsrfDep,
    attempts: LoginAttemptsDep,
    context: RequestContextDep,
) -> Response:
    """Check the credentials; set the session cookie and go back to ``next`` (303)."""
    language = page_language(request)
    form = await _form(request)
    nonce = request.cookies.get(LOGIN_NONCE_COOKIE)
    if not csrf.login_form_ok(nonce, form.get(CSRF_FIELD)):
        raise csrf_refused(None)
    assert nonce is not None
    next_url = safe_next(form.get("next"))
    username, password = form.get("username", "").strip(), form.get("password", "")
    again = partial(
        _render_login, request, language, nonce=nonce, csrf=csrf, next_url=next_url, username=username
    )
    client = client_address(request.scope, request.app.state.trusted_proxies)
    try:
        outcome = await attempt_login(attempts, staff, username, password, client, context)
    except ServiceError as exc:
        return again(error=exc.message(language), status=http_status(exc)[0])
    if isinstance(outcome, TryLater):
        error = text(language, "auth.login.too_many", seconds=outcome.seconds)
        return again(error=error, status=429, headers={"Retry-After": str(outcome.seconds)})
    if outcome is None:
        return again(error=text(language, "auth.login.failed"), status=401)
    issued = tokens.issue(outcome)
    response = RedirectResponse(next_url, status_code=303)
    set_session(request, response, issued.access_token, issued.expires_in)
    response.delete_cookie(LOGIN_NONCE_COOKIE, path=LOGIN_PATH)
    return response


@router.post(LOGOUT_PATH)
async def log_out(request: Request, csrf: CsrfDep, _signed_in: OptionalSignedIn) -> Response:
    """Clear the session cookie and go to the login form (303); the form's CSRF token is checked.

    Public: even an expired or disabled session may be cleared; the token bound to the session
    proves the form came from one of our pages.
    """
    form = await _form(request)
    token = session_token(request)
    if token and not csrf.session_form_ok(token, form.get(CSRF_FIELD)):
        raise csrf_refused(_signed_in)
    response = RedirectResponse(login_url(page_language(request)), status_code=303)
    clear_session(request, response)
    return response
