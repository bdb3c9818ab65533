"""Properties of the duplicate rule: every spelling of one issuer and number/symbol is one document.

Spellings the rule treats as the same (``domain/values.py``): case; Unicode composed (NFC) or
decomposed (NFD, as some Vietnamese keyboards type); whitespace of any kind and amount (anywhere in a
number/symbol, between the words of an issuer); a leading ``Số:``; leading zeros of the number.
Separators are not among them: ``15-NQ/ĐU`` and ``15/NQ-ĐU`` stay distinct.
"""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oneoffice.documents.domain.incoming_register import IncomingRegister
from oneoffice.documents.domain.values import Issuer, NumberSymbol, RegisterId

from .builders import COMMUNE, details

PROPERTY = settings(max_examples=150, deadline=None, database=None)

_LETTERS = "ABCDĐEGHIKLMNOPQRSTUVXYÂĂÊÔƠƯÁẾỆỐỢỨẠ"
_SPACES = st.sampled_from([" ", "  ", "\t", "\u00a0", "\n ", "\u3000"])
_PREFIXES = st.sampled_from(["", "Số: ", "Số:", "số ", "SỐ: ", "Số"])


_LAYOUTS = ("{n}/{kind}-{issuer}", "{n}-{kind}/{issuer}")


@st.composite
def layouts(draw: st.DrawFn) -> str:
    """A symbol with a place for its number: the State (``{n}/QĐ-UBND``) or Party (``{n}-NQ/ĐU``) layout."""
    kind = draw(st.text(_LETTERS, min_size=1, max_size=4))
    issuer = draw(st.text(_LETTERS, min_size=1, max_size=6))
    return draw(st.sampled_from(_LAYOUTS)).replace("{kind}", kind).replace("{issuer}", issuer)


_NUMBERS = st.integers(min_value=1, max_value=9999)


@st.composite
def respelled(draw: st.DrawFn, text: str, *, spaces_anywhere: bool) -> str:
    """``text`` with its letters in any case, whitespace runs, and either Unicode form."""
    out: list[str] = []
    for char in text:
        if char == " ":
            out.append(draw(_SPACES))
            continue
        if spaces_anywhere and draw(st.booleans()):
            out.append(draw(_SPACES))
        out.append(char.upper() if draw(st.booleans()) else char.lower())
    spelled = draw(_SPACES) * draw(st.integers(0, 1)) + "".join(out) + draw(_SPACES) * draw(st.integers(0, 1))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), spelled)


@given(data=st.data(), layout=layouts(), number=_NUMBERS)
@PROPERTY
def test_spellings_of_one_number_and_symbol_share_a_duplicate_key(
    data: st.DataObject, layout: str, number: int
) -> None:
    printed = layout.format(n=number)
    zeros = "0" * data.draw(st.integers(0, 3))
    spelling = data.draw(_PREFIXES) + data.draw(respelled(zeros + printed, spaces_anywhere=True))

    assert NumberSymbol(spelling).key == NumberSymbol(printed).key


@given(layout=layouts(), number=_NUMBERS, other=_NUMBERS)
@PROPERTY
def test_another_number_or_separator_is_another_key(layout: str, number: int, other: int) -> None:
    assume(number != other)
    printed = layout.format(n=number)
    swapped = printed.translate(str.maketrans("/-", "-/"))

    assert NumberSymbol(printed).key != NumberSymbol(layout.format(n=other)).key
    assert NumberSymbol(printed).key != NumberSymbol(swapped).key


_WORDS = st.lists(
    st.text("abcdđeghiklmnopqrstuvxyâăêôơưáàảãạếệốợứ", min_size=1, max_size=8), min_size=1, max_size=5
)


@given(data=st.data(), words=_WORDS)
@PROPERTY
def test_spellings_of_one_issuer_share_a_duplicate_key(data: st.DataObject, words: list[str]) -> None:
    issuer = " ".join(words)
    spelling = data.draw(respelled(issuer, spaces_anywhere=False))

    assert Issuer(spelling).key == Issuer(issuer).key


@given(data=st.data(), words=_WORDS, layout=layouts(), number=_NUMBERS)
@PROPERTY
def test_the_register_flags_any_spelling_of_an_entered_document_as_its_duplicate(
    data: st.DataObject, words: list[str], layout: str, number: int
) -> None:
    issuer, printed = " ".join(words), layout.format(n=number)
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    register.apply(register.enter(details(issuer=issuer, number_symbol=printed), "first"))

    again = register.enter(
        details(
            issuer=data.draw(respelled(issuer, spaces_anywhere=False)),
            number_symbol=data.draw(_PREFIXES) + data.draw(respelled(printed, spaces_anywhere=True)),
        ),
        "again",
    )

    assert again.duplicate_of == "first"
    assert again.incoming_number == 2
