"""The query that reads a body's incoming register for one year, a page at a time.

Pages are keyed by incoming number (số đến), which is unique within a body's register for a year:
a page holds the lines numbered after the previous page's last line, so lines registered while a
reader pages through the register never shift the pages already read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..domain.incoming_register import IncomingRegisterLine
from .errors import InvalidQuery

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MIN_YEAR = 1900
MAX_YEAR = 2999
MAX_CODE_LENGTH = 64


@dataclass(frozen=True, slots=True)
class ListIncomingRegister:
    """``page_size`` None lets the service choose; ``page_token`` is the previous page's next token."""

    commune_id: str
    body_code: str
    year: int
    page_size: int | None = None
    page_token: str = ""


@dataclass(frozen=True, slots=True)
class IncomingRegisterPage:
    lines: Sequence[IncomingRegisterLine]
    # Empty on the last page.
    next_page_token: str


class IncomingRegisterReader(Protocol):
    async def read_page(
        self, commune_id: str, body_code: str, year: int, *, after_number: int, limit: int
    ) -> Sequence[IncomingRegisterLine]:
        """At most ``limit`` lines numbered above ``after_number``, in incoming-number order."""
        ...


async def list_incoming_register(
    reader: IncomingRegisterReader, query: ListIncomingRegister
) -> IncomingRegisterPage:
    _validate(query)
    page_size = min(query.page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    after = decode_page_token(query.page_token)
    # One line more than asked tells whether another page follows.
    lines = list(
        await reader.read_page(
            query.commune_id, query.body_code, query.year, after_number=after, limit=page_size + 1
        )
    )
    if len(lines) <= page_size:
        return IncomingRegisterPage(lines, "")
    lines = lines[:page_size]
    return IncomingRegisterPage(lines, encode_page_token(lines[-1].incoming_number))


def encode_page_token(last_incoming_number: int) -> str:
    return str(last_incoming_number)


def decode_page_token(token: str) -> int:
    """The incoming number a page starts after (0 for the first page)."""
    if not token:
        return 0
    if not (token.isascii() and token.isdigit()) or int(token) < 1:
        raise InvalidQuery(
            "page_token",
            "Mã trang tiếp theo (page_token) không hợp lệ; hãy dùng giá trị next_page_token của trang trước.",
            "page_token is invalid; pass the next_page_token of the previous page.",
        )
    return int(token)


def _validate(query: ListIncomingRegister) -> None:
    if not query.commune_id.strip():
        raise InvalidQuery("commune_id", "Chưa nhập mã xã (commune_id).", "commune_id is required.")
    if len(query.commune_id) > MAX_CODE_LENGTH:
        raise InvalidQuery(
            "commune_id",
            f"Mã xã (commune_id) dài quá {MAX_CODE_LENGTH} ký tự.",
            f"commune_id is longer than {MAX_CODE_LENGTH} characters.",
        )
    if not query.body_code.strip():
        raise InvalidQuery(
            "body_code", "Chưa nhập mã cơ quan (body_code), ví dụ UBND.", "body_code is required, e.g. UBND."
        )
    if len(query.body_code) > MAX_CODE_LENGTH:
        raise InvalidQuery(
            "body_code",
            f"Mã cơ quan (body_code) dài quá {MAX_CODE_LENGTH} ký tự.",
            f"body_code is longer than {MAX_CODE_LENGTH} characters.",
        )
    if not MIN_YEAR <= query.year <= MAX_YEAR:
        raise InvalidQuery(
            "year",
            f"Năm của sổ (year) phải từ {MIN_YEAR} đến {MAX_YEAR}, nhận được {query.year}.",
            f"year must be between {MIN_YEAR} and {MAX_YEAR}, got {query.year}.",
        )
    # Above the maximum is not an error: the page is shortened to it (the caller asks for "at most").
    if query.page_size is not None and query.page_size < 1:
        raise InvalidQuery(
            "page_size",
            f"Số dòng mỗi trang (page_size) phải là số dương, nhận được {query.page_size}.",
            f"page_size must be positive, got {query.page_size}.",
        )
