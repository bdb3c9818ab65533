"""The number and symbol of a received document as its registration records them, and the key by
which two registrations are recognised as one document.

Phụ lục VI NĐ 30/2020 asks software to warn of a duplicate (same number, symbol and issuer). Two
registrations are one document when their parsed parts agree — issuer (tác giả, as entered), family,
number, type, the symbol's issuer and unit, and the year (the symbol's, else the document date's:
numbers restart every year) — however the symbol was spelled. A symbol of an unknown shape is
compared as text, as before symbols were parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document_symbols import ParsedSymbol, SymbolParts, parse_symbol
from .symbol_types import SymbolTypes
from .values import Issuer, NumberSymbol


@dataclass(frozen=True, slots=True)
class UnrecognisedSymbol:
    """The symbol was read at registration and its shape was not known: kept as text only."""


RecordedSymbol = SymbolParts | UnrecognisedSymbol
"""What a registration records of its symbol; ``None`` where there was none (or, in registrations
recorded before symbols were parsed, where it was never read)."""

DuplicateKey = tuple[str, ...]


def recorded(parsed: ParsedSymbol) -> RecordedSymbol | None:
    if parsed.parts is not None:
        return parsed.parts
    return UnrecognisedSymbol() if parsed.text else None


def read_symbol(number_symbol: str, types: SymbolTypes) -> RecordedSymbol | None:
    """What to record for ``number_symbol`` (blank: nothing)."""
    return recorded(parse_symbol(number_symbol, types)) if number_symbol.strip() else None


def duplicate_key(
    issuer: str, number_symbol: str, symbol: RecordedSymbol | None, document_date: date
) -> DuplicateKey | None:
    """The key of one document; ``None`` for a document without a number (never a duplicate)."""
    if isinstance(symbol, SymbolParts):
        year = symbol.year if symbol.year is not None else document_date.year
        return (
            Issuer(issuer).key,
            symbol.family.value,
            str(symbol.number),
            (symbol.type or "").casefold(),
            symbol.issuer.casefold(),
            (symbol.unit or "").casefold(),
            str(year),
        )
    text = NumberSymbol(number_symbol).key
    return (Issuer(issuer).key, text) if text else None
