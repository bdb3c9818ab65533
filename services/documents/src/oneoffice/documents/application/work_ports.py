"""What tracked work needs from the outside: the staff of each commune, and its read model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol


class CommuneStaff(Protocol):
    async def is_staff(self, commune_id: str, person_id: str, day: date) -> bool:
        """The person works in the commune's office on ``day``."""
        ...

    async def person_of(self, username: str) -> str | None:
        """The person whose account ``username`` is (from the staff service's ``PersonJoinedStaff``)."""
        ...


@dataclass(frozen=True, slots=True)
class PassingOnView:
    document_id: str
    commune_id: str
    recipient_kind: str
    recipient: str
    passed_on: date
    passing_on_deadline: date
    late: bool
    needs_action: bool
    passed_on_by: str


@dataclass(frozen=True, slots=True)
class TaskView:
    task_id: str
    commune_id: str
    title: str
    document_id: str | None
    body_code: str | None
    lead: str
    coordinators: tuple[str, ...]
    deadline: date
    deadline_number: int
    status: str  # open | done
    percentage: int | None
    directed_by: str
    directed_on: date
    completed_on: date | None
    # The deadline numbers the watcher raised due-soon / overdue for (None: never).
    due_soon_number: int | None
    overdue_number: int | None


@dataclass(frozen=True, slots=True)
class TaskFilter:
    done: bool | None = None
    handler: str | None = None
    body_code: str | None = None
    document_id: str | None = None
    deadline_until: date | None = None


class TrackedWorkReader(Protocol):
    async def passing_on(self, commune_id: str, document_id: str) -> PassingOnView | None: ...

    async def tasks(self, commune_id: str, where: TaskFilter) -> list[TaskView]: ...

    async def task(self, commune_id: str, task_id: str) -> TaskView | None: ...
