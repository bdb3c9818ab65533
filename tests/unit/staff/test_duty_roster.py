"""A commune's duty roster decides assignments, absences and the coverage that falls due."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.staff.domain.coverage import CoverStatus
from oneoffice.staff.domain.duty_catalogue import DutyCatalogue
from oneoffice.staff.domain.duty_errors import CatalogueVersionNotFound, InvalidDutyCommand
from oneoffice.staff.domain.duty_events import (
    AbsenceKind,
    CatalogueVersionPublished,
    CoverageEnded,
    CoverageEscalated,
    CoverageStarted,
    Duty,
)
from oneoffice.staff.domain.duty_roster import DutyRoster

INCOMING = Duty("INCOMING", "Tiếp nhận văn bản đến", "Receive incoming documents", "", ("UBND",))
STATS = Duty("STATS", "Tổng hợp số liệu thống kê", "Compile statistics", "", ("UBND",))
V1 = CatalogueVersionPublished(1, (INCOMING, STATS), "")
DAY = date(2026, 3, 2)


def roster() -> DutyRoster:
    roster = DutyRoster("16876")
    roster.apply(roster.adopt(V1, date(2026, 1, 1)))
    return roster


def test_catalogue_versions_count_up_and_the_latest_is_the_default() -> None:
    catalogue = DutyCatalogue()
    catalogue.apply(catalogue.publish((INCOMING,)))
    catalogue.apply(catalogue.publish((INCOMING, STATS)))
    assert catalogue.get().version == 2
    assert [d.code for d in catalogue.get(1).duties] == ["INCOMING"]
    with pytest.raises(CatalogueVersionNotFound):
        catalogue.get(3)


def test_a_catalogue_with_a_repeated_or_malformed_code_names_both_problems() -> None:
    bad = Duty("bad code", "x", "x", "", ())
    with pytest.raises(InvalidDutyCommand) as refused:
        DutyCatalogue().publish((INCOMING, INCOMING, bad))
    assert [p[0] for p in refused.value.problems] == ["duplicate_duty_code", "invalid_duty_code"]


def test_a_backup_equal_to_the_primary_is_refused() -> None:
    with pytest.raises(InvalidDutyCommand) as refused:
        roster().assign("INCOMING", "lan", "lan", DAY)
    assert refused.value.code == "backup_is_primary"


def test_a_duty_outside_the_adopted_version_and_a_stranger_are_refused_together() -> None:
    with pytest.raises(InvalidDutyCommand) as refused:
        roster().assign("CONFERENCES", "lan", "minh", DAY, not_staff=["minh"])
    assert [p[0] for p in refused.value.problems] == ["duty_not_in_catalogue", "not_staff_of_commune"]
    assert "minh" in refused.value.message_vi


def test_nothing_is_assigned_before_the_commune_adopts_a_catalogue() -> None:
    with pytest.raises(InvalidDutyCommand) as refused:
        DutyRoster("16876").assign("INCOMING", "lan", "minh", DAY)
    assert refused.value.code == "no_catalogue_adopted"


def test_an_absence_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidDutyCommand) as refused:
        roster().record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 1))
    assert refused.value.code == "absence_ends_before_start"


def test_overlapping_absences_of_one_person_are_refused_but_not_of_two() -> None:
    r = roster()
    r.apply(r.record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 6)))
    with pytest.raises(InvalidDutyCommand) as refused:
        r.record_absence("a2", "lan", AbsenceKind.SICK, date(2026, 3, 6), date(2026, 3, 9))
    assert refused.value.code == "overlapping_absence"
    r.record_absence("a3", "minh", AbsenceKind.SICK, date(2026, 3, 6), date(2026, 3, 9))
    r.record_absence("a4", "lan", AbsenceKind.TRAINING, date(2026, 3, 7), date(2026, 3, 9))


def test_an_absence_of_someone_not_staff_of_the_commune_is_refused() -> None:
    with pytest.raises(InvalidDutyCommand) as refused:
        roster().record_absence("a1", "x", AbsenceKind.LEAVE, DAY, DAY, not_staff=True)
    assert refused.value.code == "not_staff_of_commune"


def test_gaps_are_the_duties_without_a_primary_and_backup() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", DAY))
    assert r.gaps() == [("STATS", False, False)]


def test_the_backup_covers_while_the_primary_is_away_and_the_scheduler_emits_it_once() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 4)))
    assert r.due_coverage(date(2026, 3, 1), "hoa") == []
    [started] = r.due_coverage(DAY, "hoa")
    assert isinstance(started, CoverageStarted)
    assert (started.duty, started.absent, started.covered_by, started.on) == ("INCOMING", "lan", "minh", DAY)
    r.apply(started)
    assert r.due_coverage(date(2026, 3, 4), "hoa") == []
    [ended] = r.due_coverage(date(2026, 3, 5), "hoa")
    assert isinstance(ended, CoverageEnded) and ended.on == date(2026, 3, 5)
    r.apply(ended)
    assert r.due_coverage(date(2026, 4, 1), "hoa") == []
    assert r.cover("INCOMING", date(2026, 3, 3)).covered_by == "minh"
    assert r.cover("INCOMING", date(2026, 3, 5)).covered_by == "lan"


def test_a_scheduler_that_did_not_run_catches_up_start_and_end_with_their_own_days() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 4)))
    due = r.due_coverage(date(2026, 3, 20), None)
    assert [(type(e).__name__, e.on) for e in due] == [
        ("CoverageStarted", DAY),
        ("CoverageEnded", date(2026, 3, 5)),
    ]


def test_when_the_backup_is_away_too_the_duty_is_escalated_to_the_team_lead() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a0", "minh", AbsenceKind.TRAINING, date(2026, 3, 1), date(2026, 3, 10)))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.SICK, DAY, date(2026, 3, 3)))
    escalated = [e for e in r.due_coverage(DAY, "hoa") if isinstance(e, CoverageEscalated)]
    assert [(e.duty, e.absent, e.backup, e.team_lead) for e in escalated] == [
        ("INCOMING", "lan", "minh", "hoa")
    ]
    cover = r.cover("INCOMING", DAY, "hoa")
    assert (cover.status, cover.covered_by) == (CoverStatus.ESCALATED, "hoa")


def test_a_backup_whose_own_absence_begins_while_covering_escalates_that_day_exactly_once() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 10)))
    r.apply(r.record_absence("a2", "minh", AbsenceKind.SICK, date(2026, 3, 5), date(2026, 3, 6)))
    [started] = r.due_coverage(DAY, "hoa")
    r.apply(started)
    assert r.due_coverage(date(2026, 3, 4), "hoa") == []
    [escalated] = r.due_coverage(date(2026, 3, 5), "hoa")
    assert isinstance(escalated, CoverageEscalated)
    assert (escalated.coverage_id, escalated.backup, escalated.team_lead, escalated.on) == (
        "a1/INCOMING",
        "minh",
        "hoa",
        date(2026, 3, 5),
    )
    r.apply(escalated)
    assert r.due_coverage(date(2026, 3, 6), "hoa") == []
    assert r.due_coverage(date(2026, 3, 9), "hoa") == []
    [ended] = r.due_coverage(date(2026, 3, 11), "hoa")
    assert isinstance(ended, CoverageEnded) and ended.coverage_id == "a1/INCOMING"
    assert r.escalated() == ["a1/INCOMING"]


def test_a_late_scheduler_catches_up_start_escalation_and_end_each_on_its_day() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 10)))
    r.apply(r.record_absence("a2", "minh", AbsenceKind.SICK, date(2026, 3, 5), date(2026, 3, 20)))
    due = r.due_coverage(date(2026, 3, 30), "hoa")
    assert [(type(e).__name__, e.on) for e in due] == [
        ("CoverageStarted", DAY),
        ("CoverageEscalated", date(2026, 3, 5)),
        ("CoverageEnded", date(2026, 3, 11)),
    ]


def test_a_backup_away_only_after_the_primary_returns_escalates_nothing() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.LEAVE, DAY, date(2026, 3, 4)))
    r.apply(r.record_absence("a2", "minh", AbsenceKind.SICK, date(2026, 3, 5), date(2026, 3, 6)))
    due = r.due_coverage(date(2026, 3, 30), "hoa")
    assert [type(e).__name__ for e in due] == ["CoverageStarted", "CoverageEnded"]


def test_a_coverage_escalated_from_its_start_is_not_escalated_again() -> None:
    r = roster()
    r.apply(r.assign("INCOMING", "lan", "minh", date(2026, 2, 1)))
    r.apply(r.record_absence("a0", "minh", AbsenceKind.TRAINING, DAY, DAY))
    r.apply(r.record_absence("a1", "lan", AbsenceKind.SICK, DAY, date(2026, 3, 9)))
    r.apply(r.record_absence("a2", "minh", AbsenceKind.SICK, date(2026, 3, 5), date(2026, 3, 6)))
    for event in r.due_coverage(DAY, "hoa"):
        r.apply(event)
    assert r.due_coverage(date(2026, 3, 5), "hoa") == []
