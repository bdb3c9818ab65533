"""The header of every page (who is signed in, the links to the pages the account may open, the
logout button, the language switch) and the addresses of the login and logout pages (and which
``next`` the login may go back to)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request

from oneoffice.contracts.access import Permission

from .language import Language
from .messages import text
from .page_session import SignedInPage

LOGIN_PATH = "/dang-nhap"
LOGOUT_PATH = "/dang-xuat"

# The header's links to the pages of a commune: (id, address, the permission that opens it, text key).
COMMUNE_LINKS: tuple[tuple[str, str, Permission, str], ...] = (
    ("registers-link", "/communes/{commune_id}/so-dang-ky", Permission.INCOMING_READ, "auth.nav.registers"),
    ("figures-link", "/communes/{commune_id}/so-lieu", Permission.FIGURES_READ, "auth.nav.figures"),
    ("dashboard-link", "/don-vi/{commune_id}/tong-quan", Permission.DASHBOARD_READ, "auth.nav.dashboard"),
)


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
        "links": nav_links(request, language, signed_in),
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


def nav_links(request: Request, language: Language, signed_in: SignedInPage | None) -> list[dict[str, str]]:
    """The links to the commune's pages the signed-in account may open: of the page's commune when
    the page has one the account may see, else of the first commune of its scope (the default
    commune when its scope names none, as for the auditor)."""
    if signed_in is None or signed_in.context.identity is None:
        return []
    identity = signed_in.context.identity
    commune_id = request.path_params.get("commune_id")
    if commune_id not in identity.scope:
        commune_id = identity.scope[0] if identity.scope else request.app.state.settings.default_commune_id
    return [
        {
            "id": link_id,
            "url": localized(path.format(commune_id=commune_id), language),
            "label": text(language, key),
        }
        for link_id, path, permission, key in COMMUNE_LINKS
        if identity.may(permission, commune_id)
    ]
