"""The pages' session: the same JWT the token route issues, kept in an HttpOnly cookie.

``HttpOnly``: no script reads it; ``SameSite=Strict``: the browser does not attach it to a request
another site starts (the first line against CSRF; :mod:`.csrf` is the second); ``Secure`` unless
``Settings.cookie_secure`` says otherwise; ``Max-Age`` the token's own lifetime, so the cookie and
the token expire together.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from ..config import Settings

SESSION_COOKIE = "oneoffice_session"


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def _secure(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return settings.cookie_secure


def set_session(request: Request, response: Response, token: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )


def clear_session(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=_secure(request), httponly=True, samesite="strict"
    )
