"""Readable summaries of the documents events, in Vietnamese and English, for the audit history."""

from __future__ import annotations

from typing import Any

# What each event did, as the office says it (Vietnamese, English).
LABELS: dict[str, tuple[str, str]] = {
    "documents.IncomingDocumentRegistered": ("Vào sổ văn bản đến", "Registered as incoming"),
    "documents.AttachmentAdded": ("Đính kèm tệp", "File attached"),
    "documents.DocumentPassedOn": ("Chuyển văn bản", "Passed on"),
    "documents.DocumentUntracked": ("Quá hạn chuyển mà chưa giao việc", "No task by the passing-on deadline"),
    "documents.TaskCreated": ("Chỉ đạo, giao việc", "Directed: task created"),
    "documents.TaskProgressNoted": ("Cập nhật tiến độ", "Progress noted"),
    "documents.TaskCompleted": ("Hoàn thành công việc", "Task completed"),
    "documents.TaskReassigned": ("Giao lại người chủ trì", "Task reassigned"),
    "documents.TaskDeadlineExtended": ("Gia hạn xử lý", "Deadline extended"),
    "documents.TaskReopened": ("Mở lại công việc", "Task reopened"),
    "documents.TaskDueSoon": ("Sắp đến hạn", "Due soon"),
    "documents.TaskOverdue": ("Quá hạn xử lý", "Overdue"),
    "documents.OutgoingDocumentDrafted": ("Soạn thảo văn bản đi", "Outgoing document drafted"),
    "documents.OutgoingDocumentNumbered": ("Cấp số văn bản đi", "Outgoing document numbered"),
    "documents.OutgoingDocumentDispatched": ("Phát hành văn bản đi", "Outgoing document dispatched"),
    "documents.OutgoingDocumentRecalled": ("Thu hồi văn bản đi", "Outgoing document recalled"),
    "documents.RecordDocumentLinked": ("Đưa vào hồ sơ", "Linked to a record file"),
}

# At most this many fields named in one summary; the full change is beside it.
_SHOWN = 4


def _value(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def summary(event_type: str, changes: dict[str, Any]) -> tuple[str, str]:
    """``(vi, en)``: the event's label, then the first few changed fields with their values."""
    vi, en = LABELS.get(event_type, (event_type.rsplit(".", 1)[-1], event_type.rsplit(".", 1)[-1]))
    shown = [f"{name}={_value(v)}" for name, v in changes.items() if v not in (None, "", [])][:_SHOWN]
    if not shown:
        return vi, en
    detail = "; ".join(shown)
    return f"{vi}: {detail}", f"{en}: {detail}"
