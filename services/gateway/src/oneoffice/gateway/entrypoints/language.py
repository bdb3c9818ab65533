"""Which language to answer in: Vietnamese, the office's language, unless the client asks for English."""

from __future__ import annotations

from typing import Literal

from fastapi import Request

Language = Literal["vi", "en"]
DEFAULT_LANGUAGE: Language = "vi"


def _supported(tag: str) -> Language | None:
    primary = tag.strip().lower().split("-", 1)[0]
    if primary == "vi":
        return "vi"
    if primary == "en":
        return "en"
    return None


def negotiate(accept_language: str | None) -> Language:
    """The best supported language of an ``Accept-Language`` header (RFC 9110 q-values), else Vietnamese."""
    best: Language = DEFAULT_LANGUAGE
    best_q = 0.0
    for item in (accept_language or "").split(","):
        tag, *params = item.split(";")
        language = _supported(tag)
        if language is None:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.strip().partition("=")
            if name.lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = language, q
    return best


def page_language(request: Request) -> Language:
    """Pages are Vietnamese unless ``?lang=en``: a clerk's English browser must not switch the UI."""
    return _supported(request.query_params.get("lang", "")) or DEFAULT_LANGUAGE


def api_language(request: Request) -> Language:
    """API answers follow ``?lang`` if given, else ``Accept-Language``."""
    explicit = _supported(request.query_params.get("lang", ""))
    return explicit or negotiate(request.headers.get("accept-language"))
