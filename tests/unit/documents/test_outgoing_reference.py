"""The rules of outgoing documents load from the reference tables; a broken table stops the service."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from oneoffice.documents.adapters.outgoing_reference import load_outgoing_rules
from oneoffice.documents.adapters.reference_data import packaged_reference_data
from oneoffice.documents.domain.number_symbol import SymbolStyle
from oneoffice.documents.domain.outgoing_rules import Period


def test_the_shipped_rules_cover_every_body_with_its_family() -> None:
    rules = load_outgoing_rules()

    assert (
        rules.bodies["DANG_UY"].style is SymbolStyle.PARTY and rules.bodies["DANG_UY"].period is Period.TERM
    )
    assert rules.bodies["UBND"].style is SymbolStyle.STATE and rules.bodies["UBND"].issuer_abbr == "UBND"
    assert rules.authorities["state"] == {"TM.", "KT.", "Q.", "TL.", "TUQ."}
    assert rules.authorities["party"] == {"T/M", "K/T"}
    assert rules.types["CV"].party_abbr == "CV" and not rules.types["BB"].needs_recipients
    assert rules.types["SY"].sequence_group == rules.types["SL"].sequence_group == "copies"


def test_a_communes_own_term_wins_over_the_default(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "party-terms.csv").open("a", encoding="utf-8") as terms:
        terms.write("16876,DANG_UY,2025-2030 (Tương Dương),2025-08-15,2030-12-31,its congress\n")

    rules = load_outgoing_rules(folder)

    assert rules.term_of("16876", "DANG_UY", date(2025, 9, 1)).name == "2025-2030 (Tương Dương)"  # type: ignore[union-attr]
    assert rules.term_of("16882", "DANG_UY", date(2025, 9, 1)).name == "2025-2030"  # type: ignore[union-attr]


def test_a_body_without_numbering_rules_stops_the_service(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    lines = (folder / "body-numbering.csv").read_text(encoding="utf-8").splitlines()
    (folder / "body-numbering.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")

    with pytest.raises(ValueError, match="cover the catalogue"):
        load_outgoing_rules(folder)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    folder.mkdir()
    for name in ("bodies.csv", "document-types.csv", "body-numbering.csv", "outgoing-types.csv",
                 "authorities.csv", "party-terms.csv"):  # fmt: skip
        shutil.copyfile(str(packaged_reference_data().joinpath(name)), folder / name)
    return folder
