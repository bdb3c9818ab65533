"""Samples of the tracked-work events (#12), kept apart from samples.py like the other features'."""

from __future__ import annotations

from datetime import date

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
from oneoffice.eventcore.events import DomainEvent

_TASK = "task-0001"

WORK_SAMPLES: dict[type[DomainEvent], DomainEvent] = {
    DocumentPassedOn: DocumentPassedOn(
        document_id="doc-0001",
        commune_id="16876",
        body_code="UBND",
        recipient_kind="leader",
        recipient="demo-16876-ct",
        passed_on=date(2026, 3, 3),
        passing_on_deadline=date(2026, 3, 3),
        late=False,
        needs_action=True,
        passed_on_by="vanthu-16876",
    ),
    DocumentUntracked: DocumentUntracked(
        document_id="doc-0002",
        commune_id="16876",
        body_code="DANG_UY",
        passing_on_deadline=date(2026, 3, 4),
        raised_on=date(2026, 3, 5),
    ),
    TaskCreated: TaskCreated(
        task_id=_TASK,
        commune_id="16876",
        title="Báo cáo kết quả triển khai mô hình Một văn phòng",
        document_id="doc-0001",
        body_code="UBND",
        lead="demo-16876-vptk",
        coordinators=["demo-16876-vpdu"],
        deadline=date(2026, 3, 20),
        note="Giao Văn phòng chủ trì, phối hợp Văn phòng Đảng ủy tham mưu báo cáo.",
        directed_by="lanhdao-16876",
        directed_on=date(2026, 3, 3),
    ),
    TaskProgressNoted: TaskProgressNoted(
        task_id=_TASK,
        commune_id="16876",
        note="Đã tổng hợp số liệu quý I",
        percentage=60,
        noted_by="canbo-16876",
    ),
    TaskCompleted: TaskCompleted(
        task_id=_TASK,
        commune_id="16876",
        result="Đã trình lãnh đạo ký báo cáo",
        reply_document_id="out-0001",
        completed_on=date(2026, 3, 18),
        completed_by="canbo-16876",
    ),
    TaskReassigned: TaskReassigned(
        task_id=_TASK,
        commune_id="16876",
        lead="demo-16876-vpdu",
        coordinators=[],
        reason="Nghỉ phép: người dự phòng đảm nhận",
        absence_id="absence-0001",
        returning=False,
        reassigned_by="documents-service",
    ),
    TaskDeadlineExtended: TaskDeadlineExtended(
        task_id=_TASK,
        commune_id="16876",
        deadline=date(2026, 3, 27),
        deadline_number=2,
        reason="Chờ số liệu của Mặt trận",
        extended_by="lanhdao-16876",
    ),
    TaskReopened: TaskReopened(
        task_id=_TASK,
        commune_id="16876",
        reason="Báo cáo thiếu số liệu hội viên",
        reopened_by="lanhdao-16876",
    ),
    TaskDueSoon: TaskDueSoon(
        task_id=_TASK,
        commune_id="16876",
        deadline=date(2026, 3, 20),
        deadline_number=1,
        lead="demo-16876-vptk",
        working_days_left=3,
        raised_on=date(2026, 3, 17),
    ),
    TaskOverdue: TaskOverdue(
        task_id=_TASK,
        commune_id="16876",
        deadline=date(2026, 3, 20),
        deadline_number=1,
        lead="demo-16876-vptk",
        raised_on=date(2026, 3, 23),
    ),
}
