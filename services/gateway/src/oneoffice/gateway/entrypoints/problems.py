"""Errors as RFC 9457 (formerly 7807) ``application/problem+json``, in the client's language.

Titles and details come from :mod:`.messages`; about:blank problems carry the localised status
phrase as their title, which the RFC allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from .language import Language, api_language
from .messages import has_text, text
from .security_headers import UNHANDLED_ERROR_HEADERS

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(BaseModel):
    """The body of every error response (for the OpenAPI schema)."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


def problem_response(
    request: Request,
    status: int,
    *,
    title: str,
    detail: str | None,
    language: Language,
    problem_type: str = "about:blank",
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body = {
        "type": problem_type,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    return JSONResponse(
        jsonable_encoder({**body, **extensions}),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={**(headers or {}), "Content-Language": language},
    )


def _status_texts(request: Request, status: int, language: Language) -> tuple[str, str]:
    key = f"problem.{status}" if has_text(language, f"problem.{status}.title") else "problem.default"
    values = {"status": status, "path": request.url.path, "method": request.method}
    return text(language, f"{key}.title", **values), text(language, f"{key}.detail", **values)


def _undecodable_body() -> RequestValidationError:
    return RequestValidationError(
        [
            {
                "type": "json_invalid",
                "loc": ("body",),
                "msg": "The body is not JSON: it is not UTF-8 text.",
                "ctx": {
                    "message_vi": "Nội dung gửi lên không phải JSON: không phải văn bản UTF-8.",
                    "message_en": "The body is not JSON: it is not UTF-8 text.",
                },
            }
        ]
    )


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI answers malformed JSON with 422 but a body that is not UTF-8 with a bare 400:
        # both are a body that is not JSON, answered alike (the 422 every body route documents).
        return await validation_exception_handler(request, _undecodable_body())
    if exc.status_code in {204, 304}:
        return Response(status_code=exc.status_code, headers=exc.headers)
    language = api_language(request)
    title, detail = _status_texts(request, exc.status_code, language)
    # A detail the raiser wrote itself says more than the generic one; the standard phrase does not.
    if exc.detail and exc.detail != HTTPStatus(exc.status_code).phrase:
        detail = str(exc.detail)
    return problem_response(
        request, exc.status_code, title=title, detail=detail, language=language, headers=exc.headers
    )


def _message(error: Mapping[str, Any], language: Language) -> str:
    """Our own checks carry their message in both languages (see :mod:`.text_fields`)."""
    localised = (error.get("ctx") or {}).get(f"message_{language}")
    return str(localised or error["msg"])


async def validation_exception_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    language = api_language(request)
    title, detail = _status_texts(request, 422, language)
    # Only where and what: echoing the rejected input could leak what the client sent.
    errors = [{"loc": list(e["loc"]), "msg": _message(e, language), "type": e["type"]} for e in exc.errors()]
    return problem_response(
        request,
        422,
        title=title,
        detail=detail,
        language=language,
        problem_type="urn:oneoffice:problem:validation",
        errors=errors,
    )


async def unhandled_exception_handler(request: Request, exc: Exception) -> Response:
    # No logging here: Starlette re-raises the exception after this answer, and the server logs it.
    language = api_language(request)
    title, detail = _status_texts(request, 500, language)
    # This answer leaves outside every middleware: it carries the security headers itself.
    return problem_response(
        request, 500, title=title, detail=detail, language=language, headers=UNHANDLED_ERROR_HEADERS
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_exception_handler(Exception, unhandled_exception_handler)
