"""What outgoing numbering writes, the symbol parser reads back: for every body of the numbering rules,
every document type its family issues and any number, ``parse(format(…))`` gives the same number, type,
issuer and drafting unit — the numbers the office issues are recognised when another office receives
them (both families)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.adapters.outgoing_reference import load_outgoing_rules
from oneoffice.documents.adapters.symbol_types_data import load_symbol_types
from oneoffice.documents.domain.document_symbols import parse_symbol
from oneoffice.documents.domain.number_symbol import SymbolStyle, format_number_symbol

RULES = load_outgoing_rules()
TYPES = load_symbol_types()
UNITS = ("VP", "TCKT", "VHXH", "KT-HT")

# (body, type abbreviation as numbering writes it) for every type the body's family issues.
ISSUED = sorted(
    {
        (
            body.body_code,
            kind.party_abbr if body.style is SymbolStyle.PARTY and kind.party_abbr else kind.abbr,
        )
        for body in RULES.bodies.values()
        for kind in RULES.types.values()
        if body.authority_family.casefold() in {family.casefold() for family in kind.families}
    }
)


def test_every_body_issues_some_types() -> None:
    assert {body for body, _ in ISSUED} == set(RULES.bodies)


@settings(max_examples=300, deadline=None)
@given(issued=st.sampled_from(ISSUED), number=st.integers(1, 999_999), unit=st.sampled_from(UNITS))
def test_a_number_symbol_issued_here_parses_back_to_its_parts(
    issued: tuple[str, str], number: int, unit: str
) -> None:
    body_code, type_abbr = issued
    body = RULES.bodies[body_code]
    made = format_number_symbol(
        body.style, number, type_abbr=type_abbr, issuer_abbr=body.issuer_abbr, unit_abbr=unit
    )

    parsed = parse_symbol(made.formatted, TYPES)

    assert parsed.parts is not None, (made.formatted, parsed.warnings)
    assert parsed.parts.number == number
    if type_abbr:
        assert parsed.parts.family.value == body.style.value
        assert (parsed.parts.type, parsed.parts.issuer) == (type_abbr, body.issuer_abbr)
    elif body.style is SymbolStyle.STATE:
        # A công văn of the State: the issuer, then the drafting unit.
        assert (parsed.parts.type, parsed.parts.issuer, parsed.parts.unit) == (None, body.issuer_abbr, unit)
    else:
        # A Party type without an abbreviation (thư công) is written 01/ĐU: by its shape alone a
        # symbol of the issuer only, which the parser reads as the State's shape.
        assert (parsed.parts.type, parsed.parts.issuer) == (None, body.issuer_abbr)


def test_a_letter_without_a_drafting_unit_is_the_issuer_alone() -> None:
    parsed = parse_symbol("Số: 01/UBND", TYPES)
    assert parsed.parts is not None
    assert (parsed.parts.number, parsed.parts.type, parsed.parts.issuer, parsed.parts.unit) == (
        1,
        None,
        "UBND",
        None,
    )
