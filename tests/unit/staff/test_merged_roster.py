"""A commune's roster read with what the units merged into it carried: their assignments until the
successor reassigns the duty, their absences open on the merge date; before the merge date the old
unit shows as it was. Any merge sequence agrees with a day-by-day replay."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.staff.domain.coverage import CoverStatus
from oneoffice.staff.domain.duty_errors import InvalidDutyCommand
from oneoffice.staff.domain.duty_events import AbsenceKind, CatalogueVersionPublished, Duty, DutyAssigned
from oneoffice.staff.domain.duty_roster import DutyRoster
from oneoffice.staff.domain.merged_roster import MergedRoster

INCOMING = Duty("INCOMING", "Tiếp nhận văn bản đến", "Receive incoming documents", "", ("UBND",))
STATS = Duty("STATS", "Tổng hợp số liệu thống kê", "Compile statistics", "", ("UBND",))
V1 = CatalogueVersionPublished(1, (INCOMING, STATS), "")
MERGE = date(2025, 7, 1)


def roster(code: str, adopt: bool = True) -> DutyRoster:
    r = DutyRoster(code)
    if adopt:
        r.apply(r.adopt(V1, date(2021, 1, 1)))
    return r


def covers(
    merged: MergedRoster, day: date, lead: str | None = None
) -> list[tuple[str, str | None, str | None]]:
    return [(c.duty, c.covered_by, c.carried_from) for c in merged.coverage_on(day, lead)]


def test_a_new_successor_carries_the_merged_units_assignments_from_the_merge_date() -> None:
    old = roster("16700")
    old.apply(old.assign("INCOMING", "lan", "minh", date(2024, 1, 1)))
    successor = MergedRoster(roster("16876", adopt=False), ((MERGE, MergedRoster(old)),))
    assert covers(successor, MERGE - timedelta(days=1)) == []
    assert covers(successor, MERGE) == [("INCOMING", "lan", "16700"), ("STATS", None, None)]
    assert successor.gaps(MERGE) == [("STATS", False, False)]
    assert covers(MergedRoster(old), MERGE - timedelta(days=1)) == [
        ("INCOMING", "lan", None),
        ("STATS", None, None),
    ]


def test_each_merged_unit_keeps_its_holder_until_the_successor_reassigns_the_duty() -> None:
    a, b, own = roster("16700"), roster("16701"), roster("16876")
    a.apply(a.assign("INCOMING", "lan", "minh", date(2024, 1, 1)))
    b.apply(b.assign("INCOMING", "tuan", "hoa", date(2024, 2, 1)))
    own.apply(own.assign("INCOMING", "khanh", "lan", date(2023, 1, 1)))
    successor = MergedRoster(own, ((MERGE, MergedRoster(a)), (MERGE, MergedRoster(b))))
    on = [(c, f) for d, c, f in covers(successor, MERGE) if d == "INCOMING"]
    assert on == [("khanh", None), ("lan", "16700"), ("tuan", "16701")]
    own.apply(own.assign("INCOMING", "tuan", "lan", date(2025, 7, 10)))
    assert covers(successor, date(2025, 7, 9))[:3] == [
        ("INCOMING", "khanh", None),
        ("INCOMING", "lan", "16700"),
        ("INCOMING", "tuan", "16701"),
    ]
    assert covers(successor, date(2025, 7, 10))[0] == ("INCOMING", "tuan", None)
    assert [d for d, _, _ in covers(successor, date(2025, 7, 10))] == ["INCOMING", "STATS"]


def test_an_absence_open_on_the_merge_date_still_covers_and_overlaps() -> None:
    old = roster("16700")
    old.apply(old.assign("INCOMING", "lan", "minh", date(2024, 1, 1)))
    old.apply(old.record_absence("a1", "lan", AbsenceKind.LEAVE, date(2025, 6, 25), date(2025, 7, 5)))
    old.apply(old.record_absence("a0", "lan", AbsenceKind.SICK, date(2025, 1, 2), date(2025, 1, 3)))
    own = roster("16876", adopt=False)
    successor = MergedRoster(own, ((MERGE, MergedRoster(old)),))
    [cover] = [c for c in successor.coverage_on(date(2025, 7, 2)) if c.duty == "INCOMING"]
    assert (cover.status, cover.covered_by, cover.absence_id) == (CoverStatus.BACKUP, "minh", "a1")
    assert [a.absence_id for a in successor.carried_absences()] == ["a1"]
    try:
        own.record_absence("a2", "lan", AbsenceKind.SICK, date(2025, 7, 4), date(2025, 7, 8), False,
                           successor.carried_absences())  # fmt: skip
    except InvalidDutyCommand as refused:
        assert refused.code == "overlapping_absence"
    else:
        raise AssertionError("an absence overlapping a carried one was accepted")


def test_the_scheduler_of_the_successor_covers_a_carried_duty_whose_primary_it_records_away() -> None:
    old = roster("16700")
    old.apply(old.assign("INCOMING", "lan", "minh", date(2024, 1, 1)))
    own = roster("16876", adopt=False)
    own.apply(own.record_absence("a1", "lan", AbsenceKind.LEAVE, date(2025, 8, 4), date(2025, 8, 5)))
    successor = MergedRoster(own, ((MERGE, MergedRoster(old)),))
    [started] = own.due_coverage(date(2025, 8, 4), "hoa", lambda _: successor)
    assert (started.coverage_id, started.on) == ("a1/INCOMING", date(2025, 8, 4))
    assert own.due_coverage(date(2025, 8, 4), "hoa") == []  # its own roster alone holds no duty


def test_what_a_merged_unit_carried_itself_is_carried_on() -> None:
    oldest, middle = roster("TD-A"), roster("TD-B", adopt=False)
    oldest.apply(oldest.assign("STATS", "an", "binh", date(2018, 1, 1)))
    chain = MergedRoster(
        roster("16876", adopt=False),
        ((MERGE, MergedRoster(middle, ((date(2020, 1, 1), MergedRoster(oldest)),))),),
    )
    assert ("STATS", "an", "TD-A") in covers(chain, date(2026, 1, 1))
    assert covers(chain, date(2024, 1, 1)) == []


# -- any merge sequence agrees with a day-by-day replay ----------------------------------------

PEOPLE = ["an", "binh", "chi", "dung", "em"]
DUTIES = ["D1", "D2"]
ORIGIN = date(2025, 1, 1)
CATALOGUE = CatalogueVersionPublished(1, tuple(Duty(c, c, c, "", ()) for c in DUTIES), "")
UNITS = ["U0", "U1", "U2", "U3"]
offsets = st.integers(min_value=0, max_value=40)


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, tuple[str, date]], dict[str, DutyRoster]]:
    """Merges (unit → (successor, day)), each unit merging at most once into a later one, before
    that one merges on; and each unit's roster, with its assignments and absences before it ends."""
    merges: dict[str, tuple[str, date]] = {}
    for i, unit in reversed(list(enumerate(UNITS[:-1]))):
        if draw(st.booleans()):
            into = draw(st.sampled_from(UNITS[i + 1 :]))
            day = ORIGIN + timedelta(draw(st.integers(1, 40)))
            if into not in merges or day < merges[into][1]:
                merges[unit] = (into, day)
    rosters: dict[str, DutyRoster] = {}
    for unit in UNITS:
        r = rosters[unit] = DutyRoster(unit)
        r.apply(r.adopt(CATALOGUE, ORIGIN))
        end = merges[unit][1] if unit in merges else ORIGIN + timedelta(60)
        last = (end - ORIGIN).days - 1
        for duty, primary, backup, offset in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(DUTIES),
                    st.sampled_from(PEOPLE),
                    st.sampled_from(PEOPLE),
                    st.integers(0, 60),
                ),
                max_size=4,
            )
        ):
            if primary != backup and offset <= last:
                r.apply(r.assign(duty, primary, backup, ORIGIN + timedelta(offset)))
        for n, (person, offset, length) in enumerate(
            draw(st.lists(st.tuples(st.sampled_from(PEOPLE), offsets, st.integers(0, 8)), max_size=3))
        ):
            start = ORIGIN + timedelta(offset)
            if offset <= last:
                absences = [a for u in UNITS if u in rosters for a in rosters[u].absences]
                try:
                    r.apply(r.record_absence(f"{unit}-a{n}", person, AbsenceKind.LEAVE, start,
                                             start + timedelta(length), False, absences))  # fmt: skip
                except InvalidDutyCommand:
                    pass
    return merges, rosters


