"""Listing a body's incoming register: pages in incoming-number order, input checked in Vietnamese."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from oneoffice.reporting.application.errors import InvalidQuery
from oneoffice.reporting.application.incoming_register import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ListIncomingRegister,
    list_incoming_register,
)
from oneoffice.reporting.domain.incoming_register import IncomingRegisterLine

from .fakes import FakeIncomingRegisterReader

_LINE = IncomingRegisterLine(
    commune_id="16876",
    body_code="UBND",
    year=2026,
    incoming_number=1,
    document_id="doc-1",
    received_date=date(2026, 3, 2),
    issuer="UBND tỉnh Nghệ An",
    number_symbol="01/UBND-VX",
    document_date=date(2026, 3, 1),
    document_type="CV",
    summary="Về việc triển khai mô hình một văn phòng",
    urgency="NORMAL",
    recipient=None,
    duplicate_of=None,
    registered_at=datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
    source_position=1,
)


def _lines(numbers: range, **changes: object) -> list[IncomingRegisterLine]:
    return [replace(_LINE, incoming_number=n, document_id=f"doc-{n}", **changes) for n in numbers]  # type: ignore[arg-type]


def _query(**changes: object) -> ListIncomingRegister:
    return replace(ListIncomingRegister(commune_id="16876", body_code="UBND", year=2026), **changes)  # type: ignore[arg-type]


async def test_pages_follow_each_other_by_incoming_number_until_the_last() -> None:
    # Registered out of order, with other registers around.
    reader = FakeIncomingRegisterReader(
        [
            *reversed(_lines(range(1, 8))),
            *_lines(range(1, 4), body_code="DANG_UY"),
            *_lines(range(1, 4), year=2025),
        ]
    )

    first = await list_incoming_register(reader, _query(page_size=3))
    second = await list_incoming_register(reader, _query(page_size=3, page_token=first.next_page_token))
    last = await list_incoming_register(reader, _query(page_size=3, page_token=second.next_page_token))

    assert [line.incoming_number for line in first.lines] == [1, 2, 3]
    assert [line.incoming_number for line in second.lines] == [4, 5, 6]
    assert [line.incoming_number for line in last.lines] == [7]
    assert first.next_page_token and second.next_page_token
    assert last.next_page_token == ""
    assert {(line.body_code, line.year) for page in (first, second, last) for line in page.lines} == {
        ("UBND", 2026)
    }


async def test_page_token_is_the_last_incoming_number_of_the_page() -> None:
    reader = FakeIncomingRegisterReader(_lines(range(1, 6)))

    page = await list_incoming_register(reader, _query(page_size=2))

    assert page.next_page_token == "2"
    assert reader.asked[-1] == ("16876", "UBND", 2026, 0, 3)


async def test_a_page_that_exactly_ends_the_register_has_no_next_token() -> None:
    reader = FakeIncomingRegisterReader(_lines(range(1, 5)))

    page = await list_incoming_register(reader, _query(page_size=4))

    assert len(page.lines) == 4
    assert page.next_page_token == ""


async def test_empty_register_is_an_empty_last_page() -> None:
    page = await list_incoming_register(FakeIncomingRegisterReader(), _query())

    assert list(page.lines) == []
    assert page.next_page_token == ""


async def test_page_size_defaults_to_50_and_is_shortened_to_500() -> None:
    reader = FakeIncomingRegisterReader(_lines(range(1, 601)))

    default = await list_incoming_register(reader, _query())
    largest = await list_incoming_register(reader, _query(page_size=10_000))

    assert len(default.lines) == DEFAULT_PAGE_SIZE == 50
    assert len(largest.lines) == MAX_PAGE_SIZE == 500
    assert largest.next_page_token == "500"


@pytest.mark.parametrize(
    ("changes", "field", "vietnamese"),
    [
        ({"commune_id": ""}, "commune_id", "Chưa nhập mã xã"),
        ({"commune_id": "   "}, "commune_id", "Chưa nhập mã xã"),
        ({"commune_id": "1" * 65}, "commune_id", "Mã xã (commune_id) dài quá 64 ký tự"),
        ({"body_code": ""}, "body_code", "Chưa nhập mã cơ quan"),
        ({"year": 0}, "year", "Năm của sổ (year) phải từ 1900 đến 2999, nhận được 0"),
        ({"year": 20260}, "year", "Năm của sổ (year) phải từ 1900 đến 2999"),
        ({"page_size": -1}, "page_size", "Số dòng mỗi trang (page_size) phải là số dương"),
        ({"page_size": 0}, "page_size", "Số dòng mỗi trang (page_size) phải là số dương"),
        ({"page_token": "abc"}, "page_token", "Mã trang tiếp theo (page_token) không hợp lệ"),
        ({"page_token": "-3"}, "page_token", "Mã trang tiếp theo (page_token) không hợp lệ"),
        ({"page_token": "0"}, "page_token", "Mã trang tiếp theo (page_token) không hợp lệ"),
        ({"page_token": "١٢"}, "page_token", "Mã trang tiếp theo (page_token) không hợp lệ"),
    ],
)
async def test_invalid_query_is_rejected_with_a_vietnamese_message_naming_the_field(
    changes: dict[str, object], field: str, vietnamese: str
) -> None:
    reader = FakeIncomingRegisterReader(_lines(range(1, 3)))

    with pytest.raises(InvalidQuery) as raised:
        await list_incoming_register(reader, _query(**changes))

    assert raised.value.field == field
    assert vietnamese in raised.value.message_vi
    assert field in raised.value.message_en
    assert raised.value.message_en.isascii()
    assert reader.asked == [], "nothing is read for an invalid query"
