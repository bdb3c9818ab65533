"""What the request guards add to the OpenAPI document: the shared ``Idempotency-Key`` parameter on
every POST (with its 409 and 422), 413 on every POST, and 429 with ``Retry-After`` on the token route.

Added to the generated document rather than declared by each route, so a POST route added later is
documented as the middleware treats it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from .idempotency import IDEMPOTENCY_HEADER, MAX_KEY_LENGTH, REPLAYED_HEADER
from .problems import PROBLEM_MEDIA_TYPE, Problem

_PARAMETER = {
    "name": IDEMPOTENCY_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "description": (
        "Repeat it to retry safely (IETF draft “The Idempotency-Key HTTP Header Field”): the same key "
        "and the same request replay the first answer, marked `Idempotent-Replayed: true`; the same "
        "key with another request is 422; while the first request still runs, 409. Keys belong to "
        "the bearer token's user and are kept 24 hours."
    ),
}
_TOKEN_NOTE = (
    "\n\nNot idempotent: an `Idempotency-Key` is ignored here, because tokens are never stored. "
    "After too many failed logins for a username or from an address, every login is answered 429 "
    "until `Retry-After` seconds have passed."
)

_IN_PROGRESS = "The first request with this Idempotency-Key is still running"
_REUSED = "Invalid input, or the Idempotency-Key was used for another request"
_REPLAYED = {"description": "`true` on a replayed answer", "schema": {"type": "string", "enum": ["true"]}}


def _problem(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def document_guards(app: FastAPI, *, token_path: str) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        first = app.openapi_schema is None
        schema = generate()
        if first:
            _add_guards(schema, token_path)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_guards(schema: dict[str, Any], token_path: str) -> None:
    schema.setdefault("components", {}).setdefault("parameters", {})["IdempotencyKey"] = _PARAMETER
    for path, operations in schema.get("paths", {}).items():
        operation = operations.get("post")
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        responses.setdefault("413", _problem("The request body is larger than allowed"))
        if path == token_path:
            operation["description"] = operation.get("description", "") + _TOKEN_NOTE
            retry_after = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}
            responses.setdefault("429", _problem("Too many failed logins", retry_after))
            continue
        # The route's own declaration of the header (if any) gives way to the shared one, copied in
        # rather than referenced, for clients that read parameters by name without resolving $ref.
        parameters = [p for p in operation.get("parameters", []) if not _is_key_header(p)]
        operation["parameters"] = [*parameters, dict(_PARAMETER)]
        responses.setdefault("409", _problem(_IN_PROGRESS))
        responses.setdefault("422", _problem(_REUSED))
        for status, answer in responses.items():
            if status.startswith("2"):
                answer.setdefault("headers", {})[REPLAYED_HEADER] = _REPLAYED


def _is_key_header(parameter: dict[str, Any]) -> bool:
    return parameter.get("in") == "header" and str(parameter.get("name", "")).lower() == "idempotency-key"
