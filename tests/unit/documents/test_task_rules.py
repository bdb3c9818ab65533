"""The rules of passing on and of a task's life (the pure domain), with hypothesis on the state machine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.documents.adapters.reference_data import load_working_calendar
from oneoffice.documents.domain import work
from oneoffice.documents.domain.errors import DocumentsError
from oneoffice.documents.domain.values import Urgency
from oneoffice.documents.domain.work_errors import (
    DeadlineBeforeArrival,
    DeadlineNotLater,
    LeadAlsoCoordinator,
    NotAHandler,
    NotTheLead,
    PassedOnBeforeArrival,
    TaskNotDone,
    TaskNotOpen,
)

CALENDAR = load_working_calendar()
# Friday 6 March 2026: the next working day is Monday 9 March.
FRIDAY = date(2026, 3, 6)


def arrived(urgency: Urgency = Urgency.NORMAL, received: date = FRIDAY) -> work.ArrivedDocument:
    return work.ArrivedDocument("doc-1", "16876", "UBND", received, urgency)


def passed(urgency: Urgency, on: date) -> work.DocumentPassedOn:
    return work.pass_on(
        arrived(urgency),
        recipient_kind="leader",
        recipient="demo-16876-pbt",
        passed_on=on,
        needs_action=True,
        actor="vanthu-16876",
        today=date(2026, 3, 20),
        calendar=CALENDAR,
    )


def test_an_ordinary_document_passed_on_the_next_working_day_is_on_time() -> None:
    event = passed(Urgency.NORMAL, date(2026, 3, 9))
    assert event.passing_on_deadline == date(2026, 3, 9)
    assert not event.late


def test_an_ordinary_document_passed_on_later_than_the_next_working_day_is_late() -> None:
    assert passed(Urgency.NORMAL, date(2026, 3, 10)).late


@pytest.mark.parametrize("urgency", [Urgency.HOA_TOC, Urgency.THUONG_KHAN, Urgency.KHAN])
def test_an_urgent_document_must_be_passed_on_the_day_it_arrives(urgency: Urgency) -> None:
    assert not passed(urgency, FRIDAY).late
    late = passed(urgency, date(2026, 3, 9))
    assert late.passing_on_deadline == FRIDAY and late.late


def test_a_document_arriving_before_tet_may_wait_until_the_first_working_day_after_it() -> None:
    deadline = work.passing_on_deadline(date(2026, 2, 13), Urgency.NORMAL, CALENDAR)
    assert deadline == date(2026, 2, 23)


def test_passing_on_before_the_document_arrived_is_refused() -> None:
    with pytest.raises(PassedOnBeforeArrival):
        passed(Urgency.NORMAL, date(2026, 3, 5))


def test_an_unknown_recipient_kind_is_refused() -> None:
    with pytest.raises(DocumentsError) as refused:
        work.pass_on(
            arrived(),
            recipient_kind="everyone",
            recipient="x",
            passed_on=FRIDAY,
            needs_action=False,
            actor="a",
            today=FRIDAY,
            calendar=CALENDAR,
        )
    assert refused.value.message_vi and refused.value.message_en


def create(**changes: object) -> work.TaskCreated:
    values: dict[str, object] = {
        "task_id": "t-1",
        "commune_id": "16876",
        "title": "Báo cáo kết quả",
        "lead": "p-lead",
        "coordinators": ["p-co"],
        "deadline": date(2026, 3, 20),
        "note": "Khẩn trương",
        "actor": "lanhdao-16876",
        "today": date(2026, 3, 9),
        "document": arrived(),
    }
    values.update(changes)
    return work.create_task(**values)  # type: ignore[arg-type]


def task_from(created: work.TaskCreated) -> work.Task:
    task = work.Task(created.commune_id, created.task_id)
    task.apply(created)
    return task


def test_a_deadline_before_the_document_arrived_is_refused() -> None:
    with pytest.raises(DeadlineBeforeArrival):
        create(deadline=date(2026, 3, 5))


def test_the_lead_listed_as_a_coordinator_is_refused() -> None:
    with pytest.raises(LeadAlsoCoordinator):
        create(coordinators=["p-co", "p-lead"])


def test_only_the_lead_completes_and_only_an_open_task() -> None:
    task = task_from(create())
    with pytest.raises(NotTheLead):
        task.complete(person="p-co", result="x", reply_document_id=None, actor="u", today=FRIDAY)
    done = task.complete(person="p-lead", result="Đã xong", reply_document_id=None, actor="u", today=FRIDAY)
    task.apply(done)
    with pytest.raises(TaskNotOpen):
        task.complete(person="p-lead", result="again", reply_document_id=None, actor="u", today=FRIDAY)


def test_coordinators_comment_but_record_no_percentage_and_strangers_do_neither() -> None:
    task = task_from(create())
    comment = task.note_progress(
        person="p-co", directing=False, note="Đã gửi số liệu", percentage=None, actor="u"
    )
    assert comment.percentage is None
    with pytest.raises(NotTheLead):
        task.note_progress(person="p-co", directing=False, note="x", percentage=50, actor="u")
    with pytest.raises(NotAHandler):
        task.note_progress(person="p-other", directing=False, note="x", percentage=None, actor="u")


def test_an_extension_must_be_after_the_current_deadline_and_is_numbered() -> None:
    task = task_from(create())
    with pytest.raises(DeadlineNotLater):
        task.extend(deadline=date(2026, 3, 20), reason="r", actor="u")
    extended = task.extend(deadline=date(2026, 3, 27), reason="Chờ số liệu", actor="u")
    assert extended.deadline_number == 2


def test_only_a_done_task_is_reopened() -> None:
    with pytest.raises(TaskNotDone):
        task_from(create()).reopen(reason="r", actor="u")


PEOPLE = ["p-lead", "p-co", "p-x", "p-y"]
COMMANDS = st.lists(
    st.one_of(
        st.tuples(st.just("progress"), st.sampled_from(PEOPLE), st.none() | st.integers(0, 100)),
        st.tuples(st.just("complete"), st.sampled_from(PEOPLE), st.none()),
        st.tuples(
            st.just("reassign"), st.sampled_from(PEOPLE), st.lists(st.sampled_from(PEOPLE), max_size=3)
        ),
        st.tuples(st.just("extend"), st.integers(-5, 10), st.none()),
        st.tuples(st.just("reopen"), st.none(), st.none()),
    ),
    max_size=25,
)


@given(COMMANDS)
def test_any_sequence_of_commands_keeps_the_task_state_machine_valid(
    commands: list[tuple[object, ...]],
) -> None:
    task = task_from(create())
    numbers = [1]
    for name, a, b in commands:
        before = (task.status, task.deadline, task.deadline_number, task.lead, list(task.coordinators))
        try:
            if name == "progress":
                event: object = task.note_progress(
                    person=str(a),
                    directing=False,
                    note="n",
                    percentage=b,
                    actor="u",  # type: ignore[arg-type]
                )
            elif name == "complete":
                event = task.complete(
                    person=str(a), result="r", reply_document_id=None, actor="u", today=FRIDAY
                )
            elif name == "reassign":
                event = task.reassign(lead=str(a), coordinators=list(b), reason="r", actor="u")  # type: ignore[call-overload]
            elif name == "extend":
                assert task.deadline is not None
                event = task.extend(deadline=task.deadline + timedelta(days=int(a)), reason="r", actor="u")  # type: ignore[call-overload]
            else:
                event = task.reopen(reason="r", actor="u")
        except DocumentsError:
            after = (task.status, task.deadline, task.deadline_number, task.lead, list(task.coordinators))
            assert after == before  # a refusal changes nothing
            continue
        was_open = task.status is work.TaskStatus.OPEN
        task.apply(event)  # type: ignore[arg-type]
        if name == "reopen":
            assert not was_open
        else:
            assert was_open  # every command but reopen needs an open task
        if isinstance(event, work.TaskCompleted):
            assert before[3] == str(a)  # only the lead completes
        if isinstance(event, work.TaskDeadlineExtended):
            assert before[1] is not None and event.deadline > before[1]
            numbers.append(event.deadline_number)
        assert task.lead not in task.coordinators
    assert numbers == list(range(1, len(numbers) + 1))
