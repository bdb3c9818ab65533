"""Errors of tracked work (passing on, directions, tasks), each in Vietnamese and English."""

from __future__ import annotations

from datetime import date

from .errors import DocumentsError, RuleViolation


class InvalidWorkInput(RuleViolation):
    """One field of a passing-on or a task that breaks a simple rule (empty, too long, unknown kind)."""

    code = "invalid_work_input"

    def __init__(self, field: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.field = field


class PassedOnBeforeArrival(RuleViolation):
    code = "passed_on_before_arrival"
    field = "passed_on"

    def __init__(self, passed_on: date, received: date) -> None:
        super().__init__(
            f"Ngày chuyển {passed_on:%d/%m/%Y} trước ngày đến của văn bản ({received:%d/%m/%Y}).",
            f"Passed on {passed_on.isoformat()}, before the document arrived ({received.isoformat()}).",
        )


class DateInTheFuture(RuleViolation):
    code = "date_in_future"

    def __init__(self, field: str, day: date) -> None:
        super().__init__(f"Ngày {day:%d/%m/%Y} chưa đến.", f"{day.isoformat()} is in the future ({field}).")
        self.field = field


class DeadlineBeforeArrival(RuleViolation):
    code = "deadline_before_arrival"
    field = "deadline"

    def __init__(self, deadline: date, received: date) -> None:
        super().__init__(
            f"Hạn xử lý {deadline:%d/%m/%Y} trước ngày văn bản đến ({received:%d/%m/%Y}).",
            f"The deadline {deadline.isoformat()} is before the document arrived ({received.isoformat()}).",
        )


class LeadAlsoCoordinator(RuleViolation):
    code = "lead_also_coordinator"
    field = "coordinators"

    def __init__(self, person_id: str) -> None:
        super().__init__(
            f"Người chủ trì «{person_id}» không thể đồng thời là người phối hợp.",
            f"The lead {person_id!r} cannot also be a coordinator.",
        )


class NotStaffOfCommune(RuleViolation):
    code = "not_staff_of_commune"

    def __init__(self, field: str, person_id: str, commune_id: str, on: date) -> None:
        super().__init__(
            f"«{person_id}» không phải cán bộ, công chức của xã {commune_id} vào ngày {on:%d/%m/%Y}.",
            f"{person_id!r} is not staff of commune {commune_id!r} on {on.isoformat()}.",
        )
        self.field = field


class DeadlineNotLater(RuleViolation):
    code = "deadline_not_later"
    field = "deadline"

    def __init__(self, deadline: date, current: date) -> None:
        super().__init__(
            f"Hạn mới {deadline:%d/%m/%Y} phải sau hạn hiện tại ({current:%d/%m/%Y}).",
            f"The new deadline {deadline.isoformat()} must be after the current one ({current.isoformat()}).",
        )


class TaskNotOpen(RuleViolation):
    code = "task_not_open"
    field = None

    def __init__(self, task_id: str) -> None:
        super().__init__(
            f"Công việc «{task_id}» không còn mở (đã hoàn thành).",
            f"Task {task_id!r} is not open (it is done).",
        )


class TaskNotDone(RuleViolation):
    code = "task_not_done"
    field = None

    def __init__(self, task_id: str) -> None:
        super().__init__(
            f"Công việc «{task_id}» chưa hoàn thành nên không thể mở lại.",
            f"Task {task_id!r} is not done, so it cannot be reopened.",
        )


class NotTheLead(DocumentsError):
    """The caller is not the task's lead handler (only the lead completes or records a percentage)."""

    code = "not_the_lead"

    def __init__(self, task_id: str) -> None:
        super().__init__(
            f"Chỉ người chủ trì mới được cập nhật tiến độ hoặc hoàn thành công việc «{task_id}».",
            f"Only the lead may record progress on or complete task {task_id!r}.",
        )


class NotAHandler(DocumentsError):
    """The caller is neither the lead nor a coordinator of the task."""

    code = "not_a_handler"

    def __init__(self, task_id: str) -> None:
        super().__init__(
            f"Bạn không chủ trì hay phối hợp công việc «{task_id}».",
            f"You neither lead nor coordinate task {task_id!r}.",
        )


class DeadlineBeyondCalendar(RuleViolation):
    """The working-day calendar has no data for the deadline's year: it could not be tracked."""

    code = "deadline_beyond_calendar"
    field = "deadline"

    def __init__(self, deadline: date) -> None:
        super().__init__(
            f"Hạn xử lý {deadline:%d/%m/%Y} thuộc năm chưa có lịch ngày nghỉ, ngày lễ.",
            f"The deadline {deadline.isoformat()} is in a year the working-day calendar has no data for.",
        )
