"""The one place where the service's typed errors become gRPC statuses.

The status details carry the Vietnamese message (what the office staff read); the English message
travels in the ``message-en`` trailing metadata, and the offending field, when known, in ``field``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc

from ..application.dashboard_errors import UnitOutOfScope, UnknownUnit
from ..application.errors import InvalidQuery, NoEventSource, ReportingError
from ..application.registers import UnknownRegisterKind

MESSAGE_EN_KEY = "message-en"
FIELD_KEY = "field"

_STATUS: tuple[tuple[type[ReportingError], grpc.StatusCode], ...] = (
    (InvalidQuery, grpc.StatusCode.INVALID_ARGUMENT),
    (NoEventSource, grpc.StatusCode.FAILED_PRECONDITION),
    (UnknownUnit, grpc.StatusCode.NOT_FOUND),
    (UnitOutOfScope, grpc.StatusCode.PERMISSION_DENIED),
    (UnknownRegisterKind, grpc.StatusCode.NOT_FOUND),
)


def status_of(error: ReportingError) -> grpc.StatusCode:
    for error_type, code in _STATUS:
        if isinstance(error, error_type):
            return code
    return grpc.StatusCode.INTERNAL


def trailing_metadata_of(error: ReportingError) -> tuple[tuple[str, str], ...]:
    # ASCII only: non-binary gRPC metadata values cannot carry anything else.
    metadata = [(MESSAGE_EN_KEY, error.message_en.encode("ascii", "replace").decode())]
    if isinstance(error, InvalidQuery):
        metadata.append((FIELD_KEY, error.field))
    return tuple(metadata)


@asynccontextmanager
async def reporting_errors(context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
    """Abort the call with the status of a :class:`ReportingError` raised inside the block."""
    try:
        yield
    except ReportingError as error:
        await context.abort(status_of(error), error.message_vi, trailing_metadata_of(error))