def tree(unit: str, merges: dict[str, tuple[str, date]], rosters: dict[str, DutyRoster]) -> MergedRoster:
    carried = sorted(((day, tree(u, merges, rosters)) for u, (into, day) in merges.items() if into == unit),
                     key=lambda c: c[0], reverse=True)  # fmt: skip
    return MergedRoster(rosters[unit], tuple(carried))


def replay(
    merges: dict[str, tuple[str, date]], rosters: dict[str, DutyRoster], unit: str, day: date
) -> list[tuple[str, str, str, str]]:
    """Day by day: merges move the merged unit's holders to the successor, then an assignment
    replaces every holder of its duty in its unit. Who covers is read off the absences that day."""
    holders: dict[str, dict[str, list[tuple[str, DutyAssigned]]]] = {u: {} for u in UNITS}
    current = ORIGIN
    while current <= day:
        for merged, (into, on) in merges.items():
            if on == current:
                for duty, held in holders.pop(merged).items():
                    holders[into].setdefault(duty, []).extend(held)
        for u, r in rosters.items():
            for duty, assigned in r.assignments.items():
                for a in assigned:
                    if a.effective == current and u in holders:
                        holders[u][duty] = [(u, a)]
        current += timedelta(days=1)
    # Absences known to the unit's office: its own and those of every unit merged into it.
    known = {unit}
    while grown := {u for u, (into, _) in merges.items() if into in known} - known:
        known |= grown
    away = {a.person for u in known for a in rosters[u].absences if a.start <= day <= a.end}
    answer = []
    for duty in DUTIES:
        for origin, a in holders[unit].get(duty, []):
            if a.primary not in away:
                who, status = a.primary, CoverStatus.PRIMARY
            elif a.backup not in away:
                who, status = a.backup, CoverStatus.BACKUP
            else:
                who, status = "lead", CoverStatus.ESCALATED
            answer.append((duty, "" if origin == unit else origin, who, status.value))
    return sorted(answer)


@settings(max_examples=150)
@given(histories(), st.integers(0, 60), st.sampled_from(UNITS))
def test_coverage_after_any_merge_sequence_agrees_with_a_day_by_day_replay(history, offset, unit) -> None:  # type: ignore[no-untyped-def]
    merges, rosters = history
    day = ORIGIN + timedelta(offset)
    if unit in merges and merges[unit][1] <= day:
        unit = merges[unit][0]  # a unit that ended is asked about through its successor
        while unit in merges and merges[unit][1] <= day:
            unit = merges[unit][0]
    found = tree(unit, merges, rosters).coverage_on(day, "lead")
    got = sorted(
        (c.duty, c.carried_from or "", c.covered_by or "", c.status.value)
        for c in found
        if c.status is not CoverStatus.UNASSIGNED
    )
    assert got == replay(merges, rosters, unit, day)
