"""Typed errors become gRPC statuses in one place: Vietnamese details, English in trailing metadata."""

from __future__ import annotations

import grpc

from oneoffice.reporting.application.errors import InvalidQuery, NoEventSource, ReportingError
from oneoffice.reporting.entrypoints.grpc_errors import status_of, trailing_metadata_of


def test_invalid_query_is_invalid_argument_with_english_message_and_field() -> None:
    error = InvalidQuery("year", "Năm không hợp lệ.", "year is invalid.")

    assert status_of(error) is grpc.StatusCode.INVALID_ARGUMENT
    assert trailing_metadata_of(error) == (("message-en", "year is invalid."), ("field", "year"))


def test_missing_event_source_is_a_failed_precondition() -> None:
    assert status_of(NoEventSource()) is grpc.StatusCode.FAILED_PRECONDITION


def test_unmapped_error_is_internal_and_its_metadata_stays_ascii() -> None:
    error = ReportingError("Lỗi.", "Số đến broke")

    assert status_of(error) is grpc.StatusCode.INTERNAL
    assert trailing_metadata_of(error) == (("message-en", "S? ??n broke"),)
