"""The register of administrative units decides reorganisations: what it records, and what it
refuses (with a Vietnamese and an English message, recording nothing)."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.staff.domain.reorganisations import (
    CeaseUnit,
    EstablishUnit,
    MergeUnits,
    RenameUnit,
    Reorganisation,
    ReparentUnit,
    SplitUnit,
    UnitSpec,
)
from oneoffice.staff.domain.unit_errors import InvalidReorganisation, UnitNotFound
from oneoffice.staff.domain.unit_registry import UnitRegistry
from oneoffice.staff.domain.units import synthetic_code

D0, D1, D2, D3 = date(2017, 1, 1), date(2020, 1, 1), date(2025, 7, 1), date(2026, 1, 1)


def record(units: UnitRegistry, command: Reorganisation) -> None:
    event = units.reorganise(command)
    assert event is not None
    units.apply(event)


def registry() -> UnitRegistry:
    """Province P, district D under it, communes A, B, C under D (from D0)."""
    units = UnitRegistry()
    record(units, EstablishUnit("p", D0, UnitSpec("Nghệ An", "province", None, "P")))
    record(units, EstablishUnit("d", D0, UnitSpec("Tương Dương", "district", "P", "D")))
    for code in "ABC":
        record(units, EstablishUnit(code, D0, UnitSpec(f"Xã {code}", "commune", "D", code, ("UBND",))))
    return units


def refused(units: UnitRegistry, command: Reorganisation) -> InvalidReorganisation:
    version = units.version
    with pytest.raises(InvalidReorganisation) as caught:
        units.reorganise(command)
    assert caught.value.message_vi and caught.value.message_en
    assert units.version == version
    return caught.value


def test_a_synthetic_code_folds_the_vietnamese_name_under_the_parents_initials() -> None:
    assert synthetic_code("Hòa Bình", "Tương Dương") == "TD-HOA-BINH"
    assert synthetic_code("Đồng Văn", "Nghệ An") == "NA-DONG-VAN"


def test_a_unit_established_without_code_gets_a_synthetic_one_marked_synthetic() -> None:
    units = registry()
    record(units, EstablishUnit("e", D1, UnitSpec("Hòa Bình", "township", "D")))
    view = units.unit("TD-HOA-BINH", D1)
    assert view.synthetic and view.kind.value == "township" and view.parent == "D"


def test_a_merger_into_a_new_unit_ends_the_merged_units_the_day_before_and_links_them() -> None:
    units = registry()
    record(units, MergeUnits("m", D2, ("A", "B"), UnitSpec("Xã AB", "commune", "P", "AB")))

    assert not units.exists_on("A", D2) and units.exists_on("A", date(2025, 6, 30))
    assert units.unit("A").valid_to == date(2025, 6, 30)
    assert [u.code for u in units.children("P", D2)] == ["D", "AB"]
    assert {s.predecessor.code for s in units.lineage("AB").came_from} == {"A", "B"}
    assert units.unit("AB", D2).bodies == ("UBND",)


def test_a_merger_into_an_existing_unit_keeps_its_code_and_gathers_the_bodies() -> None:
    units = registry()
    record(units, EstablishUnit("x", D0, UnitSpec("Xã X", "commune", "D", "X", ("HDND",))))
    record(units, MergeUnits("m", D2, ("A", "X"), "X"))

    assert units.unit("X", D2).bodies == ("HDND", "UBND")
    assert units.unit("X", D1).bodies == ("HDND",)
    assert [s.successor.code for s in units.lineage("A").became] == ["X"]


def test_merging_districts_moves_their_communes_under_the_successor() -> None:
    units = registry()
    record(units, EstablishUnit("d2", D0, UnitSpec("Con Cuông", "district", "P", "D2")))
    record(units, MergeUnits("m", D1, ("D", "D2"), UnitSpec("Huyện mới", "district", "P", "DN")))

    assert {u.code for u in units.children("DN", D1)} == {"A", "B", "C"}
    assert {u.code for u in units.children("D", D0)} == {"A", "B", "C"}


def test_a_split_ends_the_unit_and_begins_each_part() -> None:
    units = registry()
    parts = (UnitSpec("A1", "commune", "D", "A1"), UnitSpec("A2", "commune", "D", "A2"))
    record(units, SplitUnit("s", D1, "A", parts))
    assert {s.successor.code for s in units.lineage("A").became} == {"A1", "A2"}
    assert not units.exists_on("A", D1)


def test_a_rename_keeps_the_code_and_the_old_name_on_earlier_dates() -> None:
    units = registry()
    record(units, RenameUnit("r", D1, "A", "Xã Mới", "ward"))
    assert (units.unit("A", D0).name, units.unit("A", D1).name) == ("Xã A", "Xã Mới")
    assert units.unit("A", D1).kind.value == "ward"


def test_the_same_reorganisation_id_is_decided_once() -> None:
    units = registry()
    record(units, RenameUnit("r", D1, "A", "Xã Mới"))
    assert units.reorganise(RenameUnit("r", D1, "A", "Xã Mới")) is None


def test_an_id_recorded_for_another_kind_or_date_of_reorganisation_is_refused() -> None:
    units = registry()
    record(units, RenameUnit("r", D1, "A", "Xã Mới"))
    assert refused(units, CeaseUnit("r", D1, "A")).code == "reorganisation_id_reused"
    assert refused(units, RenameUnit("r", D2, "A", "Xã Mới")).code == "reorganisation_id_reused"


def test_a_merger_into_a_unit_that_does_not_exist_on_that_date_is_refused() -> None:
    units = registry()
    record(units, EstablishUnit("late", D2, UnitSpec("Xã Muộn", "commune", "D", "L")))
    error = refused(units, MergeUnits("m", D1, ("A",), "L"))
    assert error.code == "successor_not_on_date"
    with pytest.raises(UnitNotFound):
        units.reorganise(MergeUnits("m", D1, ("A",), "NOWHERE"))


def test_a_merger_of_a_unit_that_already_ceased_is_refused() -> None:
    units = registry()
    record(units, MergeUnits("m1", D1, ("A",), "B"))
    assert refused(units, MergeUnits("m2", D2, ("A", "C"), "C")).code == "unit_ceased"


def test_a_cycle_in_the_hierarchy_is_refused() -> None:
    units = registry()
    record(units, EstablishUnit("d2", D0, UnitSpec("Huyện 2", "district", "P", "D2")))
    assert refused(units, ReparentUnit("c", D1, "P", "D")).code == "hierarchy_cycle"
    assert refused(units, ReparentUnit("c", D1, "D", "D")).code == "hierarchy_cycle"


def test_a_rename_or_reparent_of_a_ceased_unit_is_refused() -> None:
    units = registry()
    record(units, MergeUnits("m", D1, ("A",), "B"))
    assert refused(units, RenameUnit("r", D2, "A", "Tên mới")).code == "unit_ceased"
    assert refused(units, ReparentUnit("rp", D2, "A", "P")).code == "unit_ceased"


def test_dates_out_of_order_are_refused() -> None:
    units = registry()
    record(units, RenameUnit("r", D2, "A", "Tên mới"))
    assert refused(units, RenameUnit("r2", D1, "A", "Tên cũ hơn")).code == "dates_out_of_order"
    assert refused(units, MergeUnits("m", D1, ("A", "B"), "B")).code == "dates_out_of_order"
    assert refused(units, CeaseUnit("c", D0, "B")).code == "dates_out_of_order"


def test_a_unit_with_units_under_it_cannot_cease_until_they_move() -> None:
    units = registry()
    assert refused(units, CeaseUnit("c", D2, "D")).code == "unit_has_units"
    for code in "ABC":
        record(units, ReparentUnit(f"r{code}", D2, code, "P"))
    record(units, CeaseUnit("c", D2, "D"))
    assert [u.code for u in units.children("P", D3)] == ["A", "B", "C"]


def test_a_commune_cannot_hang_off_a_commune_nor_a_province_off_anything() -> None:
    units = registry()
    assert refused(units, ReparentUnit("r", D1, "A", "B")).code == "parent_kind"
    assert refused(units, EstablishUnit("e", D1, UnitSpec("Xã", "commune", None))).code == "parent_required"


def test_a_code_names_one_unit_for_ever() -> None:
    units = registry()
    record(units, MergeUnits("m", D1, ("A",), "B"))
    assert (
        refused(units, EstablishUnit("e", D2, UnitSpec("Xã A lại", "commune", "D", "A"))).code
        == "unit_code_taken"
    )


def test_unknown_units_are_not_found_and_units_are_not_found_outside_their_dates() -> None:
    units = registry()
    with pytest.raises(UnitNotFound):
        units.unit("NOPE")
    record(units, MergeUnits("m", D1, ("A",), "B"))
    with pytest.raises(UnitNotFound) as caught:
        units.unit("A", D2)
    assert "01/01/2025" not in caught.value.message_vi and "2025-07-01" in caught.value.message_en
