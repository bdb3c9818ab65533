"""Failed service calls as problem+json: the one mapping of :class:`ServiceError` to HTTP."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from ..application.errors import (
    BackendFailure,
    Conflict,
    ContentTooLarge,
    FieldViolation,
    Forbidden,
    InvalidRequest,
    NotFound,
    NotImplementedByService,
    ServiceError,
    Unavailable,
    UnsupportedContent,
)
from .language import Language, api_language
from .messages import text
from .problems import problem_response

# (status, problem type) by error class, most specific first.
_MAPPING: tuple[tuple[type[ServiceError], int, str], ...] = (
    (UnsupportedContent, 415, "urn:oneoffice:problem:unsupported-content"),
    (ContentTooLarge, 413, "urn:oneoffice:problem:content-too-large"),
    (InvalidRequest, 422, "urn:oneoffice:problem:invalid-request"),
    (NotFound, 404, "urn:oneoffice:problem:not-found"),
    (Forbidden, 403, "urn:oneoffice:problem:forbidden"),
    (Conflict, 409, "urn:oneoffice:problem:conflict"),
    (Unavailable, 503, "urn:oneoffice:problem:service-unavailable"),
    (NotImplementedByService, 501, "urn:oneoffice:problem:not-implemented"),
    (BackendFailure, 502, "urn:oneoffice:problem:service-failure"),
)
# Where the API takes each field a service may refuse (the rest are body fields).
_LOCATIONS: dict[str, list[str]] = {
    "commune_id": ["path", "commune_id"],
    "idempotency_key": ["header", "Idempotency-Key"],
}


def http_status(exc: ServiceError) -> tuple[int, str]:
    for cls, status, problem_type in _MAPPING:
        if isinstance(exc, cls):
            return status, problem_type
    return 502, "urn:oneoffice:problem:service-failure"


def violation_error(violation: FieldViolation, language: Language) -> dict[str, object]:
    """The same shape as request validation errors, so clients handle one list."""
    field = violation.field
    loc = _LOCATIONS.get(field, ["body", field]) if field else ["body"]
    message = violation.message_en if language == "en" else violation.message_vi
    return {"loc": loc, "msg": message, "type": violation.code}


async def service_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)
    language = api_language(request)
    status, problem_type = http_status(exc)
    extensions: dict[str, object] = {"service": exc.service}
    if isinstance(exc, InvalidRequest):
        extensions["errors"] = [violation_error(v, language) for v in exc.violations]
    headers = {"Retry-After": "1"} if status == 503 else None
    return problem_response(
        request,
        status,
        title=text(language, f"problem.{status}.title"),
        detail=exc.message(language),
        language=language,
        problem_type=problem_type,
        headers=headers,
        **extensions,
    )
