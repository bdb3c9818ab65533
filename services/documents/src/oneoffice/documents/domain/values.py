"""Value objects of the incoming register: which register, urgency, the office's calendar day, and
the issuer and number/symbol by which a duplicate is recognised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

# Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset needs no tz database.
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def office_day(instant: datetime) -> date:
    """The calendar day in Vietnam at ``instant`` (timezone-aware)."""
    return instant.astimezone(VIETNAM_TIME).date()


class Urgency(StrEnum):
    """Độ khẩn (Nghị định 30/2020/NĐ-CP): the same values as the event contract."""

    NORMAL = "NORMAL"
    KHAN = "KHAN"  # Khẩn
    THUONG_KHAN = "THUONG_KHAN"  # Thượng khẩn
    HOA_TOC = "HOA_TOC"  # Hỏa tốc


@dataclass(frozen=True, slots=True)
class RegisterId:
    """One incoming register (sổ đăng ký văn bản đến): a body of a commune, for one calendar year."""

    commune_id: str
    body_code: str
    year: int

    @property
    def stream_id(self) -> str:
        return f"incoming-register:{self.commune_id}:{self.body_code}:{self.year}"


_SPACES = re.compile(r"\s+")
_NUMBER_PREFIX = re.compile(r"^số:?")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def clean_text(value: str) -> str:
    """Composed Unicode (NFC), trimmed, inner whitespace collapsed: what is stored and shown.

    Vietnamese typed on some keyboards arrives decomposed (NFD); without this the same issuer would
    be two different strings.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


@dataclass(frozen=True, slots=True)
class Issuer:
    """Tác giả: the organ that issued a document, as entered."""

    text: str

    @property
    def key(self) -> str:
        """How two spellings of one issuer are recognised as the same when checking for duplicates."""
        return clean_text(self.text).casefold()


@dataclass(frozen=True, slots=True)
class NumberSymbol:
    """Số, ký hiệu: the number and symbol a document bears, as entered (may be blank)."""

    text: str

    @property
    def key(self) -> str:
        """``Số: 05/QĐ-UBND``, ``5 / qđ-ubnd`` and ``05/QĐ-UBND`` are the same number and symbol.

        Empty for a document without a number: such documents are never duplicates of each other.
        """
        text = _SPACES.sub("", clean_text(self.text).casefold())
        return _LEADING_ZEROS.sub("", _NUMBER_PREFIX.sub("", text))
