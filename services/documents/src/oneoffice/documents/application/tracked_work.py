"""Use cases of tracked work: pass an incoming document on; direct it (a task), or create a task with
no document; note progress, complete, reassign, extend and reopen a task; list and read tasks.

Each command: load (the document from the read model, the task from its stream) → decide (the
domain) → append, retried on a concurrent append. Handlers (lead, coordinators) must be staff of the
commune on the day; the caller's person is the one whose account is the caller's username.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain import work
from ..domain.values import Urgency, office_day
from ..domain.work_errors import DeadlineBeyondCalendar, NotStaffOfCommune
from ..domain.working_calendar import CalendarYearMissing, WorkingCalendar
from .errors import IncomingDocumentNotFound, RegisterBusy, TaskNotFound
from .ports import AppendListener, Clock, EventStorePort, IncomingDocumentReader
from .work_ports import CommuneStaff, PassingOnView, TaskFilter, TaskView, TrackedWorkReader

# How many working days before its deadline an open task counts as due soon (the watcher's default).
DUE_SOON_WORKING_DAYS = 3
STATUSES = ("open", "due_soon", "overdue", "done")

_TO_CONTRACT: dict[type[Any], type[DomainEvent]] = {
    work.DocumentPassedOn: contract.DocumentPassedOn,
    work.TaskCreated: contract.TaskCreated,
    work.TaskProgressNoted: contract.TaskProgressNoted,
    work.TaskCompleted: contract.TaskCompleted,
    work.TaskReassigned: contract.TaskReassigned,
    work.TaskDeadlineExtended: contract.TaskDeadlineExtended,
    work.TaskReopened: contract.TaskReopened,
}
_FROM_CONTRACT: dict[str, type[Any]] = {
    contract_type.event_type: domain_type
    for domain_type, contract_type in _TO_CONTRACT.items()
    if domain_type is not work.DocumentPassedOn
}


def to_contract(event: Any) -> DomainEvent:
    return _TO_CONTRACT[type(event)](**asdict(event))


@dataclass(frozen=True, slots=True)
class Caller:
    """Who asks: their username (the events' actor) and whether they may direct (a leader)."""

    username: str
    directing: bool = False
    correlation_id: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    event_type: str
    occurred_at: datetime
    actor: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TaskDetails:
    task: TaskView
    status: str
    history: list[HistoryEntry]


def task_status(task: TaskView, today: date, calendar: WorkingCalendar) -> str:
    """done; overdue (past its deadline, or the watcher said so for this deadline); due_soon (within
    ``DUE_SOON_WORKING_DAYS`` working days, or the watcher said so); else open."""
    if task.status == "done":
        return "done"
    if task.deadline < today or task.overdue_number == task.deadline_number:
        return "overdue"
    if task.due_soon_number == task.deadline_number:
        return "due_soon"
    try:
        left = calendar.working_days_between(today, task.deadline)
    except CalendarYearMissing:  # a deadline recorded before the calendar lost (or lacked) its year
        return "open"
    return "due_soon" if left <= DUE_SOON_WORKING_DAYS else "open"


class TrackedWork:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        calendar: WorkingCalendar,
        documents: IncomingDocumentReader,
        staff: CommuneStaff,
        reader: TrackedWorkReader,
        *,
        on_appended: AppendListener | None = None,
        new_task_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        max_attempts: int = 5,
    ) -> None:
        self._store = store
        self._registry = registry
        self._clock = clock
        self._calendar = calendar
        self._documents = documents
        self._staff = staff
        self._reader = reader
        self._on_appended = on_appended
        self._new_task_id = new_task_id
        self._max_attempts = max_attempts

    def today(self) -> date:
        return office_day(self._clock.now())

    # --- passing on -------------------------------------------------------------------------------

    async def pass_on(
        self,
        caller: Caller,
        commune_id: str,
        document_id: str,
        *,
        recipient_kind: str,
        recipient: str,
        passed_on: date | None,
        needs_action: bool,
    ) -> work.DocumentPassedOn:
        document = await self._document(commune_id, document_id)
        today = self.today()
        decided = work.pass_on(
            document,
            recipient_kind=recipient_kind,
            recipient=recipient,
            passed_on=passed_on or today,
            needs_action=needs_action,
            actor=caller.username,
            today=today,
            calendar=self._calendar,
        )
        if decided.recipient_kind != "body":
            await self._require_staff(commune_id, "recipient", decided.recipient, decided.passed_on)
        stream = f"incoming-document:{commune_id}:{document_id}"

        async def append() -> None:
            version = len(await self._store.read_stream(stream))
            await self._append(stream, commune_id, decided, version, caller)

        await retry_on_conflict(append, attempts=self._max_attempts, give_up=RegisterBusy)
        return decided

    async def passing_on(self, commune_id: str, document_id: str) -> PassingOnView | None:
        await self._document(commune_id, document_id)
        return await self._reader.passing_on(commune_id, document_id)

    # --- tasks ------------------------------------------------------------------------------------

    async def direct(
        self,
        caller: Caller,
        commune_id: str,
        *,
        document_id: str | None,
        title: str,
        lead: str,
        coordinators: list[str],
        deadline: date,
        note: str,
    ) -> str:
        """A task from a direction on a document (``document_id``) or with none. Returns its id."""
        document = await self._document(commune_id, document_id) if document_id else None
        today = self.today()
        if document is not None and not title.strip():
            title = (await self._documents.get(commune_id, document.document_id) or _NO_VIEW).summary
        created = work.create_task(
            task_id=self._new_task_id(),
            commune_id=commune_id,
            title=title,
            lead=lead,
            coordinators=coordinators,
            deadline=deadline,
            note=note,
            actor=caller.username,
            today=today,
            document=document,
        )
        self._require_calendar(created.deadline)
        await self._require_handlers(commune_id, created.lead, created.coordinators, today)
        task = work.Task(commune_id, created.task_id)
        await self._append(task.stream_id, commune_id, created, 0, caller)
        return created.task_id

    async def note_progress(
        self, caller: Caller, commune_id: str, task_id: str, *, note: str, percentage: int | None
    ) -> None:
        person = await self._staff.person_of(caller.username)
        await self._decide(
            caller,
            commune_id,
            task_id,
            lambda t: t.note_progress(
                person=person,
                directing=caller.directing,
                note=note,
                percentage=percentage,
                actor=caller.username,
            ),
        )

    async def complete(
        self, caller: Caller, commune_id: str, task_id: str, *, result: str, reply_document_id: str | None
    ) -> None:
        person = await self._staff.person_of(caller.username)
        today = self.today()
        await self._decide(
            caller,
            commune_id,
            task_id,
            lambda t: t.complete(
                person=person,
                result=result,
                reply_document_id=reply_document_id,
                actor=caller.username,
                today=today,
            ),
        )

    async def reassign(
        self,
        caller: Caller,
        commune_id: str,
        task_id: str,
        *,
        lead: str,
        coordinators: list[str],
        reason: str,
    ) -> None:
        lead_id, others = work.handlers(lead, coordinators)
        await self._require_handlers(commune_id, lead_id, others, self.today())
        await self._decide(
            caller,
            commune_id,
            task_id,
            lambda t: t.reassign(lead=lead_id, coordinators=others, reason=reason, actor=caller.username),
        )

    async def extend(
        self, caller: Caller, commune_id: str, task_id: str, *, deadline: date, reason: str
    ) -> int:
        self._require_calendar(deadline)
        decided = await self._decide(
            caller,
            commune_id,
            task_id,
            lambda t: t.extend(deadline=deadline, reason=reason, actor=caller.username),
        )
        assert isinstance(decided, work.TaskDeadlineExtended)
        return decided.deadline_number

    async def reopen(self, caller: Caller, commune_id: str, task_id: str, *, reason: str) -> None:
        await self._decide(
            caller, commune_id, task_id, lambda t: t.reopen(reason=reason, actor=caller.username)
        )

    async def list_tasks(
        self, commune_id: str, *, status: str | None, handler: str | None, body_code: str | None
    ) -> list[tuple[TaskView, str]]:
        today = self.today()
        done = None if status is None else status == "done"
        found = await self._reader.tasks(
            commune_id, TaskFilter(done=done, handler=handler, body_code=body_code)
        )
        judged = [(view, task_status(view, today, self._calendar)) for view in found]
        return [(view, judged_status) for view, judged_status in judged if status in (None, judged_status)]

    async def document_tasks(self, commune_id: str, document_id: str) -> list[tuple[TaskView, str]]:
        today = self.today()
        found = await self._reader.tasks(commune_id, TaskFilter(document_id=document_id))
        return [(view, task_status(view, today, self._calendar)) for view in found]

    async def get_task(self, commune_id: str, task_id: str) -> TaskDetails:
        """The task as its stream has it now (the read model may lag a command just answered), with
        the deadline numbers the watcher raised due-soon and overdue for, and its history."""
        envelopes = await self._store.read_stream(work.Task(commune_id, task_id).stream_id)
        if not envelopes:
            raise TaskNotFound(commune_id, task_id)
        view = _view_of(await self._load(commune_id, task_id))
        for e in envelopes:
            if e.event_type == contract.TaskDueSoon.event_type:
                view = replace(view, due_soon_number=int(e.payload["deadline_number"]))
            elif e.event_type == contract.TaskOverdue.event_type:
                view = replace(view, overdue_number=int(e.payload["deadline_number"]))
        history = [
            HistoryEntry(
                e.event_type,
                e.occurred_at,
                e.actor,
                {k: v for k, v in e.payload.items() if k not in ("task_id", "commune_id")},
            )
            for e in envelopes
        ]
        return TaskDetails(view, task_status(view, self.today(), self._calendar), history)

    # --- the parts ----------------------------------------------------------------------------------

    async def _document(self, commune_id: str, document_id: str) -> work.ArrivedDocument:
        view = await self._documents.get(commune_id, document_id)
        if view is None:
            raise IncomingDocumentNotFound(commune_id, document_id)
        return work.ArrivedDocument(
            view.document_id, view.commune_id, view.body_code, view.received_date, Urgency(view.urgency)
        )

    def _require_calendar(self, deadline: date) -> None:
        if deadline.year not in self._calendar.years:
            raise DeadlineBeyondCalendar(deadline)

    async def _require_staff(self, commune_id: str, field_name: str, person_id: str, day: date) -> None:
        if not await self._staff.is_staff(commune_id, person_id, day):
            raise NotStaffOfCommune(field_name, person_id, commune_id, day)

    async def _require_handlers(self, commune_id: str, lead: str, coordinators: list[str], day: date) -> None:
        await self._require_staff(commune_id, "lead", lead, day)
        for person in coordinators:
            await self._require_staff(commune_id, "coordinators", person, day)

    async def _load(self, commune_id: str, task_id: str) -> work.Task:
        task = work.Task(commune_id, task_id)
        for envelope in await self._store.read_stream(task.stream_id):
            task.version = envelope.stream_version
            domain_type = _FROM_CONTRACT.get(envelope.event_type)
            if domain_type is None:  # due-soon, overdue: the watcher's, nothing to fold
                continue
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            task.apply(domain_type(**{k: getattr(event, k) for k in domain_type.__dataclass_fields__}))
        if not task.exists:
            raise TaskNotFound(commune_id, task_id)
        return task

    async def _decide(
        self, caller: Caller, commune_id: str, task_id: str, decide: Callable[[work.Task], Any]
    ) -> Any:
        async def attempt() -> Any:
            task = await self._load(commune_id, task_id)
            decided = decide(task)
            await self._append(task.stream_id, commune_id, decided, task.version, caller)
            return decided

        return await retry_on_conflict(attempt, attempts=self._max_attempts, give_up=RegisterBusy)

    async def _append(self, stream: str, commune_id: str, event: Any, version: int, caller: Caller) -> None:
        await self._store.append(
            stream,
            commune_id,
            [to_contract(event)],
            expected_version=version,
            metadata=Metadata(
                actor=caller.username,
                correlation_id=caller.correlation_id or str(uuid.uuid4()),
                causation_id=None,
                trace_context=inject_trace_context(),
            ),
        )
        if self._on_appended is not None:
            self._on_appended()


def _view_of(task: work.Task) -> TaskView:
    created = task.created
    assert created is not None and task.deadline is not None
    return TaskView(
        task_id=task.task_id,
        commune_id=task.commune_id,
        title=created.title,
        document_id=created.document_id,
        body_code=created.body_code,
        lead=task.lead,
        coordinators=tuple(task.coordinators),
        deadline=task.deadline,
        deadline_number=task.deadline_number,
        status=task.status.value,
        percentage=task.percentage,
        directed_by=created.directed_by,
        directed_on=created.directed_on,
        completed_on=task.completed_on,
        due_soon_number=None,
        overdue_number=None,
    )


class _NoView:
    summary = ""


_NO_VIEW = _NoView()
