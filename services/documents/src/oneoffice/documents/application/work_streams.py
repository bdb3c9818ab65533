"""Tasks and passings-on as the event store holds them, for what reacts to time and to staff.

A task lives in ``task:<commune>:<task id>``, a passing-on in its incoming document's stream
``incoming-document:<commune>:<document id>``. ``load_*`` folds a stream into the domain's watch;
:meth:`WorkStreams.append_once` appends one event exactly once: with the stream version it loaded
(two replicas deciding together: one appends, the other meets a conflict, reloads and finds the
event there) and under a deterministic idempotency key committed with the event (a decision made
again, after a restart or a crash between deciding and appending, is refused by the store). Either
way nothing is written twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.append_plan import IdempotencyRecord
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.errors import DuplicateRequest
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain.deadline_watch import PassingOnWatch, TaskWatch
from .ports import AppendListener, EventStorePort

# The idempotency scope of every event this service raises by itself (time, staff coverage).
SCOPE = "documents.work-watch"


def task_stream(commune_id: str, task_id: str) -> str:
    return f"task:{commune_id}:{task_id}"


def document_stream(commune_id: str, document_id: str) -> str:
    return f"incoming-document:{commune_id}:{document_id}"


def fold_task(events: Sequence[DomainEvent]) -> TaskWatch | None:
    """The task from its contract events in stream order (None: no ``TaskCreated`` in them)."""
    task: TaskWatch | None = None
    for event in events:
        if isinstance(event, contract.TaskCreated):
            task = TaskWatch(
                event.task_id, event.commune_id, event.lead, list(event.coordinators), event.deadline
            )
        elif task is None:
            continue
        elif isinstance(event, contract.TaskDeadlineExtended):
            task.extended(event.deadline, event.deadline_number)
        elif isinstance(event, contract.TaskCompleted):
            task.completed()
        elif isinstance(event, contract.TaskReopened):
            task.reopened()
        elif isinstance(event, contract.TaskReassigned):
            task.reassigned(event.lead, event.coordinators, event.absence_id, event.returning)
        elif isinstance(event, contract.TaskDueSoon):
            task.due_soon(event.deadline_number)
        elif isinstance(event, contract.TaskOverdue):
            task.overdue(event.deadline_number)
    return task


def fold_passing_on(events: Sequence[DomainEvent]) -> PassingOnWatch | None:
    """The document's first passing-on that needs action (None: none does)."""
    watch: PassingOnWatch | None = None
    for event in events:
        if isinstance(event, contract.DocumentPassedOn) and event.needs_action and watch is None:
            watch = PassingOnWatch(
                event.document_id, event.commune_id, event.body_code, event.passing_on_deadline
            )
        elif isinstance(event, contract.DocumentUntracked) and watch is not None:
            watch.untracked_raised = True
    return watch


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who raises an event and why: the actor, and the event that caused it (if any)."""

    actor: str
    causation_id: str | None = None
    correlation_id: str | None = None


class WorkStreams:
    def __init__(
        self, store: EventStorePort, registry: EventRegistry, *, on_appended: AppendListener | None = None
    ) -> None:
        self._store = store
        self._registry = registry
        self._on_appended = on_appended

    async def _events(self, stream_id: str) -> tuple[list[DomainEvent], int]:
        envelopes = await self._store.read_stream(stream_id)
        events = [self._registry.decode(e.event_type, e.schema_version, e.payload) for e in envelopes]
        return events, (envelopes[-1].stream_version if envelopes else 0)

    async def load_task(self, commune_id: str, task_id: str) -> TaskWatch | None:
        events, version = await self._events(task_stream(commune_id, task_id))
        task = fold_task(events)
        if task is not None:
            task.version = version
        return task

    async def load_passing_on(self, commune_id: str, document_id: str) -> PassingOnWatch | None:
        events, version = await self._events(document_stream(commune_id, document_id))
        watch = fold_passing_on(events)
        if watch is not None:
            watch.version = version
        return watch

    async def append_once(
        self,
        stream_id: str,
        commune_id: str,
        event: DomainEvent,
        *,
        expected_version: int,
        key: str,
        provenance: Provenance,
    ) -> bool:
        """Append ``event`` unless ``key`` was used; True when this call appended it.

        Raises ``ConcurrencyConflict`` when the stream moved since ``expected_version`` (reload and
        decide again).
        """
        try:
            await self._store.append(
                stream_id,
                commune_id,
                [event],
                expected_version=expected_version,
                metadata=Metadata(
                    actor=provenance.actor,
                    correlation_id=provenance.correlation_id or key,
                    causation_id=provenance.causation_id,
                    trace_context=inject_trace_context(),
                ),
                idempotency=IdempotencyRecord(
                    SCOPE, key, {"stream_id": stream_id, "event": event.event_type}
                ),
            )
        except DuplicateRequest:
            return False
        if self._on_appended is not None:
            self._on_appended()
        return True
