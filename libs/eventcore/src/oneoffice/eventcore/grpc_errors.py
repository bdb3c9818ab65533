"""What every service answers on gRPC for errors of its event store, mapped once here.

A service's own typed errors are mapped by its ``entrypoints/grpc_errors.py``; what the store raises
is the same in every service: data the store refuses (:class:`~.errors.EventRejected`: too large
for the topic, unportable numbers) is INVALID_ARGUMENT, since the same request fails the same way;
a database that is away is UNAVAILABLE, since the same request may succeed later. Both carry the
message in Vietnamese (details) and English (``message-en``) with an ``error-code``, as the gateway
reads them.
"""

from __future__ import annotations

from typing import Any

import grpc
import structlog

from .applier import is_infrastructure_error
from .db_errors import describe
from .errors import EventRejected

log = structlog.get_logger("oneoffice.eventcore.grpc_errors")


def ascii_text(text: str) -> str:
    """``text`` as a metadata value: values without the ``-bin`` suffix must be printable ASCII, so
    the other characters, ASCII controls (a tab quoted from the input) included, are escaped."""
    escaped = text.encode("ascii", "backslashreplace").decode("ascii")
    return "".join(c if " " <= c <= "~" else f"\\x{ord(c):02x}" for c in escaped)


async def abort_for_store_error(
    context: Any, exc: BaseException, *, unavailable_vi: str, unavailable_en: str
) -> None:
    """End the call when ``exc`` is an error of the event store; return when it is not."""
    if isinstance(exc, EventRejected):
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            exc.message_vi,
            (("message-en", ascii_text(exc.message_en)), ("error-code", exc.code)),
        )
    if isinstance(exc, Exception) and is_infrastructure_error(exc):
        log.warning("database unavailable", error=describe(exc))
        await context.abort(
            grpc.StatusCode.UNAVAILABLE,
            unavailable_vi,
            (("message-en", unavailable_en), ("error-code", "unavailable")),
        )
