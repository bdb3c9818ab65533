"""The header of every page (who is signed in, the logout button, the language switch) and the
addresses of the login and logout pages (and which ``next`` the login may go back to)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request

from .language import Language
from .messages import text
from .page_session import SignedInPage

LOGIN_PATH = "/dang-nhap"
LOGOUT_PATH = "/dang-xuat"


def other_language(language: Language) -> Language:
    return "vi" if language == "en" else "en"


def localized(path: str, language: Language, **params: str | None) -> str:
    """``path`` with ``params`` (empty ones left out) and ``lang=en`` on the English pages."""
    query = {name: value for name, value in params.items() if value}
    if language == "en":
        query["lang"] = "en"
    return path + (f"?{urlencode(query)}" if query else "")


def requested_path(request: Request) -> str:
    """Where the request went (path and query), to come back to after logging in."""
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def safe_next(value: str | None) -> str:
    """``value`` if it is a path of this site; else ``/``. Refuses ``//host``, ``/\\host``, schemes
    and control characters (browsers drop tabs and newlines, turning ``/\\t/host`` into ``//host``)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in value):
        return "/"
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else "/"


def login_url(language: Language, next_url: str | None = None) -> str:
    return localized(LOGIN_PATH, language, next=next_url if next_url and next_url != "/" else None)


def switched_language_url(request: Request, language: Language) -> str:
    """This page's address in the other language (its other query parameters kept)."""
    query = [(name, value) for name, value in request.query_params.multi_items() if name != "lang"]
    if other_language(language) == "en":
        query.append(("lang", "en"))
    return request.url.path + (f"?{urlencode(query)}" if query else "")


def header(
    request: Request, language: Language, signed_in: SignedInPage | None, *, other_url: str | None = None
) -> dict[str, Any]:
    """What ``_header.html`` shows."""
    return {
        "lang": language,
        "home_url": localized("/", language),
        "home": text(language, "auth.home"),
        "user": signed_in.display_name() if signed_in else None,
        "username": signed_in.account.username if signed_in else None,
        "signed_in_as": text(language, "auth.signed_in_as"),
        "csrf_token": signed_in.csrf_token if signed_in else "",
        "logout_action": localized(LOGOUT_PATH, language),
        "logout": text(language, "auth.logout"),
        "login_url": login_url(language, requested_path(request)) if request.url.path != LOGIN_PATH else None,
        "login": text(language, "auth.login"),
        "other_lang": other_language(language),
        "other_url": other_url or switched_language_url(request, language),
        "other_language": text(language, "page.other_language"),
    }
