"""The reference tables shipped with the service load as the catalogue the rules use."""

from __future__ import annotations

from pathlib import Path

import pytest

from oneoffice.documents.adapters.reference_data import load_catalogue


def test_the_shipped_catalogue_has_the_eight_bodies_of_a_commune_office() -> None:
    catalogue = load_catalogue()

    assert list(catalogue.bodies) == [
        "DANG_UY", "HDND", "UBND", "MTTQ", "DOAN_TN", "HOI_PN", "HOI_ND", "HOI_CCB",
    ]  # fmt: skip
    assert catalogue.bodies["UBND"].name_vi == "Ủy ban nhân dân"


def test_the_shipped_document_types_have_unique_ascii_codes() -> None:
    types = load_catalogue().document_types

    assert {"QD", "CV", "NQ", "TB", "KL", "DE_AN", "DA", "HOP_DONG", "HD"} <= set(types)
    assert types["QD"].name_vi == "Quyết định" and types["QD"].abbr == "QĐ"
    assert types["CV"].abbr == ""
    assert all(code.isascii() for code in types)


def test_a_folder_from_the_settings_replaces_the_shipped_tables(tmp_path: Path) -> None:
    (tmp_path / "bodies.csv").write_text("code,name_vi,name_en,family\nUBND,Ủy ban nhân dân,PC,State\n")
    (tmp_path / "document-types.csv").write_text("code,name_vi,name_en,abbr\nKH,Kế hoạch,Plan,KH\n")

    catalogue = load_catalogue(tmp_path)

    assert list(catalogue.bodies) == ["UBND"] and list(catalogue.document_types) == ["KH"]


def test_a_table_with_a_code_twice_stops_the_service(tmp_path: Path) -> None:
    (tmp_path / "bodies.csv").write_text("code,name_vi,name_en,family\nUBND,a,b,c\nUBND,a,b,c\n")
    (tmp_path / "document-types.csv").write_text("code,name_vi,name_en,abbr\nKH,Kế hoạch,Plan,KH\n")

    with pytest.raises(ValueError, match="no code may appear twice"):
        load_catalogue(tmp_path)
