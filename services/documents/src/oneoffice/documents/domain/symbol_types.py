"""The type abbreviations a document symbol may carry, as the reference tables configure them.

A symbol names its type by abbreviation (``QĐ``, ``NQ``, ``TTr``); which abbreviations exist, and in
which family, is data: the document-types table (NĐ 30/2020 Phụ lục III, the Party's rows) plus the
abbreviations seen only in symbols (legal normative types such as ``NĐ``, the Party's ``CV``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """The two ways a symbol is written: ``05/QĐ-UBND`` (State) and ``15-NQ/ĐU`` (Party)."""

    STATE = "state"
    PARTY = "party"


@dataclass(frozen=True, slots=True)
class SymbolType:
    abbr: str
    families: frozenset[Family]


@dataclass(frozen=True, slots=True)
class TypeMatch:
    """What a written type abbreviation turned out to be."""

    abbr: str
    known: bool
    families: frozenset[Family] = frozenset()
    # Written without its diacritics ("QD" for "QĐ") and recognised only by folding them away.
    folded: bool = False


def fold(text: str) -> str:
    """Case and diacritics folded away (``Đ`` becomes ``d``): how a hurried clerk may type it."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def families_of(text: str) -> frozenset[Family]:
    """``State;Party`` as the tables write it; ``Front``, ``Youth``… are not symbol families."""
    names = {part.strip().casefold() for part in text.split(";")}
    return frozenset(f for f in Family if f.value in names)


class SymbolTypes:
    """Type abbreviations by what may be written: exactly (any case), or without diacritics."""

    def __init__(self, types: Iterable[SymbolType] = ()) -> None:
        self._exact: dict[str, SymbolType] = {}
        folded: dict[str, list[SymbolType]] = {}
        for symbol_type in types:
            if not symbol_type.abbr:
                continue
            key = symbol_type.abbr.casefold()
            known = self._exact.get(key)
            if known is not None and known.abbr != symbol_type.abbr:
                raise ValueError(f"type abbreviations {known.abbr!r} and {symbol_type.abbr!r} collide")
            families = symbol_type.families | (known.families if known else frozenset())
            self._exact[key] = SymbolType(symbol_type.abbr, families)
        for symbol_type in self._exact.values():
            folded.setdefault(fold(symbol_type.abbr), []).append(symbol_type)
        # "HD" folds Hướng dẫn (HD) and Hợp đồng (HĐ) together: such a fold recognises nothing.
        self._folded = {key: found[0] for key, found in folded.items() if len(found) == 1}

    def __iter__(self) -> Iterator[SymbolType]:
        return iter(self._exact.values())

    def abbreviations(self) -> list[str]:
        return sorted(t.abbr for t in self._exact.values())

    def is_type(self, written: str) -> bool:
        return self.match(written).known

    def match(self, written: str) -> TypeMatch:
        exact = self._exact.get(written.casefold())
        if exact is not None:
            return TypeMatch(exact.abbr, True, exact.families)
        folded = self._folded.get(fold(written))
        if folded is not None and written.casefold() != folded.abbr.casefold():
            return TypeMatch(folded.abbr, True, folded.families, folded=True)
        return TypeMatch(written, False)
