"""Số, ký hiệu of both families: read from what a clerk types, written back in the canonical form.

- State (NĐ 30/2020 Phụ lục I): ``Số: 05/QĐ-UBND``; a công văn names no type but the issuer and its
  unit, ``Số: 12/UBND-VP``; legal normative documents carry the year, ``30/2020/NĐ-CP``, and a law
  only the year and the issuer, ``45/2019/QH14``. The issuer may hold hyphens (``91/HD-MTTW-BTT``).
- Party (QĐ 66-QĐ/TW, HD 36-HD/VPTW): ``Số 127-QĐ/TW``, công văn ``Số 123-CV/ĐU``.

Whether the first group of a State symbol is a type (``QĐ-UBND``) or an issuer (``UBND-VP``) is
decided by the configured type abbreviations. A symbol of any other shape is kept as written with a
warning, never refused for its shape.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import symbol_warnings as warn
from .symbol_types import Family, SymbolTypes
from .symbol_warnings import SymbolWarning

__all__ = ["Family", "ParsedSymbol", "SymbolParts", "SymbolWarning", "format_symbol", "parse_symbol"]

# Hyphens, dashes and minus signs a word processor or a phone keyboard puts in place of "-".
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_SLASHES = re.compile(r"[\u2044\u2215\uFF0F]")
_SPACES = re.compile(r"\s+")
_PREFIX = re.compile(r"^(?:số|so|no\.?)[:.]?(?=\d)", re.IGNORECASE)
_GROUP = r"[^\W_]+"
_PARTY = re.compile(rf"(\d{{1,9}})-({_GROUP})/({_GROUP}(?:-{_GROUP})*)")
_STATE = re.compile(rf"(\d{{1,9}})/(?:(\d{{4}})/)?({_GROUP}(?:-{_GROUP})*)")


@dataclass(frozen=True, slots=True)
class SymbolParts:
    """The parts of a number and symbol; ``unit`` only in a State công văn, ``year`` in legal ones."""

    family: Family
    number: int
    type: str | None
    issuer: str
    unit: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedSymbol:
    """What was typed (composed, spaces collapsed) and, when its shape is known, its parts."""

    text: str
    parts: SymbolParts | None
    warnings: tuple[SymbolWarning, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.parts is not None


def _canonical_case(group: str) -> str:
    """Issuers are written in capitals; one typed all in lowercase is raised, ``TTg`` is kept."""
    return group.upper() if group == group.lower() else group


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _SLASHES.sub("/", _DASHES.sub("-", text))
    return _PREFIX.sub("", _SPACES.sub("", text)).rstrip(".,;")


def parse_symbol(text: str, types: SymbolTypes) -> ParsedSymbol:
    """The parts of ``text`` (``Số: 05/QĐ-UBND``, ``số 15 – nq / đu``, NFD or NFC…), with warnings."""
    shown = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    compact = _compact(shown)
    if not compact:
        return ParsedSymbol(shown, None, (warn.empty(),))
    if (party := _PARTY.fullmatch(compact)) is not None:
        number, written_type, issuer = party.groups()
        return _typed(shown, Family.PARTY, int(number), written_type, issuer, None, types)
    if (state := _STATE.fullmatch(compact)) is not None:
        number, year, rest = state.groups()
        first, _, tail = rest.partition("-")
        if tail and (year is not None or types.is_type(first)):
            return _typed(shown, Family.STATE, int(number), first, tail, year, types)
        if year is not None:  # a law or an ordinance: number, year, issuer (45/2019/QH14)
            parts = SymbolParts(Family.STATE, int(number), None, _canonical_case(first), year=int(year))
            return _checked(shown, parts, ())
        if tail:  # a công văn: the issuer, then its drafting unit (12/UBND-VP)
            unit = _canonical_case(tail)
            parts = SymbolParts(Family.STATE, int(number), None, _canonical_case(first), unit=unit)
            return _checked(shown, parts, ())
        if not types.is_type(first):  # a letter without a drafting unit (01/UBND): the issuer alone
            return _checked(shown, SymbolParts(Family.STATE, int(number), None, _canonical_case(first)), ())
    return ParsedSymbol(shown, None, (warn.unknown_shape(shown),))


def _typed(
    shown: str,
    family: Family,
    number: int,
    written_type: str,
    issuer: str,
    year: str | None,
    types: SymbolTypes,
) -> ParsedSymbol:
    match = types.match(written_type)
    warnings: list[SymbolWarning] = []
    if not match.known:
        warnings.append(warn.unknown_type(written_type))
    elif family not in match.families:
        warnings.append(warn.type_of_other_family(match.abbr, family.value))
    if match.folded:
        warnings.append(warn.type_without_diacritics(written_type, match.abbr))
    abbr = match.abbr if match.known else _canonical_case(written_type)
    year_number = None if year is None else int(year)
    parts = SymbolParts(family, number, abbr, _canonical_case(issuer), year=year_number)
    return _checked(shown, parts, tuple(warnings))


def _checked(shown: str, parts: SymbolParts, warnings: tuple[SymbolWarning, ...]) -> ParsedSymbol:
    if parts.number < 1:  # số 0 is no number: keep the text, as for any unknown shape
        return ParsedSymbol(shown, None, (warn.unknown_shape(shown),))
    return ParsedSymbol(shown, parts, warnings)


def format_symbol(parts: SymbolParts, *, with_prefix: bool = False) -> str:
    """The canonical ``05/QĐ-UBND`` (``Số: 05/QĐ-UBND`` with the prefix), ``15-NQ/ĐU``, ``30/2020/NĐ-CP``.

    Numbers under 10 carry a leading zero (both families count from 01). Raises ``ValueError`` for
    parts no symbol can hold: a Party symbol without a type, a unit beside a type, a State công văn
    without its unit.
    """
    if parts.number < 1:
        raise ValueError("a document number starts at 1")
    number = f"{parts.number:02d}"
    if parts.family is Family.PARTY:
        if parts.type is None or parts.unit is not None or parts.year is not None:
            raise ValueError("a Party symbol is number-type/issuer, without unit or year")
        return f"{'Số ' if with_prefix else ''}{number}-{parts.type}/{parts.issuer}"
    year = "" if parts.year is None else f"{parts.year:04d}/"
    if parts.type is not None:
        if parts.unit is not None:
            raise ValueError("a State symbol with a type names no drafting unit")
        symbol = f"{number}/{year}{parts.type}-{parts.issuer}"
    elif parts.unit is not None:
        if parts.year is not None:
            raise ValueError("a công văn carries no year")
        symbol = f"{number}/{parts.issuer}-{parts.unit}"
    elif parts.year is not None:
        symbol = f"{number}/{year}{parts.issuer}"
    else:
        raise ValueError("a State symbol needs a type, a drafting unit or a year")
    return f"Số: {symbol}" if with_prefix else symbol
