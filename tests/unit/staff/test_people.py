"""People of the commune offices: who works where on a day, through transfers, leaving and merges."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.staff.adapters.title_data import staff_titles
from oneoffice.staff.adapters.unit_data import body_codes
from oneoffice.staff.domain.people import (
    JoinStaff,
    PersonJoined,
    PersonLeft,
    PersonTransferred,
    StaffRegister,
)
from oneoffice.staff.domain.people_errors import InvalidStaffChange, PersonNotFound

TITLES = staff_titles()
BODIES = body_codes()
COMMUNES = ("16876", "16882", "16885")
START = date(2025, 7, 1)


def exists(code: str, day: date) -> bool:
    return code in COMMUNES and day >= START


def clerk(person_id: str = "p1", commune: str = "16876", **changes: object) -> JoinStaff:
    values: dict[str, object] = {
        "person_id": person_id,
        "name": "Lô Thị Hoa",
        "title": "Văn phòng Đảng ủy",
        "category": "không chuyên trách",
        "bodies": ("DANG_UY",),
        "allowance": Decimal("1.0"),
        "commune_id": commune,
        "effective": START,
    }
    values.update(changes)
    return JoinStaff(**values)  # type: ignore[arg-type]


def joined(register: StaffRegister, command: JoinStaff) -> PersonJoined:
    event = register.join(command, exists, TITLES, BODIES)
    assert event is not None
    register.apply(event)
    return event


def test_a_person_is_staff_of_their_commune_from_the_day_they_join() -> None:
    register = StaffRegister()
    joined(register, clerk())
    assert [p.person_id for p in register.staff_of("16876", START)] == ["p1"]
    assert register.staff_of("16876", START - timedelta(days=1)) == []
    assert register.staff_of("16882", START) == []


def test_the_same_person_asked_twice_is_recorded_once() -> None:
    register = StaffRegister()
    joined(register, clerk())
    assert register.join(clerk(), exists, TITLES, BODIES) is None


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "Thủ quỹ"}, "unknown_title"),
        ({"category": "biên chế"}, "unknown_category"),
        ({"bodies": ("CONG_DOAN",)}, "unknown_body"),
        ({"bodies": ()}, "unknown_body"),
        ({"allowance": Decimal("0")}, "invalid_allowance"),
        ({"commune_id": "99999"}, "unit_not_found"),
        ({"effective": date(2020, 1, 1)}, "unit_not_found"),
        ({"name": "  "}, "invalid_name"),
    ],
)
def test_a_join_with_bad_input_is_refused_in_both_languages(changes: dict[str, object], code: str) -> None:
    register = StaffRegister()
    with pytest.raises(InvalidStaffChange) as refused:
        register.join(clerk(**changes), exists, TITLES, BODIES)
    assert refused.value.code == code
    assert refused.value.message_vi and refused.value.message_en
    assert register.version == 0


def test_a_transfer_moves_the_person_from_its_day_and_keeps_the_earlier_days() -> None:
    register = StaffRegister()
    joined(register, clerk())
    day = date(2026, 1, 1)
    register.apply(register.transfer("p1", "16876", "16882", day, exists))
    assert register.commune_of("p1", day - timedelta(days=1)) == "16876"
    assert register.commune_of("p1", day) == "16882"


def test_a_transfer_to_a_unit_that_does_not_exist_that_day_is_refused() -> None:
    register = StaffRegister()
    joined(register, clerk())
    with pytest.raises(InvalidStaffChange) as refused:
        register.transfer("p1", "16876", "99999", date(2026, 1, 1), exists)
    assert refused.value.code == "unit_not_found"


def test_a_transfer_of_someone_who_is_not_staff_of_the_commune_is_refused() -> None:
    register = StaffRegister()
    joined(register, clerk())
    with pytest.raises(PersonNotFound):
        register.transfer("p1", "16882", "16885", date(2026, 1, 1), exists)


def test_leaving_twice_is_refused() -> None:
    register = StaffRegister()
    joined(register, clerk())
    register.apply(register.leave("p1", "16876", date(2026, 1, 1)))
    assert register.staff_of("16876", date(2026, 1, 1)) == []
    assert register.person("p1", date(2026, 1, 1)).left_on == date(2026, 1, 1)
    with pytest.raises(InvalidStaffChange) as refused:
        register.leave("p1", "16876", date(2026, 2, 1))
    assert refused.value.code == "already_left"


def test_staff_of_a_merged_away_commune_are_staff_of_the_successor_from_the_merge_date() -> None:
    register = StaffRegister()
    joined(register, clerk(commune="16882"))
    merge_day = date(2026, 1, 1)

    def successor(code: str, day: date) -> str:
        return "16876" if code == "16882" and day >= merge_day else code

    assert [p.person_id for p in register.staff_of("16882", merge_day - timedelta(days=1), successor)] == [
        "p1"
    ]
    assert [p.person_id for p in register.staff_of("16876", merge_day, successor)] == ["p1"]
    assert register.staff_of("16882", merge_day, successor) == []


# Property: the register's answer agrees with a brute-force replay of the events up to the day.

DAYS = st.integers(min_value=0, max_value=400).map(lambda n: START + timedelta(days=n))
STEPS = st.lists(
    st.tuples(st.sampled_from(["join", "transfer", "leave"]), st.sampled_from(["a", "b", "c"]),
              st.sampled_from(COMMUNES), DAYS),
    max_size=25,
)  # fmt: skip


def brute_force(events: list[object], commune: str, day: date) -> set[str]:
    where: dict[str, str | None] = {}
    for event in sorted(events, key=lambda e: e.effective):  # type: ignore[attr-defined]
        if event.effective > day:  # type: ignore[attr-defined]
            continue
        match event:
            case PersonJoined():
                where[event.person_id] = event.commune_id
            case PersonTransferred():
                where[event.person_id] = event.to_commune
            case PersonLeft():
                where[event.person_id] = None
    return {person for person, at in where.items() if at == commune}


@settings(max_examples=150, deadline=None)
@given(steps=STEPS, asked=DAYS)
def test_staff_of_agrees_with_a_replay_of_the_events(
    steps: list[tuple[str, str, str, date]], asked: date
) -> None:
    register = StaffRegister()
    recorded: list[object] = []
    for kind, person, commune, day in steps:
        try:
            if kind == "join":
                event: object = register.join(clerk(person, commune, effective=day), exists, TITLES, BODIES)
            elif kind == "transfer":
                here = register.commune_of(person, day)
                event = register.transfer(person, here or commune, commune, day, exists)
            else:
                event = register.leave(person, register.commune_of(person, day) or commune, day)
        except (InvalidStaffChange, PersonNotFound):
            continue
        if event is not None:
            register.apply(event)  # type: ignore[arg-type]
            recorded.append(event)
    for commune in COMMUNES:
        assert {p.person_id for p in register.staff_of(commune, asked)} == brute_force(
            recorded, commune, asked
        )
