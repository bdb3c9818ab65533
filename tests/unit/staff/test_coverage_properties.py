"""Coverage on any day agrees with a brute-force evaluation of assignments and absences, and a
scheduler ticking every day emits one start and one end per covered (absence, duty)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.staff.domain.coverage import CoverStatus
from oneoffice.staff.domain.duty_errors import InvalidDutyCommand
from oneoffice.staff.domain.duty_events import (
    AbsenceKind,
    CatalogueVersionPublished,
    CoverageEnded,
    Duty,
)
from oneoffice.staff.domain.duty_roster import DutyRoster

PEOPLE = ["an", "binh", "chi", "dung"]
DUTIES = ["D1", "D2", "D3"]
ORIGIN = date(2026, 3, 1)
CATALOGUE = CatalogueVersionPublished(1, tuple(Duty(c, c, c, "", ()) for c in DUTIES), "")

days = st.integers(min_value=0, max_value=30)
assignments = st.lists(
    st.tuples(st.sampled_from(DUTIES), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), days), max_size=8
)
absences = st.lists(st.tuples(st.sampled_from(PEOPLE), days, st.integers(0, 6)), max_size=8)


def build(assigned: list[tuple[str, str, str, int]], away: list[tuple[str, int, int]]) -> DutyRoster:
    roster = DutyRoster("16876")
    roster.apply(roster.adopt(CATALOGUE, ORIGIN))
    for duty, primary, backup, offset in assigned:
        if primary != backup:
            roster.apply(roster.assign(duty, primary, backup, ORIGIN + timedelta(offset)))
    for n, (person, offset, length) in enumerate(away):
        start = ORIGIN + timedelta(offset)
        try:
            roster.apply(
                roster.record_absence(f"a{n}", person, AbsenceKind.LEAVE, start, start + timedelta(length))
            )
        except InvalidDutyCommand:
            pass  # overlapping: refused, as it must be
    return roster


def brute_force(roster: DutyRoster, duty: str, day: date, lead: str) -> tuple[str | None, CoverStatus]:
    held = [a for a in roster.assignments.get(duty, []) if a.effective <= day]
    if not held:
        return None, CoverStatus.UNASSIGNED
    latest = max(a.effective for a in held)
    current = [a for a in held if a.effective == latest][-1]
    away_today = {
        a.person
        for a in roster.absences
        for n in range((a.end - a.start).days + 1)
        if a.start + timedelta(n) == day
    }
    if current.primary not in away_today:
        return current.primary, CoverStatus.PRIMARY
    if current.backup not in away_today:
        return current.backup, CoverStatus.BACKUP
    return lead, CoverStatus.ESCALATED


@given(assignments, absences, days)
def test_coverage_on_any_day_agrees_with_a_brute_force_evaluation(assigned, away, offset) -> None:  # type: ignore[no-untyped-def]
    roster = build(assigned, away)
    day = ORIGIN + timedelta(offset)
    for cover in roster.coverage_on(day, "lead"):
        assert (cover.covered_by, cover.status) == brute_force(roster, cover.duty, day, "lead")


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(st.sampled_from(DUTIES), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)), max_size=3
    ),
    absences,
)
def test_ticking_every_day_emits_each_coverage_once_and_matches_the_days_it_covers(fixed, away) -> None:  # type: ignore[no-untyped-def]
    roster = build([(d, p, b, -1) for d, p, b in fixed], away)
    active: set[str] = set()
    for offset in range(0, 45):
        day = ORIGIN + timedelta(offset)
        for event in roster.due_coverage(day, "lead"):
            roster.apply(event)
            if isinstance(event, CoverageEnded):
                active.discard(event.coverage_id)
            else:
                active.add(event.coverage_id)
        expected = {
            f"{c.absence_id}/{c.duty}" for c in roster.coverage_on(day, "lead") if c.absence_id is not None
        }
        assert active == expected
    starts = Counter(roster.emitted())
    assert all(n == 1 for n in starts.values())
