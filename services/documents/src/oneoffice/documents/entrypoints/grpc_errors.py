"""The one place documents errors become gRPC statuses.

Details (the status message) are Vietnamese, for the office; trailing metadata carries
``message-en`` (English, ASCII), ``error-code`` and, for rule violations, ``field-violations-bin``:
UTF-8 JSON ``[{"field", "code", "message_vi", "message_en"}]`` so a front end can show each message
next to its field.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

import grpc
import structlog

from oneoffice.eventcore.applier import is_infrastructure_error
from oneoffice.eventcore.errors import EventRejected

from ..application.errors import IncomingDocumentNotFound, RegisterBusy
from ..domain.errors import DocumentsError, InvalidIncomingDocument, RuleViolation

log = structlog.get_logger("oneoffice.documents.grpc")

UNAVAILABLE_VI = "Dịch vụ văn bản tạm thời không truy cập được cơ sở dữ liệu; hãy thử lại sau."
UNAVAILABLE_EN = "The documents service cannot reach its database for now; try again later."


def _ascii(text: str) -> str:
    # Metadata values without the -bin suffix must be printable ASCII.
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _violations(exc: DocumentsError) -> list[RuleViolation]:
    if isinstance(exc, InvalidIncomingDocument):
        return list(exc.violations)
    return [exc] if isinstance(exc, RuleViolation) else []


def _status(exc: DocumentsError) -> grpc.StatusCode:
    if isinstance(exc, IncomingDocumentNotFound):
        return grpc.StatusCode.NOT_FOUND
    if isinstance(exc, RegisterBusy):
        return grpc.StatusCode.ABORTED
    return grpc.StatusCode.INVALID_ARGUMENT


async def abort_with(context: Any, exc: BaseException) -> NoReturn:
    """End the call with the status ``exc`` maps to; an unexpected error is re-raised (UNKNOWN)."""
    if isinstance(exc, DocumentsError):
        metadata: list[tuple[str, str | bytes]] = [
            ("message-en", _ascii(exc.message_en)),
            ("error-code", exc.code),
        ]
        violations = [
            {"field": v.field, "code": v.code, "message_vi": v.message_vi, "message_en": v.message_en}
            for v in _violations(exc)
        ]
        if violations:
            metadata.append(("field-violations-bin", json.dumps(violations, ensure_ascii=False).encode()))
        await context.abort(_status(exc), exc.message_vi, tuple(metadata))
    if isinstance(exc, EventRejected):
        # The store refused the data (too large for the topic, unportable numbers): the same
        # request fails the same way, so the caller has to change it.
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            exc.message_vi,
            (("message-en", _ascii(exc.message_en)), ("error-code", exc.code)),
        )
    if isinstance(exc, Exception) and is_infrastructure_error(exc):
        log.warning("database unavailable", error=repr(exc))
        await context.abort(
            grpc.StatusCode.UNAVAILABLE,
            UNAVAILABLE_VI,
            (("message-en", UNAVAILABLE_EN), ("error-code", "unavailable")),
        )
    raise exc
