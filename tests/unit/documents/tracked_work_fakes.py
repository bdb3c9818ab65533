"""Hand-written fakes for tracked work: the staff of communes and an empty read model."""

from __future__ import annotations

from datetime import date

from oneoffice.documents.application.work_ports import PassingOnView, TaskFilter, TaskView


class FakeCommuneStaff:
    """People who are staff of a commune (every day) and which username is whose."""

    def __init__(self, commune_id: str, people: dict[str, str | None]) -> None:
        self._commune_id = commune_id
        self._people = people  # person id -> username

    async def is_staff(self, commune_id: str, person_id: str, day: date) -> bool:
        return commune_id == self._commune_id and person_id in self._people

    async def person_of(self, username: str) -> str | None:
        return next((p for p, u in self._people.items() if u == username), None)


class EmptyTrackedWork:
    """A read model that has not caught up with anything yet (the use cases then read the stream)."""

    async def passing_on(self, commune_id: str, document_id: str) -> PassingOnView | None:
        return None

    async def tasks(self, commune_id: str, where: TaskFilter) -> list[TaskView]:
        return []

    async def task(self, commune_id: str, task_id: str) -> TaskView | None:
        return None
