"""Events of tracked work and their envelopes, as the documents service records them (#12)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from oneoffice.contracts.events.documents import (
    DocumentPassedOn,
    DocumentUntracked,
    TaskCompleted,
    TaskCreated,
    TaskDeadlineExtended,
    TaskDueSoon,
    TaskOverdue,
    TaskProgressNoted,
    TaskReassigned,
    TaskReopened,
)
from oneoffice.eventcore.envelope import GENESIS_HASH, Envelope
from oneoffice.eventcore.events import DomainEvent

COMMUNE = "16876"
DAY = date(2026, 3, 2)
RECORDED_AT = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def created(
    task: str, lead: str = "p-lead", *, coordinators: tuple[str, ...] = (), **changes: Any
) -> TaskCreated:
    fields: dict[str, Any] = {
        "task_id": task,
        "commune_id": COMMUNE,
        "title": f"Xử lý việc {task}",
        "lead": lead,
        "coordinators": list(coordinators),
        "deadline": DAY + timedelta(days=10),
        "directed_by": "lanhdao-16876",
        "directed_on": DAY,
    }
    fields.update(changes)
    return TaskCreated(**fields)


def completed(task: str, commune: str = COMMUNE) -> TaskCompleted:
    return TaskCompleted(
        task_id=task, commune_id=commune, result="Đã xong", completed_on=DAY, completed_by="canbo-16876"
    )


def reopened(task: str, commune: str = COMMUNE) -> TaskReopened:
    return TaskReopened(task_id=task, commune_id=commune, reason="Chưa đạt", reopened_by="lanhdao-16876")


def reassigned(
    task: str, lead: str, coordinators: tuple[str, ...] = (), commune: str = COMMUNE
) -> TaskReassigned:
    return TaskReassigned(
        task_id=task,
        commune_id=commune,
        lead=lead,
        coordinators=list(coordinators),
        reason="Phân công lại",
        reassigned_by="lanhdao-16876",
    )


def extended(task: str, number: int, commune: str = COMMUNE) -> TaskDeadlineExtended:
    return TaskDeadlineExtended(
        task_id=task,
        commune_id=commune,
        deadline=DAY + timedelta(days=10 * number),
        deadline_number=number,
        reason="Gia hạn",
        extended_by="lanhdao-16876",
    )


def due_soon(task: str, number: int, lead: str = "p-lead", commune: str = COMMUNE) -> TaskDueSoon:
    return TaskDueSoon(
        task_id=task,
        commune_id=commune,
        deadline=DAY + timedelta(days=10 * number),
        deadline_number=number,
        lead=lead,
        working_days_left=2,
        raised_on=DAY,
    )


def overdue(task: str, number: int, lead: str = "p-lead", commune: str = COMMUNE) -> TaskOverdue:
    return TaskOverdue(
        task_id=task,
        commune_id=commune,
        deadline=DAY + timedelta(days=10 * number),
        deadline_number=number,
        lead=lead,
        raised_on=DAY,
    )


def progress(task: str, percentage: int | None, commune: str = COMMUNE) -> TaskProgressNoted:
    return TaskProgressNoted(
        task_id=task, commune_id=commune, note="Đang làm", percentage=percentage, noted_by="canbo-16876"
    )


def passed_on(
    document: str,
    *,
    kind: str = "leader",
    recipient: str = "p-leader",
    needs_action: bool = True,
    body: str = "UBND",
    commune: str = COMMUNE,
) -> DocumentPassedOn:
    return DocumentPassedOn(
        document_id=document,
        commune_id=commune,
        body_code=body,
        recipient_kind=kind,
        recipient=recipient,
        passed_on=DAY,
        passing_on_deadline=DAY,
        late=False,
        needs_action=needs_action,
        passed_on_by="vanthu-16876",
    )


def untracked(document: str, *, body: str = "UBND", commune: str = COMMUNE) -> DocumentUntracked:
    return DocumentUntracked(
        document_id=document,
        commune_id=commune,
        body_code=body,
        passing_on_deadline=DAY,
        raised_on=DAY + timedelta(days=1),
    )


def stream_of(event: DomainEvent) -> str:
    commune = getattr(event, "commune_id", COMMUNE)
    task = getattr(event, "task_id", None)
    if task is not None:
        return f"task:{commune}:{task}"
    return f"incoming-document:{commune}:{getattr(event, 'document_id', '')}"


def envelope(event: DomainEvent, position: int) -> Envelope:
    commune = getattr(event, "commune_id", COMMUNE)
    return Envelope(
        position=position,
        event_id=str(uuid.uuid4()),
        event_type=event.event_type,
        schema_version=event.schema_version,
        stream_id=stream_of(event),
        stream_version=position,
        commune_id=commune,
        occurred_at=RECORDED_AT + timedelta(minutes=position),
        recorded_at=RECORDED_AT + timedelta(minutes=position),
        actor="lanhdao-16876",
        correlation_id=str(uuid.uuid4()),
        causation_id=None,
        trace_context={},
        payload=event.to_payload(),
        prev_hash=GENESIS_HASH,
        data=b"{}",
    )
