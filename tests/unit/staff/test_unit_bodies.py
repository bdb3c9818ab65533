"""Each commune's bodies are recorded with it and carried by a merger: on a day, a unit serves its
bodies since a day, continuing those of the units merged into it."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.domain.reorganisations import EstablishUnit, MergeUnits, UnitSpec
from oneoffice.staff.domain.unit_errors import UnitNotFound
from oneoffice.staff.domain.unit_registry import UnitRegistry

from .units_support import seeded, service

CODES = {row.name: row.code for row in tuong_duong_rows() if row.valid_to}


async def test_the_2025_successor_serves_every_body_since_the_merger_carried_from_each_merged_commune() -> (
    None
):
    units = await (await seeded(service())).load()
    served = units.bodies("16876", date(2026, 1, 1))
    assert [b.code for b in served] == list(body_codes())
    assert {b.since for b in served} == {date(2025, 7, 1)}
    expected = {CODES["Thạch Giám"], CODES["Lưu Kiền"], CODES["Xá Lượng"]}
    assert all(set(b.carried_from) == expected for b in served)
    thach_giam = units.bodies(CODES["Thạch Giám"], date(2020, 1, 1))
    assert {b.carried_from for b in thach_giam} == {(CODES["Hòa Bình"],)}
    with pytest.raises(UnitNotFound):
        units.bodies("16876", date(2025, 6, 30))


def test_an_absorbing_unit_keeps_its_own_bodies_since_it_began_and_gains_the_carried_ones() -> None:
    units = UnitRegistry()
    for command in (
        EstablishUnit("p", date(2000, 1, 1), UnitSpec("Nghệ An", "province", None, "40")),
        EstablishUnit("a", date(2001, 1, 1), UnitSpec("A", "commune", "40", "A1", ("UBND",))),
        EstablishUnit("b", date(2001, 1, 1), UnitSpec("B", "commune", "40", "B1", ("UBND", "HOI_CCB"))),
        MergeUnits("m", date(2010, 1, 1), ("B1",), "A1"),
    ):
        event = units.reorganise(command)
        assert event is not None
        units.apply(event)
    before = units.bodies("A1", date(2009, 12, 31))
    after = units.bodies("A1", date(2010, 1, 1))
    assert [(b.code, b.since, b.carried_from) for b in before] == [("UBND", date(2001, 1, 1), ())]
    assert [(b.code, b.since, b.carried_from) for b in after] == [
        ("UBND", date(2001, 1, 1), ("B1",)),
        ("HOI_CCB", date(2010, 1, 1), ("B1",)),
    ]
    assert units.bodies("B1") == units.bodies("B1", date(2009, 12, 31))
