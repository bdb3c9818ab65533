"""The one place a failed gRPC call becomes a typed :class:`ServiceError`.

Our services put the Vietnamese message in the status details and the English one in the
``message-en`` trailer, with ``field-violations-bin`` (UTF-8 JSON) for rule violations. Transport
failures carry grpc's own English text, so the gateway words those itself.

``PERMISSION_DENIED`` (the service decided again and refused) is :class:`Forbidden` (403).
``UNAUTHENTICATED`` means the service did not trust the gateway itself (internal secret or
certificate misconfigured): never the user's fault, so never a 401, but a logged 502 for the operator.
"""

from __future__ import annotations

import json
from typing import Any

import grpc
import structlog

from oneoffice.eventcore.grpc_caller import CALLER_REFUSED

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

_UNAVAILABLE = {
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
    grpc.StatusCode.RESOURCE_EXHAUSTED,
    grpc.StatusCode.CANCELLED,
}
_CONFLICT = {grpc.StatusCode.ABORTED, grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.FAILED_PRECONDITION}
# Refusals of a file that HTTP names by a status of their own.
_BY_ERROR_CODE: dict[str, type[InvalidRequest]] = {
    "attachment_type_not_allowed": UnsupportedContent,
    "attachment_too_large": ContentTooLarge,
}
log = structlog.get_logger("oneoffice.gateway.grpc_status")
SERVICE_LABELS = {
    "documents": ("văn bản", "documents"),
    "reporting": ("báo cáo", "reporting"),
    "staff": ("nhân sự", "staff"),
}


def _trailer(metadata: Any, key: str) -> Any:
    if metadata is None:
        return None
    try:
        return metadata.get(key)
    except AttributeError:  # a plain tuple of pairs (sync API, fakes)
        return next((value for k, value in metadata if k == key), None)


def _violations(raw: Any) -> list[FieldViolation]:
    if not raw:
        return []
    try:
        items = json.loads(raw)
        return [
            FieldViolation(i.get("field"), str(i["code"]), str(i["message_vi"]), str(i["message_en"]))
            for i in items
        ]
    except (ValueError, TypeError, KeyError):
        return []


def refused_caller(exc: grpc.aio.AioRpcError) -> bool:
    """Whether the service refused the gateway's own credentials (not a user's password)."""
    code = _trailer(exc.trailing_metadata(), "error-code")
    return exc.code() == grpc.StatusCode.UNAUTHENTICATED and code in (None, CALLER_REFUSED)


def service_error(service: str, exc: grpc.aio.AioRpcError) -> ServiceError:
    code = exc.code()
    vi_name, en_name = SERVICE_LABELS.get(service, (service, service))
    if code == grpc.StatusCode.UNAUTHENTICATED:
        log.error(
            "the service refuses the gateway: check INTERNAL_AUTH, INTERNAL_SECRET and the TLS files of both",
            service=service,
            details=exc.details(),
        )
        return BackendFailure(
            service,
            f"Dịch vụ {vi_name} không tin cổng API (bí mật nội bộ hoặc chứng chỉ cấu hình sai); "
            "hãy báo quản trị hệ thống.",
            f"The {en_name} service does not trust the gateway (internal secret or certificate "
            "misconfigured); tell the system administrator.",
        )
    if code in _UNAVAILABLE:
        return Unavailable(
            service,
            f"Dịch vụ {vi_name} không phản hồi; hãy thử lại sau.",
            f"The {en_name} service is not responding; try again later.",
        )
    if code == grpc.StatusCode.UNIMPLEMENTED:
        return NotImplementedByService(
            service,
            f"Dịch vụ {vi_name} chưa hỗ trợ thao tác này.",
            f"The {en_name} service does not offer this operation yet.",
        )
    metadata = exc.trailing_metadata()
    message_vi = exc.details() or f"Dịch vụ {vi_name} từ chối yêu cầu."
    message_en = str(_trailer(metadata, "message-en") or f"The {en_name} service refused the request.")
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        violations = _violations(_trailer(metadata, "field-violations-bin"))
        kind = _BY_ERROR_CODE.get(str(_trailer(metadata, "error-code")), InvalidRequest)
        return kind(service, message_vi, message_en, violations)
    if code == grpc.StatusCode.NOT_FOUND:
        return NotFound(service, message_vi, message_en)
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return Forbidden(service, message_vi, message_en)
    if code in _CONFLICT:
        return Conflict(service, message_vi, message_en)
    return BackendFailure(
        service,
        f"Dịch vụ {vi_name} gặp lỗi ({code.name}); hãy thử lại sau.",
        f"The {en_name} service failed ({code.name}); try again later.",
    )
