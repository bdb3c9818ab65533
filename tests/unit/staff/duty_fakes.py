"""Hand-written fakes for the duty use cases: a staff directory and a unit registry seam."""

from __future__ import annotations

from datetime import date


class FakeDirectory:
    """Knows who is staff of which commune (on every day) and each commune's team lead."""

    def __init__(self, staff: dict[str, set[str]] | None = None, leads: dict[str, str] | None = None) -> None:
        self.staff = staff or {}
        self.leads = leads or {}

    async def is_staff_of(self, person_id: str, commune_id: str, day: date) -> bool:
        return person_id in self.staff.get(commune_id, set())

    async def team_lead_of(self, commune_id: str, day: date) -> str | None:
        return self.leads.get(commune_id)


class FakeUnits:
    """The communes that exist, from a day on (none cease)."""

    def __init__(self, communes: dict[str, date]) -> None:
        self.communes = communes

    async def exists_on(self, code: str, day: date) -> bool:
        since = self.communes.get(code)
        return since is not None and since <= day
