"""What the duty use cases need from the people part of the staff service.

The same protocol as ``application/staff_directory.py`` (the people use cases provide it);
:class:`NoStaff` is the placeholder wired until they are: it knows no one as staff.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol


class StaffDirectory(Protocol):
    async def is_staff_of(self, person_id: str, commune_id: str, day: date) -> bool: ...

    async def team_lead_of(self, commune_id: str, day: date) -> str | None: ...  # person_id


class NoStaff:
    """Placeholder directory: no one is staff of any commune and no commune has a team lead."""

    async def is_staff_of(self, person_id: str, commune_id: str, day: date) -> bool:
        return False

    async def team_lead_of(self, commune_id: str, day: date) -> str | None:
        return None
