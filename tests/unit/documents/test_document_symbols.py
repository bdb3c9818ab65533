"""Numbers and symbols of both families, as clerks type them: real shapes, odd spellings, unknown ones."""

from __future__ import annotations

import unicodedata

import pytest

from oneoffice.documents.adapters.symbol_types_data import load_symbol_types
from oneoffice.documents.domain.document_symbols import (
    Family,
    SymbolParts,
    format_symbol,
    parse_symbol,
)

TYPES = load_symbol_types()
STATE, PARTY = Family.STATE, Family.PARTY

# (as printed, the parts). From reference.md §2–3, the seed article's era and the texts they cite.
REAL_SHAPES = [
    ("Số 127-QĐ/TW", SymbolParts(PARTY, 127, "QĐ", "TW")),
    ("Số: 05/QĐ-UBND", SymbolParts(STATE, 5, "QĐ", "UBND")),
    ("Số: 12/UBND-VP", SymbolParts(STATE, 12, None, "UBND", unit="VP")),
    ("Số 123-CV/ĐU", SymbolParts(PARTY, 123, "CV", "ĐU")),
    ("Số 15-NQ/ĐU", SymbolParts(PARTY, 15, "NQ", "ĐU")),
    ("30/2020/NĐ-CP", SymbolParts(STATE, 30, "NĐ", "CP", year=2020)),
    ("10/2022/TT-BNV", SymbolParts(STATE, 10, "TT", "BNV", year=2022)),
    ("33/2023/NĐ-CP", SymbolParts(STATE, 33, "NĐ", "CP", year=2023)),
    ("150/2025/NĐ-CP", SymbolParts(STATE, 150, "NĐ", "CP", year=2025)),
    ("1678/NQ-UBTVQH15", SymbolParts(STATE, 1678, "NQ", "UBTVQH15")),
    ("Số: 91/HD-MTTW-BTT", SymbolParts(STATE, 91, "HD", "MTTW-BTT")),
    ("Số: 15/QĐ-BNV", SymbolParts(STATE, 15, "QĐ", "BNV")),
    ("Số: 05/BNV-VP", SymbolParts(STATE, 5, None, "BNV", unit="VP")),
    ("Số: 12/UBND-VX", SymbolParts(STATE, 12, None, "UBND", unit="VX")),
    ("66-QĐ/TW", SymbolParts(PARTY, 66, "QĐ", "TW")),
    ("36-HD/VPTW", SymbolParts(PARTY, 36, "HD", "VPTW")),
    ("399-QĐ/TW", SymbolParts(PARTY, 399, "QĐ", "TW")),
    ("Số 24-BS/UBKTTU", SymbolParts(PARTY, 24, "BS", "UBKTTU")),
    ("04-ĐA/HU", SymbolParts(PARTY, 4, "ĐA", "HU")),
    ("367-QĐ/TWĐTN-VP", SymbolParts(PARTY, 367, "QĐ", "TWĐTN-VP")),
    ("45/2019/QH14", SymbolParts(STATE, 45, None, "QH14", year=2019)),
    ("749/QĐ-TTg", SymbolParts(STATE, 749, "QĐ", "TTg")),
    ("Số: 62/KH-UBND", SymbolParts(STATE, 62, "KH", "UBND")),
    ("Số: 110/QĐ-UBND", SymbolParts(STATE, 110, "QĐ", "UBND")),
    ("03/2016/TTLT-BNV-BTC", SymbolParts(STATE, 3, "TTLT", "BNV-BTC", year=2016)),
    ("Số: 07/TTr-UBND", SymbolParts(STATE, 7, "TTr", "UBND")),
    ("Số 02-KL/ĐU", SymbolParts(PARTY, 2, "KL", "ĐU")),
    ("Số 09-TT/TU", SymbolParts(PARTY, 9, "TT", "TU")),
    ("Số: 21/QyĐ-UBND", SymbolParts(STATE, 21, "QyĐ", "UBND")),
    ("Số: 03/GM-UBND", SymbolParts(STATE, 3, "GM", "UBND")),
]


@pytest.mark.parametrize(("text", "parts"), REAL_SHAPES, ids=[t for t, _ in REAL_SHAPES])
def test_real_symbols_of_both_families_are_read_into_their_parts(text: str, parts: SymbolParts) -> None:
    parsed = parse_symbol(text, TYPES)

    assert parsed.recognised
    assert parsed.parts == parts


def test_the_brief_example_is_a_party_decision_of_the_central_committee() -> None:
    parsed = parse_symbol("Số 127-QĐ/TW", TYPES)

    assert parsed.parts == SymbolParts(Family.PARTY, 127, "QĐ", "TW")
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "05/QĐ-UBND",
        "Số: 05/QĐ-UBND",
        "Số 05/QĐ-UBND",
        "số:05/qđ-ubnd",
        "SỐ: 5/QĐ-UBND",
        "  Số :  05 / QĐ - UBND ",
        "05/QĐ–UBND",  # en dash
        "05/QĐ—UBND",  # em dash
        "05／QĐ‐UBND",  # fullwidth slash, Unicode hyphen
        "05/QĐ-UBND.",
        "05/QĐ\u00a0-\u00a0UBND",  # no-break spaces
        unicodedata.normalize("NFD", "Số: 05/QĐ-UBND"),
    ],
)
def test_spellings_of_one_state_symbol_give_the_same_parts(text: str) -> None:
    assert parse_symbol(text, TYPES).parts == SymbolParts(Family.STATE, 5, "QĐ", "UBND")


