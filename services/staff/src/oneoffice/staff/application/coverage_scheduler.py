"""Emits coverage started/escalated/ended when their day comes: exactly once across restarts and
replicas.

Each tick loads every commune's roster and appends the coverage events now due, with the version it
loaded (optimistic concurrency). A commune that merged away keeps its own roster stream: the
coverage of its absences is decided there, seen from each merge day on through its successor's
roster (whose reassignments, absences and team lead then hold). The roster remembers the coverage
ids it emitted, so a restarted scheduler decides nothing twice; two replicas ticking together race
on the expected version: one appends, the other meets a conflict, reloads, and finds nothing left
to do. "Today" comes from the service clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.duty_errors import RosterBusy
from ..domain.duty_events import CoverageEvent
from .accounts import Caller
from .duties import DutyService
from .staff_directory import StaffDirectory

SCHEDULER = Caller(actor="system:coverage-scheduler")

Communes = Callable[[], Awaitable[list[str]]]


class CoverageScheduler:
    def __init__(self, duties: DutyService, directory: StaffDirectory, communes: Communes) -> None:
        self._duties = duties
        self._directory = directory
        self._communes = communes

    async def tick(self) -> list[CoverageEvent]:
        """Emit what is due today in every commune; returns what this tick appended."""
        emitted: list[CoverageEvent] = []
        for commune_id in await self._communes():
            emitted.extend(await self.tick_commune(commune_id))
        return emitted

    async def tick_commune(self, commune_id: str) -> list[CoverageEvent]:
        async def attempt() -> list[CoverageEvent]:
            today = self._duties.today()
            roster = await self._duties.roster(commune_id)
            if not roster.absences:
                return []
            seen, office = await self._duties.seen_over_time(roster)
            due = roster.due_coverage(today, await self._directory.team_lead_of(office, today), seen)
            if due:
                await self._duties.save(roster, due, SCHEDULER)
            return due

        return await retry_on_conflict(attempt, attempts=10, give_up=RosterBusy)
