"""The one place staff errors become gRPC statuses.

Details (the status message) are Vietnamese, for the office; trailing metadata carries
``message-en`` (English, ASCII) and ``error-code``.
"""

from __future__ import annotations

from typing import Any, NoReturn

import grpc

from oneoffice.eventcore.grpc_errors import abort_for_store_error, ascii_text

from ..domain.duty_errors import CatalogueVersionNotFound, RosterBusy
from ..domain.errors import (
    AccountBusy,
    AccountDisabledError,
    AccountExists,
    AccountNotFound,
    AuthenticationFailed,
    StaffError,
)
from ..domain.people_errors import PeopleBusy, PersonNotFound
from ..domain.unit_errors import RegistryBusy, UnitNotFound

UNAVAILABLE_VI = "Dịch vụ nhân sự tạm thời không truy cập được cơ sở dữ liệu; hãy thử lại sau."
UNAVAILABLE_EN = "The staff service cannot reach its database for now; try again later."

_STATUSES: tuple[tuple[type[StaffError], grpc.StatusCode], ...] = (
    (AuthenticationFailed, grpc.StatusCode.UNAUTHENTICATED),
    (AccountNotFound, grpc.StatusCode.NOT_FOUND),
    (AccountExists, grpc.StatusCode.ALREADY_EXISTS),
    (AccountDisabledError, grpc.StatusCode.FAILED_PRECONDITION),
    (AccountBusy, grpc.StatusCode.ABORTED),
    (UnitNotFound, grpc.StatusCode.NOT_FOUND),
    (RegistryBusy, grpc.StatusCode.ABORTED),
    (PersonNotFound, grpc.StatusCode.NOT_FOUND),
    (PeopleBusy, grpc.StatusCode.ABORTED),
    (CatalogueVersionNotFound, grpc.StatusCode.NOT_FOUND),
    (RosterBusy, grpc.StatusCode.ABORTED),
)


def _status(exc: StaffError) -> grpc.StatusCode:
    for kind, status in _STATUSES:
        if isinstance(exc, kind):
            return status
    return grpc.StatusCode.INVALID_ARGUMENT


async def abort_with(context: Any, exc: BaseException) -> NoReturn:
    """End the call with the status ``exc`` maps to; an unexpected error is re-raised (UNKNOWN)."""
    if isinstance(exc, StaffError):
        metadata = (("message-en", ascii_text(exc.message_en)), ("error-code", exc.code))
        await context.abort(_status(exc), exc.message_vi, metadata)
    await abort_for_store_error(context, exc, unavailable_vi=UNAVAILABLE_VI, unavailable_en=UNAVAILABLE_EN)
    raise exc
