"""A failed gRPC call becomes one typed ServiceError, Vietnamese details and English trailer kept."""

from __future__ import annotations

import json

import grpc
import pytest

from oneoffice.gateway.adapters.grpc_status import refused_caller, service_error
from oneoffice.gateway.application.errors import (
    BackendFailure,
    Conflict,
    FieldViolation,
    Forbidden,
    InvalidRequest,
    NotFound,
    NotImplementedByService,
    ServiceError,
    Unavailable,
)


def _rpc_error(
    code: grpc.StatusCode, details: str, *trailers: tuple[str, str | bytes]
) -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), grpc.aio.Metadata(*trailers), details)


def test_invalid_argument_keeps_both_languages_and_each_field() -> None:
    violations = [
        {
            "field": "issuer",
            "code": "empty_issuer",
            "message_vi": "Chưa nhập tác giả.",
            "message_en": "No issuer.",
        }
    ]
    exc = _rpc_error(
        grpc.StatusCode.INVALID_ARGUMENT,
        "Chưa nhập tác giả.",
        ("message-en", "No issuer."),
        ("field-violations-bin", json.dumps(violations).encode()),
    )

    error = service_error("documents", exc)

    assert isinstance(error, InvalidRequest)
    assert (error.message_vi, error.message_en, error.service) == (
        "Chưa nhập tác giả.",
        "No issuer.",
        "documents",
    )
    assert error.violations == (FieldViolation("issuer", "empty_issuer", "Chưa nhập tác giả.", "No issuer."),)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (grpc.StatusCode.NOT_FOUND, NotFound),
        (grpc.StatusCode.PERMISSION_DENIED, Forbidden),
        (grpc.StatusCode.UNAUTHENTICATED, BackendFailure),
        (grpc.StatusCode.ABORTED, Conflict),
        (grpc.StatusCode.FAILED_PRECONDITION, Conflict),
        (grpc.StatusCode.UNAVAILABLE, Unavailable),
        (grpc.StatusCode.DEADLINE_EXCEEDED, Unavailable),
        (grpc.StatusCode.UNIMPLEMENTED, NotImplementedByService),
        (grpc.StatusCode.INTERNAL, BackendFailure),
        (grpc.StatusCode.UNKNOWN, BackendFailure),
    ],
)
def test_each_status_maps_to_one_error_kind(code: grpc.StatusCode, kind: type[ServiceError]) -> None:
    assert type(service_error("documents", _rpc_error(code, "x"))) is kind


def test_transport_failures_are_worded_by_the_gateway_in_vietnamese() -> None:
    exc = _rpc_error(grpc.StatusCode.UNAVAILABLE, "failed to connect to all addresses")

    error = service_error("reporting", exc)

    assert error.message_vi == "Dịch vụ báo cáo không phản hồi; hãy thử lại sau."
    assert error.message_en == "The reporting service is not responding; try again later."


def test_a_refusal_without_english_trailer_gets_a_generic_english_message() -> None:
    error = service_error("documents", _rpc_error(grpc.StatusCode.NOT_FOUND, "Không tìm thấy."))

    assert error.message_vi == "Không tìm thấy."
    assert error.message_en == "The documents service refused the request."


def test_unreadable_violations_are_dropped_not_fatal() -> None:
    exc = _rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "Sai.", ("field-violations-bin", b"not json"))

    error = service_error("documents", exc)

    assert isinstance(error, InvalidRequest) and error.violations == ()


def test_a_services_refusal_of_the_caller_is_forbidden_in_both_languages() -> None:
    exc = _rpc_error(
        grpc.StatusCode.PERMISSION_DENIED,
        "Tài khoản vanthu-16882 không được làm việc với đơn vị 16876.",
        ("message-en", "Account vanthu-16882 may not act on administrative unit 16876."),
        ("error-code", "out_of_scope"),
    )

    error = service_error("documents", exc)

    assert isinstance(error, Forbidden)
    assert (error.message_vi, error.message_en) == (
        "Tài khoản vanthu-16882 không được làm việc với đơn vị 16876.",
        "Account vanthu-16882 may not act on administrative unit 16876.",
    )


def test_a_service_not_trusting_the_gateway_is_the_operators_problem_never_the_users() -> None:
    exc = _rpc_error(
        grpc.StatusCode.UNAUTHENTICATED,
        "Dịch vụ từ chối cuộc gọi.",
        ("message-en", "The service refuses the call."),
        ("error-code", "caller_unauthenticated"),
    )

    error = service_error("staff", exc)

    assert isinstance(error, BackendFailure)
    assert "quản trị hệ thống" in error.message_vi
    assert "misconfigured" in error.message_en
    assert refused_caller(exc)


def test_a_wrong_password_is_no_refusal_of_the_gateway() -> None:
    exc = _rpc_error(
        grpc.StatusCode.UNAUTHENTICATED,
        "Sai tên đăng nhập hoặc mật khẩu.",
        ("error-code", "authentication_failed"),
    )

    assert not refused_caller(exc)
