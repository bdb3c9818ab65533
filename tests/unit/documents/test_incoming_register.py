"""The incoming register's decisions: numbering per body and year, duplicates flagged, not refused."""

from __future__ import annotations

import unicodedata

import pytest

from oneoffice.documents.domain.events import IncomingDocumentEntered
from oneoffice.documents.domain.incoming_register import IncomingRegister
from oneoffice.documents.domain.values import RegisterId

from .builders import COMMUNE, details


def _enter_all(register: IncomingRegister, *documents: tuple[str, dict[str, str]]) -> list[int]:
    numbers = []
    for document_id, changes in documents:
        event = register.enter(details(**changes), document_id)
        register.apply(event)
        numbers.append(event.incoming_number)
    return numbers


def test_first_registration_of_the_year_gets_incoming_number_1() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))

    event = register.enter(details(), "doc-1")

    assert isinstance(event, IncomingDocumentEntered)
    assert (event.incoming_number, event.year, event.body_code, event.document_id) == (
        1,
        2026,
        "UBND",
        "doc-1",
    )
    assert event.duplicate_of is None
    assert event.registered_by == "van-thu"


def test_deciding_leaves_the_register_unchanged() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))

    register.enter(details(), "doc-1")

    assert (register.version, register.last_number) == (0, 0)
    assert register.enter(details(), "doc-2").incoming_number == 1


def test_incoming_numbers_are_consecutive_within_the_register() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))

    numbers = _enter_all(register, *((f"doc-{n}", {"number_symbol": f"{n}/TB-UBND"}) for n in range(1, 6)))

    assert numbers == [1, 2, 3, 4, 5]
    assert register.version == 5


def test_the_number_runs_within_the_year_of_receipt_so_a_new_year_restarts_at_1() -> None:
    last_year = IncomingRegister(RegisterId(COMMUNE, "UBND", 2025))
    _enter_all(last_year, ("a", {"received_date": "2025-12-30", "document_date": "2025-12-29"}))
    _enter_all(last_year, ("b", {"received_date": "2025-12-31", "document_date": "2025-12-29"}))
    this_year = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))

    december_doc = details(received_date="2026-01-02", document_date="2025-12-29")
    event = this_year.enter(december_doc, "c")

    assert december_doc.register_id.year == 2026
    assert (event.year, event.incoming_number) == (2026, 1)
    assert last_year.last_number == 2


def test_registers_of_different_bodies_are_numbered_independently() -> None:
    ubnd = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    dang_uy = IncomingRegister(RegisterId(COMMUNE, "DANG_UY", 2026))

    _enter_all(ubnd, ("u1", {}), ("u2", {"number_symbol": "7/TB-UBND"}))
    first_party = dang_uy.enter(details(body_code="DANG_UY", number_symbol="15-NQ/ĐU"), "d1")

    assert first_party.incoming_number == 1
    assert ubnd.last_number == 2


def test_a_document_for_another_register_is_refused() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))

    with pytest.raises(ValueError, match="does not belong"):
        register.enter(details(body_code="HDND"), "x")


def test_second_registration_of_same_issuer_and_symbol_is_flagged_duplicate_and_still_numbered() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    _enter_all(register, ("first", {}), ("other", {"number_symbol": "126/QĐ-UBND"}))

    again = register.enter(details(), "second")

    assert again.duplicate_of == "first"
    assert again.incoming_number == 3


def test_a_third_copy_points_at_the_first_registration() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    _enter_all(register, ("first", {}), ("second", {}))

    assert register.enter(details(), "third").duplicate_of == "first"


@pytest.mark.parametrize(
    ("issuer", "number_symbol"),
    [
        ("ubnd  tỉnh nghệ an", "125/QĐ-UBND"),
        ("UBND tỉnh Nghệ An", "Số: 125/QĐ-UBND"),
        ("UBND tỉnh Nghệ An", "125 / qđ-ubnd"),
        # Decomposed Unicode (NFD), as some Vietnamese keyboards type it.
        (unicodedata.normalize("NFD", "UBND tỉnh Nghệ An"), "125/QĐ-UBND"),
    ],
)
def test_spelling_variants_of_the_same_document_are_recognised_as_duplicates(
    issuer: str, number_symbol: str
) -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    _enter_all(register, ("first", {}))

    event = register.enter(details(issuer=issuer, number_symbol=number_symbol), "again")

    assert event.duplicate_of == "first"


def test_leading_zero_in_the_number_is_the_same_number() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    _enter_all(register, ("first", {"number_symbol": "05/TB-UBND"}))

    assert register.enter(details(number_symbol="5/TB-UBND"), "again").duplicate_of == "first"


@pytest.mark.parametrize(
    "changes",
    [
        {"issuer": "Sở Nội vụ tỉnh Nghệ An"},
        {"number_symbol": "125/QĐ-SNV"},
        {"number_symbol": "1125/QĐ-UBND"},
    ],
)
def test_another_issuer_or_number_is_not_a_duplicate(changes: dict[str, str]) -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    _enter_all(register, ("first", {}))

    assert register.enter(details(**changes), "other").duplicate_of is None


def test_documents_without_a_number_are_never_duplicates_of_each_other() -> None:
    register = IncomingRegister(RegisterId(COMMUNE, "UBND", 2026))
    _enter_all(register, ("letter-1", {"number_symbol": "", "document_type": "THU_CONG"}))

    event = register.enter(details(number_symbol=" ", document_type="THU_CONG"), "letter-2")

    assert event.duplicate_of is None
