"""The one place staff errors become gRPC statuses.

Details (the status message) are Vietnamese, for the office; trailing metadata carries
``message-en`` (English, ASCII) and ``error-code``.
"""

from __future__ import annotations

from typing import Any, NoReturn

import grpc
import structlog

from oneoffice.eventcore.applier import is_infrastructure_error

from ..domain.errors import (
    AccountBusy,
    AccountDisabledError,
    AccountExists,
    AccountNotFound,
    AuthenticationFailed,
    StaffError,
)

log = structlog.get_logger("oneoffice.staff.grpc")

UNAVAILABLE_VI = "Dịch vụ nhân sự tạm thời không truy cập được cơ sở dữ liệu; hãy thử lại sau."
UNAVAILABLE_EN = "The staff service cannot reach its database for now; try again later."

_STATUSES: tuple[tuple[type[StaffError], grpc.StatusCode], ...] = (
    (AuthenticationFailed, grpc.StatusCode.UNAUTHENTICATED),
    (AccountNotFound, grpc.StatusCode.NOT_FOUND),
    (AccountExists, grpc.StatusCode.ALREADY_EXISTS),
    (AccountDisabledError, grpc.StatusCode.FAILED_PRECONDITION),
    (AccountBusy, grpc.StatusCode.ABORTED),
)


def _ascii(text: str) -> str:
    # Metadata values without the -bin suffix must be printable ASCII.
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _status(exc: StaffError) -> grpc.StatusCode:
    for kind, status in _STATUSES:
        if isinstance(exc, kind):
            return status
    return grpc.StatusCode.INVALID_ARGUMENT


async def abort_with(context: Any, exc: BaseException) -> NoReturn:
    """End the call with the status ``exc`` maps to; an unexpected error is re-raised (UNKNOWN)."""
    if isinstance(exc, StaffError):
        metadata = (("message-en", _ascii(exc.message_en)), ("error-code", exc.code))
        await context.abort(_status(exc), exc.message_vi, metadata)
    if isinstance(exc, Exception) and is_infrastructure_error(exc):
        log.warning("database unavailable", error=repr(exc))
        await context.abort(
            grpc.StatusCode.UNAVAILABLE,
            UNAVAILABLE_VI,
            (("message-en", UNAVAILABLE_EN), ("error-code", "unavailable")),
        )
    raise exc
