"""Properties of outgoing numbering: whatever the interleaving of numberings and imports over bodies,
types, confidentiality, years and Party terms, each sequence's period is numbered without gap or reuse."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.domain.number_symbol import SymbolStyle
from oneoffice.documents.domain.numbering_book import NumberingBook, NumberRequest
from oneoffice.documents.domain.outgoing_document import period_of, sequence_id, symbol_maker, validate_draft
from oneoffice.documents.domain.outgoing_errors import AlreadyNumbered, IssuedBeforeLast, NumberTaken

from .outgoing_builders import RULES, draft_input

TODAY = date(2030, 12, 31)
START = date(2024, 11, 1)  # spans two years and the Party term change of July 2025
BODIES = ["UBND", "HDND", "DANG_UY", "DOAN_TN"]
TYPES = ["NQ", "QD", "CV", "BC", "SY", "TRS"]


def _family_ok(body: str, document_type: str) -> bool:
    family = "Party" if RULES.bodies[body].style is SymbolStyle.PARTY else "State"
    return family in RULES.types[document_type].families


operations = st.lists(
    st.tuples(
        st.sampled_from(BODIES),
        st.sampled_from(TYPES),
        st.booleans(),  # confidential
        st.integers(min_value=0, max_value=500),  # days after START
        st.one_of(st.none(), st.integers(min_value=1, max_value=40)),  # an imported number
    ).filter(lambda op: _family_ok(op[0], op[1])),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(operations)
def test_any_interleaving_numbers_each_sequence_without_gap_or_reuse(ops: list[tuple]) -> None:  # type: ignore[type-arg]
    books: dict[str, NumberingBook] = {}
    issued: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    for n, (body, document_type, confidential, offset, imported) in enumerate(ops):
        authority = "T/M" if RULES.bodies[body].authority_family == "party" else "TM."
        draft = validate_draft(
            draft_input(
                body_code=body,
                document_type=document_type,
                authority=authority,
                confidentiality="MAT" if confidential else "NONE",
            ),
            RULES,
            f"doc-{n}",
        )
        day = START + timedelta(days=offset)
        book = books.setdefault(sequence_id(draft, RULES), NumberingBook(sequence_id(draft, RULES)))
        request = NumberRequest(
            document_id=draft.document_id,
            commune_id=draft.commune_id,
            body_code=body,
            document_type=document_type,
            period=period_of(draft, RULES, day),
            issued_on=day,
            confidential=confidential,
            numbered_by="clerk",
            explicit_number=imported,
        )
        try:
            event = book.issue(request, TODAY, symbol_maker(draft, RULES))
        except (IssuedBeforeLast, NumberTaken):
            continue
        book.apply(event)
        issued[(book.sequence_id, event.period)].append((event.number, event.imported))
        # Never twice for one document.
        try:
            book.issue(request, TODAY, symbol_maker(draft, RULES))
        except AlreadyNumbered:
            pass
        else:
            raise AssertionError("a numbered document was numbered again")
    for numbers in issued.values():
        drawn = [number for number, _ in numbers]
        assert len(drawn) == len(set(drawn)), "no number is given twice"
        highest = 0
        for number, was_imported in numbers:
            if not was_imported:
                assert number == highest + 1, "a drawn number follows the highest so far"
            highest = max(highest, number)
        if not any(was_imported for _, was_imported in numbers):
            assert drawn == list(range(1, len(drawn) + 1))


@given(st.sampled_from(BODIES), st.booleans())
def test_the_sequence_of_a_document_depends_only_on_body_type_and_confidentiality(
    body: str, confidential: bool
) -> None:
    authority = "T/M" if RULES.bodies[body].authority_family == "party" else "TM."
    sequences = {
        sequence_id(
            validate_draft(
                draft_input(
                    body_code=body,
                    document_type="NQ",
                    authority=authority,
                    confidentiality="TUYET_MAT" if confidential else "NONE",
                ),
                RULES,
                document_id,
            ),
            RULES,
        )
        for document_id in ("a", "b")
    }
    assert len(sequences) == 1
    assert ("confidential" in next(iter(sequences))) is confidential
