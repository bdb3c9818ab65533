"""Format → parse round-trips for every family, every type of the tables and any number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from oneoffice.documents.adapters.symbol_types_data import load_symbol_types
from oneoffice.documents.domain.document_symbols import Family, SymbolParts, format_symbol, parse_symbol

TYPES = load_symbol_types()
ABBREVIATIONS = TYPES.abbreviations()
NUMBERS = st.integers(min_value=1, max_value=999_999_999)
YEARS = st.integers(min_value=1945, max_value=2100)
GROUP = st.from_regex(r"[A-ZĐ][A-ZĐ0-9]{0,7}", fullmatch=True)
ISSUERS = st.lists(GROUP, min_size=1, max_size=3).map("-".join)
# A công văn's issuer is one group that is no type: "UBND-VP", never "QĐ-VP".
CONG_VAN_ISSUERS = GROUP.filter(lambda group: not TYPES.is_type(group))

STATE_TYPED = st.builds(
    SymbolParts,
    family=st.just(Family.STATE),
    number=NUMBERS,
    type=st.sampled_from(ABBREVIATIONS),
    issuer=ISSUERS,
    year=st.none() | YEARS,
)
STATE_CONG_VAN = st.builds(
    SymbolParts,
    family=st.just(Family.STATE),
    number=NUMBERS,
    type=st.none(),
    issuer=CONG_VAN_ISSUERS,
    unit=ISSUERS,
)
STATE_LAW = st.builds(
    SymbolParts, family=st.just(Family.STATE), number=NUMBERS, type=st.none(), issuer=GROUP, year=YEARS
)
PARTY = st.builds(
    SymbolParts,
    family=st.just(Family.PARTY),
    number=NUMBERS,
    type=st.sampled_from(ABBREVIATIONS),
    issuer=ISSUERS,
)
ANY_PARTS = STATE_TYPED | STATE_CONG_VAN | STATE_LAW | PARTY


@given(ANY_PARTS, st.booleans())
def test_a_formatted_symbol_parses_back_into_its_parts(parts: SymbolParts, with_prefix: bool) -> None:
    assert parse_symbol(format_symbol(parts, with_prefix=with_prefix), TYPES).parts == parts


@given(ANY_PARTS)
def test_formatting_the_parsed_parts_gives_the_canonical_text_back(parts: SymbolParts) -> None:
    canonical = format_symbol(parts)
    parsed = parse_symbol(canonical, TYPES)

    assert parsed.parts is not None
    assert format_symbol(parsed.parts) == canonical


@given(ANY_PARTS, st.sampled_from([" ", "  ", "\u00a0"]), st.sampled_from(["-", "–", "—", "\u2010"]))
def test_spacing_and_dash_variants_change_no_part(parts: SymbolParts, space: str, dash: str) -> None:
    spaced = format_symbol(parts, with_prefix=True).replace("/", f"{space}/{space}").replace("-", dash)

    assert parse_symbol(spaced, TYPES).parts == parts


@given(ANY_PARTS)
def test_numbers_under_10_carry_a_leading_zero(parts: SymbolParts) -> None:
    number = format_symbol(parts).split("/")[0].split("-")[0]

    assert number == f"{parts.number:02d}"


@given(st.text(max_size=60))
def test_any_text_is_parsed_without_error_and_kept(text: str) -> None:
    parsed = parse_symbol(text, TYPES)

    assert parsed.recognised or parsed.warnings
    assert parsed.text == parsed.text.strip()