@pytest.mark.parametrize(
    "text", ["Số 15-NQ/ĐU", "số 15 – nq / đu", unicodedata.normalize("NFD", "Số 15-NQ/ĐU"), "15 -NQ/ ĐU"]
)
def test_spellings_of_one_party_symbol_give_the_same_parts(text: str) -> None:
    assert parse_symbol(text, TYPES).parts == SymbolParts(Family.PARTY, 15, "NQ", "ĐU")


def test_a_type_typed_without_diacritics_is_read_with_a_warning() -> None:
    parsed = parse_symbol("05/QD-UBND", TYPES)

    assert parsed.parts == SymbolParts(Family.STATE, 5, "QĐ", "UBND")
    assert [w.code for w in parsed.warnings] == ["type_without_diacritics"]


def test_an_abbreviation_that_folds_onto_two_types_is_not_guessed() -> None:
    # HD is Hướng dẫn; HĐ (Hợp đồng) typed as "HD" cannot be told apart, so HD stays Hướng dẫn.
    assert parse_symbol("05/HD-UBND", TYPES).parts == SymbolParts(Family.STATE, 5, "HD", "UBND")


def test_an_unknown_party_type_is_kept_and_warned() -> None:
    parsed = parse_symbol("Số 24-BS/UBKTTU", TYPES)

    assert parsed.recognised
    assert [w.code for w in parsed.warnings] == ["unknown_type"]


def test_a_type_of_the_other_family_is_kept_and_warned() -> None:
    parsed = parse_symbol("Số 05-GUQ/ĐU", TYPES)  # giấy ủy quyền: a State paper

    assert parsed.parts == SymbolParts(Family.PARTY, 5, "GUQ", "ĐU")
    assert [w.code for w in parsed.warnings] == ["type_of_other_family"]


@pytest.mark.parametrize(
    "text", ["Công văn gửi kèm", "QĐ-UBND", "05", "05/QĐ", "0/QĐ-UBND", "05//QĐ-UBND", "05/QĐ-", "ABC/DEF"]
)
def test_an_unknown_shape_is_kept_as_written_with_a_warning_not_refused(text: str) -> None:
    parsed = parse_symbol(text, TYPES)

    assert not parsed.recognised
    assert parsed.parts is None
    assert parsed.text == " ".join(text.split())
    assert [w.code for w in parsed.warnings] == ["unknown_shape"]
    assert all(w.message_vi and w.message_en for w in parsed.warnings)


def test_an_empty_symbol_is_not_recognised() -> None:
    assert [w.code for w in parse_symbol("  ", TYPES).warnings] == ["empty_symbol"]


def test_an_issuer_typed_in_lowercase_is_written_in_capitals_but_mixed_case_is_kept() -> None:
    assert parse_symbol("05/qđ-ubnd", TYPES).parts == SymbolParts(Family.STATE, 5, "QĐ", "UBND")
    assert parse_symbol("749/QĐ-TTg", TYPES).parts == SymbolParts(Family.STATE, 749, "QĐ", "TTg")


@pytest.mark.parametrize(
    ("parts", "printed"),
    [
        (SymbolParts(Family.STATE, 5, "QĐ", "UBND"), "Số: 05/QĐ-UBND"),
        (SymbolParts(Family.STATE, 12, None, "UBND", unit="VP"), "Số: 12/UBND-VP"),
        (SymbolParts(Family.STATE, 30, "NĐ", "CP", year=2020), "Số: 30/2020/NĐ-CP"),
        (SymbolParts(Family.PARTY, 15, "NQ", "ĐU"), "Số 15-NQ/ĐU"),
        (SymbolParts(Family.PARTY, 3, "CV", "ĐU"), "Số 03-CV/ĐU"),
    ],
)
def test_the_canonical_form_has_the_family_prefix_and_a_leading_zero_under_10(
    parts: SymbolParts, printed: str
) -> None:
    assert format_symbol(parts, with_prefix=True) == printed
    assert format_symbol(parts) == printed.removeprefix("Số: ").removeprefix("Số ")


@pytest.mark.parametrize(
    "parts",
    [
        SymbolParts(Family.PARTY, 5, None, "ĐU"),
        SymbolParts(Family.PARTY, 5, "NQ", "ĐU", unit="VP"),
        SymbolParts(Family.STATE, 5, "QĐ", "UBND", unit="VP"),
        SymbolParts(Family.STATE, 5, None, "UBND"),
        SymbolParts(Family.STATE, 0, "QĐ", "UBND"),
    ],
)
def test_parts_no_symbol_can_hold_are_refused_by_the_formatter(parts: SymbolParts) -> None:
    with pytest.raises(ValueError):
        format_symbol(parts)
