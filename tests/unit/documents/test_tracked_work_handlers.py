"""The use cases of tracked work over eventcore's in-memory store and hand-written fakes: what is
appended, and that every refusal is bilingual and appends nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oneoffice.contracts.events import documents as contract
from oneoffice.documents.adapters.reference_data import load_working_calendar
from oneoffice.documents.application.tracked_work import Caller, TrackedWork
from oneoffice.documents.bootstrap import event_registry
from oneoffice.documents.domain.errors import DocumentsError
from oneoffice.documents.domain.work_errors import (
    DeadlineBeforeArrival,
    DeadlineBeyondCalendar,
    DeadlineNotLater,
    LeadAlsoCoordinator,
    NotStaffOfCommune,
    NotTheLead,
    TaskNotOpen,
)
from oneoffice.eventcore.clock import FixedClock

from .builders import COMMUNE
from .fakes import FakeIncomingDocumentReader
from .observed_store import ObservedStore
from .test_get_incoming_handler import VIEW
from .tracked_work_fakes import EmptyTrackedWork, FakeCommuneStaff

# Tuesday 10 March 2026, 09:00 in Vietnam; the document arrived on Thursday 5 March.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
CLERK = Caller("vanthu-16876")
LEADER = Caller("lanhdao-16876", directing=True)
HANDLER = Caller("canbo-16876")
COORDINATOR = Caller("vanthu-16876")
STAFF = {"p-lead": "canbo-16876", "p-co": "vanthu-16876", "p-boss": None}


def service(store: ObservedStore) -> TrackedWork:
    return TrackedWork(
        store,
        event_registry(),
        FixedClock(NOW),
        load_working_calendar(),
        FakeIncomingDocumentReader(VIEW),
        FakeCommuneStaff(COMMUNE, STAFF),
        EmptyTrackedWork(),
        new_task_id=lambda: "task-1",
    )


async def direct(work: TrackedWork, **changes: object) -> str:
    values: dict[str, object] = {
        "document_id": "doc-1",
        "title": "",
        "lead": "p-lead",
        "coordinators": ["p-co"],
        "deadline": date(2026, 3, 20),
        "note": "Đề nghị chủ trì, báo cáo trước hạn",
    }
    values.update(changes)
    return await work.direct(LEADER, COMMUNE, **values)  # type: ignore[arg-type]


async def refused(store: ObservedStore, expected: type[DocumentsError], call: object) -> DocumentsError:
    before = len(store.appends)
    with pytest.raises(expected) as raised:
        await call  # type: ignore[misc]
    assert raised.value.message_vi and raised.value.message_en
    assert len(store.appends) == before, "a refused command appended an event"
    return raised.value


async def test_passing_on_appends_to_the_documents_own_stream_flagged_late_after_the_next_working_day() -> (
    None
):
    store = ObservedStore()
    passed = await service(store).pass_on(
        CLERK,
        COMMUNE,
        "doc-1",
        recipient_kind="leader",
        recipient="p-boss",
        passed_on=None,
        needs_action=True,
    )
    assert passed.passed_on == date(2026, 3, 10)
    assert passed.passing_on_deadline == date(2026, 3, 6) and passed.late
    [envelope] = await store.read_stream(f"incoming-document:{COMMUNE}:doc-1")
    assert envelope.event_type == contract.DocumentPassedOn.event_type
    assert envelope.actor == "vanthu-16876"


async def test_passing_on_to_a_person_not_staff_of_the_commune_is_refused() -> None:
    store = ObservedStore()
    await refused(
        store,
        NotStaffOfCommune,
        service(store).pass_on(
            CLERK,
            COMMUNE,
            "doc-1",
            recipient_kind="person",
            recipient="p-nobody",
            passed_on=None,
            needs_action=False,
        ),
    )


async def test_a_direction_creates_a_task_titled_by_the_document_and_the_lead_completes_it() -> None:
    store = ObservedStore()
    work = service(store)
    task_id = await direct(work)
    await work.note_progress(COORDINATOR, COMMUNE, task_id, note="Đã gửi số liệu", percentage=None)
    await work.note_progress(HANDLER, COMMUNE, task_id, note="Đang soạn", percentage=60)
    await work.complete(HANDLER, COMMUNE, task_id, result="Đã báo cáo", reply_document_id=None)
    details = await work.get_task(COMMUNE, task_id)
    assert details.status == "done"
    assert details.task.title == VIEW.summary
    assert [h.event_type for h in details.history] == [
        contract.TaskCreated.event_type,
        contract.TaskProgressNoted.event_type,
        contract.TaskProgressNoted.event_type,
        contract.TaskCompleted.event_type,
    ]
    assert details.history[0].actor == "lanhdao-16876"


async def test_a_deadline_before_the_document_arrived_is_refused() -> None:
    store = ObservedStore()
    await refused(store, DeadlineBeforeArrival, direct(service(store), deadline=date(2026, 3, 4)))


@pytest.mark.parametrize("field", ["lead", "coordinators"])
async def test_a_handler_not_staff_of_the_commune_is_refused(field: str) -> None:
    store = ObservedStore()
    changes = {"lead": "p-stranger"} if field == "lead" else {"coordinators": ["p-co", "p-stranger"]}
    error = await refused(store, NotStaffOfCommune, direct(service(store), **changes))
    assert isinstance(error, NotStaffOfCommune) and error.field == field


async def test_the_lead_also_a_coordinator_is_refused() -> None:
    store = ObservedStore()
    await refused(store, LeadAlsoCoordinator, direct(service(store), coordinators=["p-co", "p-lead"]))


async def test_completing_a_task_not_open_is_refused() -> None:
    store = ObservedStore()
    work = service(store)
    task_id = await direct(work)
    await work.complete(HANDLER, COMMUNE, task_id, result="Xong", reply_document_id=None)
    await refused(
        store, TaskNotOpen, work.complete(HANDLER, COMMUNE, task_id, result="Lại", reply_document_id=None)
    )


async def test_a_handler_completing_a_task_they_do_not_lead_is_refused() -> None:
    store = ObservedStore()
    work = service(store)
    task_id = await direct(work)
    await refused(
        store, NotTheLead, work.complete(COORDINATOR, COMMUNE, task_id, result="Xong", reply_document_id=None)
    )


async def test_extending_with_a_deadline_not_after_the_current_one_is_refused() -> None:
    store = ObservedStore()
    work = service(store)
    task_id = await direct(work)
    await refused(
        store, DeadlineNotLater, work.extend(LEADER, COMMUNE, task_id, deadline=date(2026, 3, 20), reason="r")
    )
    assert await work.extend(LEADER, COMMUNE, task_id, deadline=date(2026, 3, 27), reason="Chờ số liệu") == 2


async def test_a_reassigned_task_is_completed_by_its_new_lead_only() -> None:
    store = ObservedStore()
    work = service(store)
    task_id = await direct(work)
    await work.reassign(LEADER, COMMUNE, task_id, lead="p-co", coordinators=["p-lead"], reason="Nghỉ phép")
    await refused(
        store, NotTheLead, work.complete(HANDLER, COMMUNE, task_id, result="x", reply_document_id=None)
    )
    await work.complete(COORDINATOR, COMMUNE, task_id, result="Xong", reply_document_id=None)
    await work.reopen(LEADER, COMMUNE, task_id, reason="Thiếu số liệu")
    assert (await work.get_task(COMMUNE, task_id)).status == "open"


async def test_a_task_with_no_document_needs_a_title() -> None:
    store = ObservedStore()
    await refused(store, DocumentsError, direct(service(store), document_id=None, title="  "))


async def test_a_deadline_in_a_year_the_calendar_does_not_cover_is_refused() -> None:
    store = ObservedStore()
    work = service(store)
    await refused(store, DeadlineBeyondCalendar, direct(work, deadline=date(2031, 3, 3)))
    task_id = await direct(work)
    await refused(
        store,
        DeadlineBeyondCalendar,
        work.extend(LEADER, COMMUNE, task_id, deadline=date(2031, 3, 3), reason="r"),
    )
