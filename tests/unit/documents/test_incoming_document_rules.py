"""The rules an incoming document must satisfy; every message is in Vietnamese (and English)."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.documents.domain.errors import (
    DateInFuture,
    EmptyIssuer,
    EmptySummary,
    InvalidCommuneId,
    InvalidDate,
    InvalidIncomingDocument,
    InvalidUrgency,
    MissingActor,
    MissingChoice,
    ReceivedBeforeDocumentDate,
    RuleViolation,
    TextTooLong,
    UnknownBody,
    UnknownDocumentType,
)
from oneoffice.documents.domain.incoming_document import validate_incoming_document
from oneoffice.documents.domain.values import Urgency

from .builders import CATALOGUE, TODAY, document_input


def _violations(**changes: str) -> list[RuleViolation]:
    with pytest.raises(InvalidIncomingDocument) as caught:
        validate_incoming_document(document_input(**changes), CATALOGUE, TODAY)
    return list(caught.value.violations)


def _only(**changes: str) -> RuleViolation:
    violations = _violations(**changes)
    assert len(violations) == 1, [v.message_en for v in violations]
    return violations[0]


def test_valid_input_is_cleaned_and_typed() -> None:
    details = validate_incoming_document(
        document_input(issuer="  UBND   tỉnh Nghệ An ", body_code="ubnd", document_type="qd", urgency="khan"),
        CATALOGUE,
        TODAY,
    )

    assert details.issuer == "UBND tỉnh Nghệ An"
    assert (details.body_code, details.document_type, details.urgency) == ("UBND", "QD", Urgency.KHAN)
    assert (details.document_date, details.received_date) == (date(2026, 3, 2), date(2026, 3, 5))
    assert details.register_id.stream_id == "incoming-register:16876:UBND:2026"


@pytest.mark.parametrize("issuer", ["", "   "])
def test_empty_issuer_is_refused_in_vietnamese(issuer: str) -> None:
    error = _only(issuer=issuer)

    assert isinstance(error, EmptyIssuer)
    assert error.field == "issuer"
    assert error.message_vi == "Chưa nhập tác giả (cơ quan ban hành văn bản)."
    assert error.message_en == "The issuer of the document is missing."


def test_empty_summary_is_refused_in_vietnamese() -> None:
    error = _only(summary="")

    assert isinstance(error, EmptySummary)
    assert error.message_vi == "Chưa nhập trích yếu nội dung."


def test_unknown_body_is_refused_in_vietnamese() -> None:
    error = _only(body_code="UBKT")

    assert isinstance(error, UnknownBody)
    assert error.field == "body_code"
    assert error.message_vi == "Cơ quan «UBKT» không có trong danh mục cơ quan của văn phòng xã."


def test_unknown_document_type_is_refused_in_vietnamese() -> None:
    error = _only(document_type="XYZ")

    assert isinstance(error, UnknownDocumentType)
    assert error.message_vi == "Loại văn bản «XYZ» không có trong danh mục loại văn bản."


def test_received_before_the_document_date_is_refused_in_vietnamese() -> None:
    error = _only(document_date="2026-03-05", received_date="2026-03-04")

    assert isinstance(error, ReceivedBeforeDocumentDate)
    assert error.field == "received_date"
    assert error.message_vi == "Ngày đến không được trước ngày tháng của văn bản."


def test_received_on_the_document_date_is_fine() -> None:
    details = validate_incoming_document(
        document_input(document_date="2026-03-10", received_date="2026-03-10"), CATALOGUE, TODAY
    )
    assert details.received_date == TODAY


@pytest.mark.parametrize(
    ("field", "label"), [("document_date", "Ngày tháng văn bản"), ("received_date", "Ngày đến")]
)
def test_a_date_after_today_is_refused_in_vietnamese(field: str, label: str) -> None:
    violations = _violations(**{field: "2026-03-11", "received_date": "2026-03-11"})

    future = [v for v in violations if isinstance(v, DateInFuture)]
    assert [v.field for v in future] == (
        ["received_date"] if field == "received_date" else ["document_date", "received_date"]
    )
    message = next(v for v in future if v.field == field).message_vi
    assert message == f"{label} không được sau ngày hôm nay."


@pytest.mark.parametrize("text", ["", "10/03/2026", "2026-02-30", "2026-3-1"])
def test_a_missing_or_malformed_date_is_refused_in_vietnamese(text: str) -> None:
    error = _only(document_date=text)

    assert isinstance(error, InvalidDate)
    assert error.field == "document_date"
    assert error.message_vi == "Ngày tháng văn bản chưa nhập hoặc không hợp lệ (định dạng NNNN-TT-NN)."


@pytest.mark.parametrize("urgency", ["", "UNSPECIFIED", "GẤP"])
def test_bad_urgency_is_refused_in_vietnamese(urgency: str) -> None:
    error = _only(urgency=urgency)

    assert isinstance(error, InvalidUrgency)
    assert error.message_vi.startswith(f"Độ khẩn «{urgency}» không hợp lệ")


def test_summary_longer_than_500_characters_is_refused() -> None:
    error = _only(summary="x" * 501)

    assert isinstance(error, TextTooLong)
    assert (error.field, error.message_vi) == ("summary", "Trích yếu nội dung dài quá 500 ký tự.")


@pytest.mark.parametrize("commune_id", ["", "16876:UBND", "x" * 65])
def test_bad_commune_id_is_refused(commune_id: str) -> None:
    assert isinstance(_only(commune_id=commune_id), InvalidCommuneId)


def test_missing_actor_is_refused() -> None:
    assert isinstance(_only(registered_by=" "), MissingActor)


def test_every_broken_rule_is_reported_at_once() -> None:
    with pytest.raises(InvalidIncomingDocument) as caught:
        validate_incoming_document(
            document_input(issuer="", summary="", body_code="?", urgency="?"), CATALOGUE, TODAY
        )

    assert [type(v) for v in caught.value.violations] == [
        UnknownBody,
        EmptyIssuer,
        EmptySummary,
        InvalidUrgency,
    ]
    assert caught.value.message_vi.startswith("Cơ quan «?» không có trong danh mục")


@pytest.mark.parametrize(
    ("field", "message"),
    [("body_code", "Chưa chọn cơ quan."), ("document_type", "Chưa chọn loại văn bản.")],
)
def test_a_choice_left_empty_is_refused_in_vietnamese(field: str, message: str) -> None:
    error = _only(**{field: " "})

    assert isinstance(error, MissingChoice)
    assert (error.field, error.message_vi) == (field, message)
