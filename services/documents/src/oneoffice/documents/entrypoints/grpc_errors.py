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

from oneoffice.eventcore.grpc_errors import abort_for_store_error, ascii_text

from ..application.errors import IncomingDocumentNotFound, RegisterBusy, TaskNotFound
from ..application.history_errors import CommuneHistoryNotFound, DocumentHistoryNotFound
from ..application.outgoing_errors import OutgoingDocumentNotFound
from ..application.unit_guard import UnitRefused
from ..domain.attachment_errors import AttachmentContentMissing, AttachmentNotFound
from ..domain.errors import DocumentsError, InvalidIncomingDocument, RuleViolation
from ..domain.record_errors import RecordFileNotFound, RecordsBusy
from ..domain.work_errors import NotAHandler, NotTheLead, TaskNotDone, TaskNotOpen
from ..domain.working_calendar import CalendarYearMissing

UNAVAILABLE_VI = "Dịch vụ văn bản tạm thời không truy cập được cơ sở dữ liệu; hãy thử lại sau."
UNAVAILABLE_EN = "The documents service cannot reach its database for now; try again later."


def _violations(exc: DocumentsError) -> list[RuleViolation]:
    if isinstance(exc, InvalidIncomingDocument):
        return list(exc.violations)
    return [exc] if isinstance(exc, RuleViolation) else []


def _status(exc: DocumentsError) -> grpc.StatusCode:
    if isinstance(exc, IncomingDocumentNotFound | AttachmentNotFound | UnitRefused | RecordFileNotFound):
        return grpc.StatusCode.NOT_FOUND
    if isinstance(exc, AttachmentContentMissing):
        return grpc.StatusCode.DATA_LOSS
    if isinstance(exc, RegisterBusy | RecordsBusy):
        return grpc.StatusCode.ABORTED
    if isinstance(
        exc, TaskNotFound | OutgoingDocumentNotFound | DocumentHistoryNotFound | CommuneHistoryNotFound
    ):
        return grpc.StatusCode.NOT_FOUND
    if isinstance(exc, NotTheLead | NotAHandler):
        return grpc.StatusCode.PERMISSION_DENIED
    if isinstance(exc, TaskNotOpen | TaskNotDone | CalendarYearMissing):
        return grpc.StatusCode.FAILED_PRECONDITION
    return grpc.StatusCode.INVALID_ARGUMENT


async def abort_with(context: Any, exc: BaseException) -> NoReturn:
    """End the call with the status ``exc`` maps to; an unexpected error is re-raised (UNKNOWN)."""
    if isinstance(exc, DocumentsError):
        metadata: list[tuple[str, str | bytes]] = [
            ("message-en", ascii_text(exc.message_en)),
            ("error-code", exc.code),
        ]
        violations = [
            {"field": v.field, "code": v.code, "message_vi": v.message_vi, "message_en": v.message_en}
            for v in _violations(exc)
        ]
        if violations:
            metadata.append(("field-violations-bin", json.dumps(violations, ensure_ascii=False).encode()))
        await context.abort(_status(exc), exc.message_vi, tuple(metadata))
    await abort_for_store_error(context, exc, unavailable_vi=UNAVAILABLE_VI, unavailable_en=UNAVAILABLE_EN)
    raise exc
