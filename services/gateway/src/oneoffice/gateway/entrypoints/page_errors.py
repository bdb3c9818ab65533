"""What a page answers when the access check refuses: the login form (303) or a 403 page."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from .language import page_language
from .messages import text
from .page_access import PageForbidden, SignInRequired
from .page_header import header, login_url, requested_path
from .session_cookie import clear_session, session_token
from .templating import templates


async def sign_in_required_handler(request: Request, exc: Exception) -> Response:
    """303 to the login form, which comes back here once signed in; a refused cookie is cleared."""
    assert isinstance(exc, SignInRequired)
    response = RedirectResponse(login_url(page_language(request), requested_path(request)), status_code=303)
    if session_token(request):
        clear_session(request, response)
    return response


async def page_forbidden_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageForbidden)
    language = page_language(request)
    values = {
        "lang": language,
        "h": header(request, language, exc.signed_in),
        "title": text(language, "auth.forbidden.title"),
        "reason": exc.message(language),
        "home_link": text(language, "auth.forbidden.home"),
    }
    return templates.TemplateResponse(
        request, "forbidden.html", values, status_code=403, headers={"Content-Language": language}
    )


def install_page_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, sign_in_required_handler)
    app.add_exception_handler(PageForbidden, page_forbidden_handler)
