"""The seam other parts of the staff service (duties, absences) use to ask who works where.

``StaffDirectory`` is the protocol they build against (with a fake in their unit tests);
:class:`RegisterStaffDirectory` answers it from the staff register and the office teams, merges of
units included (the staff of a merged-away commune are staff of its successor from the merge date).
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from .people import PeopleService


class StaffDirectory(Protocol):
    async def is_staff_of(self, person_id: str, commune_id: str, day: date) -> bool: ...

    async def team_lead_of(self, commune_id: str, day: date) -> str | None:
        """The person_id leading the commune's office team on ``day`` (None: no team then)."""
        ...


class RegisterStaffDirectory:
    def __init__(self, people: PeopleService) -> None:
        self._people = people

    async def is_staff_of(self, person_id: str, commune_id: str, day: date) -> bool:
        return await self._people.commune_of(person_id, day) == commune_id

    async def team_lead_of(self, commune_id: str, day: date) -> str | None:
        team = await self._people.office_team(commune_id, day)
        return team.lead if team is not None else None
