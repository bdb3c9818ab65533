"""The number and symbol as printed, in both families (a pure function)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.documents.domain.number_symbol import SymbolStyle, format_number_symbol, number_text
from oneoffice.documents.domain.outgoing_document import symbol_maker, validate_draft

from .outgoing_builders import RULES, draft_input


def test_state_decision_reads_so_colon_number_slash_type_dash_issuer() -> None:
    made = format_number_symbol(SymbolStyle.STATE, 5, type_abbr="QĐ", issuer_abbr="UBND")
    assert (made.number, made.number_symbol, made.formatted) == (5, "05/QĐ-UBND", "Số: 05/QĐ-UBND")


def test_state_cong_van_is_issuer_then_drafting_unit() -> None:
    made = format_number_symbol(SymbolStyle.STATE, 12, type_abbr="", issuer_abbr="UBND", unit_abbr="VP")
    assert made.formatted == "Số: 12/UBND-VP"


def test_party_resolution_reads_so_without_colon_number_dash_type_slash_issuer() -> None:
    made = format_number_symbol(SymbolStyle.PARTY, 15, type_abbr="NQ", issuer_abbr="ĐU")
    assert made.formatted == "Số 15-NQ/ĐU"


def test_party_cong_van_carries_cv() -> None:
    made = format_number_symbol(SymbolStyle.PARTY, 123, type_abbr="CV", issuer_abbr="ĐU")
    assert made.formatted == "Số 123-CV/ĐU"


@pytest.mark.parametrize(("number", "text"), [(1, "01"), (9, "09"), (10, "10"), (123, "123")])
def test_numbers_under_ten_carry_a_leading_zero(number: int, text: str) -> None:
    assert number_text(number) == text


def test_number_zero_has_no_symbol() -> None:
    with pytest.raises(ValueError):
        number_text(0)


@pytest.mark.parametrize("body", sorted(RULES.bodies))
@pytest.mark.parametrize("document_type", sorted(RULES.types))
def test_every_body_and_type_formats_in_its_family(body: str, document_type: str) -> None:
    rules_body = RULES.bodies[body]
    kind = RULES.types[document_type]
    family = "Party" if rules_body.style is SymbolStyle.PARTY else "State"
    if family not in kind.families:
        return
    authority = "T/M" if rules_body.authority_family == "party" else "TM."
    drafted = validate_draft(
        draft_input(body_code=body, document_type=document_type, authority=authority), RULES, "d"
    )
    number_symbol, formatted = symbol_maker(drafted, RULES)(7)
    issuer = rules_body.issuer_abbr
    if family == "Party":
        assert formatted == f"Số {number_symbol}"
        assert number_symbol.startswith("07") and number_symbol.endswith(f"/{issuer}")
        if document_type == "CV":
            assert number_symbol == f"07-CV/{issuer}"
    else:
        assert formatted == f"Số: {number_symbol}"
        assert number_symbol.startswith("07/")
        if kind.abbr:
            assert number_symbol == f"07/{kind.abbr}-{issuer}"
        elif document_type == "CV":
            assert number_symbol == f"07/{issuer}-VP"


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(list(SymbolStyle)))
def test_the_number_is_the_first_digits_of_the_symbol(number: int, style: SymbolStyle) -> None:
    made = format_number_symbol(style, number, type_abbr="QĐ", issuer_abbr="UBND")
    digits = made.number_symbol.split("/")[0].split("-")[0]
    assert int(digits) == number and len(digits) >= 2 and " " not in made.number_symbol
