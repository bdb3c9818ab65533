"""The problems the request guards answer themselves (before or around the routes), in both languages.

The guards are ASGI middleware, outside FastAPI's exception handlers: they send these answers
directly, built like every other problem (:func:`.problems.problem_response`).
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from .language import Language, api_language
from .problems import problem_response

_TEXTS: dict[str, dict[Language, tuple[str, str]]] = {
    "idempotency-key-reused": {
        "vi": (
            "Khóa chống trùng lặp đã được dùng",
            "Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới.",
        ),
        "en": (
            "Idempotency key already used",
            "This Idempotency-Key was used for another request; use a new key for a new request.",
        ),
    },
    "idempotency-key-in-use": {
        "vi": (
            "Yêu cầu đang được xử lý",
            "Yêu cầu đầu tiên với Idempotency-Key này chưa xử lý xong; hãy thử lại sau giây lát.",
        ),
        "en": (
            "Request still in progress",
            "The first request with this Idempotency-Key has not finished yet; retry in a moment.",
        ),
    },
    "too-many-login-attempts": {
        "vi": (
            "Quá nhiều lần đăng nhập không thành công",
            "Tài khoản hoặc địa chỉ này đã đăng nhập sai quá nhiều lần; hãy thử lại sau {seconds} giây.",
        ),
        "en": (
            "Too many failed logins",
            "Too many failed logins for this account or address; try again in {seconds} seconds.",
        ),
    },
    "content-too-large": {
        "vi": (
            "Dữ liệu quá lớn",
            "Dữ liệu gửi lên vượt quá giới hạn cho phép ({limit} byte).",
        ),
        "en": (
            "Content too large",
            "The data sent is larger than allowed ({limit} bytes).",
        ),
    },
}


def guard_problem(
    scope: Scope, status: int, kind: str, *, headers: Mapping[str, str] | None = None, **values: object
) -> Response:
    """The problem+json answer ``kind`` (type ``urn:oneoffice:problem:<kind>``) in the client's language."""
    request = Request(scope)
    language = api_language(request)
    title, detail = _TEXTS[kind][language]
    return problem_response(
        request,
        status,
        title=title,
        detail=detail.format(**values),
        language=language,
        problem_type=f"urn:oneoffice:problem:{kind}",
        headers=headers,
    )


async def send_guard_problem(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    kind: str,
    *,
    headers: Mapping[str, str] | None = None,
    **values: object,
) -> None:
    await guard_problem(scope, status, kind, headers=headers, **values)(scope, receive, send)
