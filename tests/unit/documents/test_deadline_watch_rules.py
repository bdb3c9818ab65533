"""The domain's rules of what time raises for a task (pure: no store, no clock)."""

from __future__ import annotations

from datetime import date

from oneoffice.documents.domain.deadline_watch import (
    DueSoon,
    Overdue,
    PassingOnWatch,
    TaskWatch,
    due_event,
    is_untracked,
)

from .work_fakes import WeekendCalendar

FRIDAY = date(2026, 3, 20)
CALENDAR = WeekendCalendar()


def task(**changes: object) -> TaskWatch:
    watch = TaskWatch("t1", "16876", "lead", [], FRIDAY)
    for name, value in changes.items():
        setattr(watch, name, value)
    return watch


def test_an_open_task_past_its_deadline_is_overdue_even_after_its_due_soon() -> None:
    assert due_event(task(due_soon_raised={1}), date(2026, 3, 21), CALENDAR) == Overdue(
        FRIDAY, 1, "lead", date(2026, 3, 21)
    )


def test_a_deadline_already_raised_overdue_raises_nothing_more() -> None:
    assert due_event(task(overdue_raised={1}), date(2026, 3, 25), CALENDAR) is None
    assert due_event(task(overdue_raised={1}), date(2026, 3, 18), CALENDAR) is None


def test_due_soon_comes_within_the_configured_working_days_and_once() -> None:
    assert due_event(task(), date(2026, 3, 16), CALENDAR) is None  # 4 working days left
    assert due_event(task(), date(2026, 3, 17), CALENDAR) == DueSoon(FRIDAY, 1, "lead", 3, date(2026, 3, 17))
    assert due_event(task(due_soon_raised={1}), date(2026, 3, 18), CALENDAR) is None
    assert due_event(task(), date(2026, 3, 20), CALENDAR, due_soon_days=0) == DueSoon(
        FRIDAY, 1, "lead", 0, FRIDAY
    )


def test_a_new_deadline_number_has_its_own_events_and_a_completed_task_none() -> None:
    extended = task(overdue_raised={1}, due_soon_raised={1}, deadline=date(2026, 3, 27), deadline_number=2)
    assert due_event(extended, date(2026, 3, 30), CALENDAR) == Overdue(
        date(2026, 3, 27), 2, "lead", date(2026, 3, 30)
    )
    assert due_event(task(open=False), date(2026, 3, 30), CALENDAR) is None


def test_a_coverage_move_remembers_the_lead_before_it_until_the_task_returns() -> None:
    watch = task()
    watch.reassigned("backup", [], "a1", returning=False)
    watch.reassigned("team-lead", [], "a1", returning=False)
    assert (watch.lead, watch.moved_by_absence, watch.returns_to) == ("team-lead", "a1", "lead")
    watch.reassigned("lead", [], "a1", returning=True)
    assert (watch.lead, watch.moved_by_absence, watch.returns_to) == ("lead", None, None)


def test_a_passing_on_is_untracked_only_after_its_deadline_day_with_no_task_and_once() -> None:
    document = PassingOnWatch("d1", "16876", "UBND", FRIDAY)
    assert not is_untracked(document, FRIDAY, has_task=False)
    assert is_untracked(document, date(2026, 3, 21), has_task=False)
    assert not is_untracked(document, date(2026, 3, 21), has_task=True)
    document.untracked_raised = True
    assert not is_untracked(document, date(2026, 3, 21), has_task=False)
