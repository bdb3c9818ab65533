"""The Tương Dương history (reference §6) replayed from the packaged tables: 2017 pilot units, the
2020 merger, the 2020–2025 units, the 1 July 2025 merger into nine communes under the province."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.staff.adapters.unit_data import body_codes, packaged_data, tuong_duong_rows
from oneoffice.staff.application.unit_seed import DISTRICT_CODE, PROVINCE_CODE
from oneoffice.staff.domain.unit_registry import REGISTRY_STREAM

from .units_support import ADMIN, NOW, history, seeded, service

NINE = {"16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936"}
UNITS_2020 = {
    "Thạch Giám", "Lưu Kiền", "Xá Lượng", "Mai Sơn", "Nhôn Mai", "Tam Đình", "Tam Quang", "Tam Hợp",
    "Tam Thái", "Yên Thắng", "Yên Hòa", "Yên Tĩnh", "Yên Na", "Xiêng My", "Nga My", "Hữu Khuông",
    "Lượng Minh",
}  # fmt: skip


def test_the_packaged_units_table_holds_every_unit_of_reference_section_6() -> None:
    rows = tuong_duong_rows()
    before_2025 = {r.name for r in rows if r.valid_from != "2025-07-01" and r.valid_to != "2019-12-31"}
    assert before_2025 == UNITS_2020
    assert {r.code_2025 for r in rows if r.code_2025} == NINE
    assert [r.name for r in rows if r.valid_to == "2019-12-31"] == ["Hòa Bình"]
    assert set(body_codes()) == {"DANG_UY", "HDND", "UBND", "MTTQ", "DOAN_TN", "HOI_PN", "HOI_ND", "HOI_CCB"}


# The columns of the shared reference tables (shared/domain/data), which the readers name: a copy
# with another header would be read wrongly, not refused.
HEADERS = {
    "units-tuong-duong.csv": ["name", "kind", "code_2025", "valid_from", "valid_to", "became", "notes"],
    "bodies.csv": [
        "code",
        "name_vi",
        "name_en",
        "family",
        "symbol_issuer_example",
        "number_format",
        "sequence_scope",
    ],
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_the_packaged_copy_keeps_the_shared_tables_columns(name: str) -> None:
    packaged = packaged_data().joinpath(name).read_text(encoding="utf-8")
    rows = list(csv.reader(packaged.splitlines()))
    assert rows[0] == HEADERS[name]
    assert all(len(row) == len(HEADERS[name]) for row in rows[1:])


async def test_lineage_of_tuong_duong_16876_reaches_thach_giam_luu_kien_xa_luong_and_hoa_binh_before() -> (
    None
):
    units = await seeded(service())

    lineage = await units.lineage("16876")

    direct = {
        (s.predecessor.name, s.link.effective) for s in lineage.came_from if s.successor.code == "16876"
    }
    assert direct == {
        ("Thạch Giám", date(2025, 7, 1)),
        ("Lưu Kiền", date(2025, 7, 1)),
        ("Xá Lượng", date(2025, 7, 1)),
    }
    earlier = [s for s in lineage.came_from if s.successor.name == "Thạch Giám"]
    assert [(s.predecessor.name, s.predecessor.code, s.link.effective) for s in earlier] == [
        ("Hòa Bình", "TD-HOA-BINH", date(2020, 1, 1))
    ]
    assert earlier[0].predecessor.synthetic and earlier[0].predecessor.valid_to == date(2019, 12, 31)
    assert lineage.became == ()


async def test_hoa_binh_became_thach_giam_then_tuong_duong() -> None:
    units = await seeded(service())

    became = (await units.lineage("TD-HOA-BINH")).became

    assert [(s.successor.name, s.successor.code, s.link.effective) for s in became] == [
        ("Thạch Giám", "TD-THACH-GIAM", date(2020, 1, 1)),
        ("Tương Dương", "16876", date(2025, 7, 1)),
    ]


async def test_as_of_2019_06_01_the_district_lists_hoa_binh_and_the_province_lists_the_district() -> None:
    units = await seeded(service())

    province = await units.children(PROVINCE_CODE, date(2019, 6, 1))
    district = await units.children(DISTRICT_CODE, date(2019, 6, 1))

    assert [(u.code, u.name, u.kind.value) for u in province] == [(DISTRICT_CODE, "Tương Dương", "district")]
    names = {u.name for u in district}
    assert "Hòa Bình" in names and "Thạch Giám" not in names
    assert names == UNITS_2020 - {"Thạch Giám"} | {"Hòa Bình"}


async def test_as_of_2026_01_01_the_province_lists_the_nine_communes_and_no_district() -> None:
    units = await seeded(service())

    listed = await units.children(PROVINCE_CODE, date(2026, 1, 1))

    assert {u.code for u in listed} == NINE
    assert all(u.kind.value == "commune" for u in listed)
    assert not await units.exists_on(DISTRICT_CODE, date(2026, 1, 1))
    assert (await units.unit(DISTRICT_CODE)).valid_to == date(2025, 6, 30)


async def test_between_2020_and_2025_the_district_lists_seventeen_units() -> None:
    units = await seeded(service())

    listed = await units.children(DISTRICT_CODE, date(2024, 1, 1))

    assert {u.name for u in listed} == UNITS_2020
    assert next(u for u in listed if u.name == "Thạch Giám").kind.value == "township"


async def test_every_commune_has_its_bodies_and_a_merger_carries_them_to_the_successor() -> None:
    units = await seeded(service())

    old = await units.unit("TD-NHON-MAI", date(2024, 1, 1))
    new = await units.unit("16882", date(2025, 7, 1))
    merged = next(r for r in history() if r.reorganisation_id == "seed:merge:16882")

    assert old.bodies == body_codes() and new.bodies == body_codes()
    event = (await units.reorganise(ADMIN, merged)).event
    carried = {(c.from_unit, c.body) for c in event.bodies_carried}  # type: ignore[union-attr]
    assert carried == {(unit, body) for unit in ("TD-MAI-SON", "TD-NHON-MAI") for body in body_codes()}


async def test_unchanged_communes_keep_their_code_and_hang_off_the_province_from_1_july_2025() -> None:
    units = await seeded(service())

    assert (await units.unit("16885", date(2024, 1, 1))).parent == DISTRICT_CODE
    assert (await units.unit("16885", date(2025, 7, 1))).parent == PROVINCE_CODE


async def test_applying_the_history_again_records_nothing_new() -> None:
    store = InMemoryEventStore(FixedClock(NOW))
    units = await seeded(service(store))
    recorded = len(await store.read_stream(REGISTRY_STREAM))

    await seeded(units)

    assert len(await store.read_stream(REGISTRY_STREAM)) == recorded == len(history())


def test_the_2020_merger_says_it_is_inferred() -> None:
    merger = next(r for r in history() if r.reorganisation_id == "seed:merge:TD-THACH-GIAM")
    assert "Inferred" in merger.note and "Suy luận" in merger.note
