"""The number and symbol (số, ký hiệu) an outgoing document is given, as printed: a pure function.

State family (NĐ 30/2020 Phụ lục I): ``05/QĐ-UBND``, printed ``Số: 05/QĐ-UBND``; a công văn has no
type, its symbol is the issuer then the drafting unit: ``12/UBND-VP``.
Party family (HD 36-HD/VPTW): ``15-NQ/ĐU``, printed ``Số 15-NQ/ĐU`` (no colon); a công văn is
``123-CV/ĐU``. Numbers under 10 carry a leading zero in both families.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SymbolStyle(StrEnum):
    """How a body writes its numbers: the State's ``n/TYPE-ISSUER`` or the Party's ``n-TYPE/ISSUER``."""

    STATE = "state"
    PARTY = "party"


@dataclass(frozen=True, slots=True)
class NumberSymbol:
    number: int
    number_symbol: str
    formatted: str


def number_text(number: int) -> str:
    """``5`` → ``05``; ``12`` → ``12``: numbers under 10 carry a leading zero."""
    if number < 1:
        raise ValueError(f"a document number starts at 1, not {number}")
    return f"{number:02d}"


def format_number_symbol(
    style: SymbolStyle, number: int, *, type_abbr: str, issuer_abbr: str, unit_abbr: str = ""
) -> NumberSymbol:
    """The number and symbol of a document of ``style``.

    ``type_abbr`` is empty for a kind without an abbreviation (the State's công văn, thư công):
    the State symbol is then the issuer followed by the drafting unit (``unit_abbr``) when given.
    """
    if not issuer_abbr:
        raise ValueError("a number symbol needs the issuer's abbreviation")
    n = number_text(number)
    if style is SymbolStyle.PARTY:
        symbol = f"{n}-{type_abbr}/{issuer_abbr}" if type_abbr else f"{n}/{issuer_abbr}"
        return NumberSymbol(number, symbol, f"Số {symbol}")
    if type_abbr:
        symbol = f"{n}/{type_abbr}-{issuer_abbr}"
    else:
        symbol = f"{n}/{issuer_abbr}-{unit_abbr}" if unit_abbr else f"{n}/{issuer_abbr}"
    return NumberSymbol(number, symbol, f"Số: {symbol}")
