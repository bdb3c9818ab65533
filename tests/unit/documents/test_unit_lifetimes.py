"""The units documents knows: each unit's lifetime, as the staff register's events change it.

Held to the staff service's own register: over Tương Dương's history, documents' view of which
unit exists on a day is the staff register's answer.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from oneoffice.contracts.events import staff
from oneoffice.documents.application.unit_directory import (
    UnitBegan,
    UnitEnded,
    UnitLifetime,
    apply_changes,
    lifetime_changes,
)
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.unit_contract_events import to_contract
from oneoffice.staff.application.unit_seed import tuong_duong_history
from oneoffice.staff.domain.unit_registry import UnitRegistry

DAY = date(2025, 7, 1)


def _new(code: str) -> staff.NewUnit:
    return staff.NewUnit(code=code, name=code, kind="commune", parent="42", synthetic=False, bodies=[])


def test_a_unit_exists_from_its_first_day_up_to_the_day_before_it_ceases() -> None:
    unit = UnitLifetime("16876", established=date(2020, 1, 1), ceased=DAY)

    assert not unit.exists_on(date(2019, 12, 31))
    assert unit.exists_on(date(2020, 1, 1))
    assert unit.exists_on(DAY - timedelta(days=1))
    assert not unit.exists_on(DAY)
    assert not unit.exists_on(date(2026, 3, 10))


@given(
    established=st.dates(max_value=date(2100, 1, 1)),
    length=st.one_of(st.none(), st.integers(min_value=1, max_value=50_000)),
    day=st.dates(),
)
def test_a_unit_exists_on_exactly_the_days_between_its_establishment_and_its_end(
    established: date, length: int | None, day: date
) -> None:
    ceased = None if length is None else established + timedelta(days=length)
    unit = UnitLifetime("X", established, ceased)

    assert unit.exists_on(day) == (established <= day and (ceased is None or day < ceased))


def test_a_merger_into_a_new_unit_begins_it_and_ends_the_merged_units() -> None:
    merged = staff.UnitsMerged(
        reorganisation_id="r1",
        effective=DAY,
        merged=["A", "B"],
        successor="16876",
        new_successor=_new("16876"),
        bodies_carried=[],
        children_moved=[],
        note="",
    )

    assert lifetime_changes(merged) == (UnitBegan("16876", DAY), UnitEnded("A", DAY), UnitEnded("B", DAY))


def test_a_merger_into_a_unit_that_absorbs_them_ends_only_the_merged_units() -> None:
    merged = staff.UnitsMerged(
        reorganisation_id="r1",
        effective=DAY,
        merged=["A"],
        successor="B",
        new_successor=None,
        bodies_carried=[],
        children_moved=[],
        note="",
    )

    assert lifetime_changes(merged) == (UnitEnded("A", DAY),)


def test_a_split_begins_its_units_and_ends_the_split_one_and_a_ceasing_ends_its_unit() -> None:
    split = staff.UnitSplit(
        reorganisation_id="r", effective=DAY, unit="A", into=[_new("B"), _new("C")], note=""
    )
    ceased = staff.UnitCeased(reorganisation_id="r2", effective=DAY, code="D", note="")

    assert lifetime_changes(split) == (UnitBegan("B", DAY), UnitBegan("C", DAY), UnitEnded("A", DAY))
    assert lifetime_changes(ceased) == (UnitEnded("D", DAY),)


def test_renames_and_reparentings_change_no_lifetime() -> None:
    renamed = staff.UnitRenamed(
        reorganisation_id="r", effective=DAY, code="A", name="Mới", kind="commune", note=""
    )
    moved = staff.UnitReparented(reorganisation_id="r2", effective=DAY, code="A", parent=None, note="")

    assert lifetime_changes(renamed) == () and lifetime_changes(moved) == ()


def test_applied_changes_keep_a_units_first_day_when_it_ends() -> None:
    lifetimes = apply_changes({}, (UnitBegan("A", date(2008, 1, 1)), UnitBegan("B", date(2008, 1, 1))))

    after = apply_changes(lifetimes, (UnitEnded("A", DAY), UnitEnded("unknown", DAY)))

    assert after == {
        "A": UnitLifetime("A", date(2008, 1, 1), DAY),
        "B": UnitLifetime("B", date(2008, 1, 1)),
    }


def _tuong_duong() -> tuple[UnitRegistry, dict[str, UnitLifetime]]:
    """The staff register after Tương Dương's history, and documents' lifetimes from its events."""
    registry, lifetimes = UnitRegistry(), dict[str, UnitLifetime]()
    for command in tuong_duong_history(tuong_duong_rows(), body_codes()):
        event = registry.reorganise(command)
        assert event is not None
        registry.apply(event)
        lifetimes = apply_changes(lifetimes, lifetime_changes(to_contract(event)))
    return registry, lifetimes


REGISTRY, LIFETIMES = _tuong_duong()


@given(code=st.sampled_from([*sorted(LIFETIMES), "99999"]), day=st.dates(date(2016, 1, 1), date(2027, 1, 1)))
def test_documents_agrees_with_the_staff_register_on_which_tuong_duong_unit_exists_on_any_day(
    code: str, day: date
) -> None:
    lifetime = LIFETIMES.get(code)

    assert (lifetime is not None and lifetime.exists_on(day)) == REGISTRY.exists_on(code, day)


def test_after_the_2025_merger_documents_knows_the_nine_communes_and_the_old_ones_as_gone() -> None:
    on = date(2025, 7, 1)

    living = {code for code, lifetime in LIFETIMES.items() if lifetime.exists_on(on)}

    assert living >= {"16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936"}
    assert not LIFETIMES["TD-LUU-KIEN"].exists_on(on) and LIFETIMES["TD-LUU-KIEN"].exists_on(
        on - timedelta(1)
    )
