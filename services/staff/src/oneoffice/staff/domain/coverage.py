"""Who does each duty on a day: the assignment in force, unless its primary is away.

A pure evaluation over a roster's assignments and absences, so the answer is the same for past,
present and future days, and the scheduler emits exactly what this says when the days come.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .duty_events import AbsenceRecorded, DutyAssigned


class CoverStatus(StrEnum):
    PRIMARY = "primary"  # the primary does the duty
    BACKUP = "backup"  # the primary is away; the backup covers
    ESCALATED = "escalated"  # both away: the team lead decides
    UNASSIGNED = "unassigned"  # no assignment in force


@dataclass(frozen=True, slots=True)
class Cover:
    duty: str
    primary: str | None
    backup: str | None
    covered_by: str | None
    status: CoverStatus
    absence_id: str | None = None
    # The merged-away unit whose assignment this is (None: the commune's own).
    carried_from: str | None = None


def in_force(assignments: Sequence[DutyAssigned], day: date) -> DutyAssigned | None:
    """The assignment with the latest effective day on or before ``day``; of two on one day, the
    later recorded (``assignments`` are in recorded order)."""
    found: DutyAssigned | None = None
    for assignment in assignments:
        if assignment.effective <= day and (found is None or assignment.effective >= found.effective):
            found = assignment
    return found


def absence_on(absences: Iterable[AbsenceRecorded], person: str, day: date) -> AbsenceRecorded | None:
    for absence in absences:
        if absence.person == person and absence.start <= day <= absence.end:
            return absence
    return None


def cover(
    duty: str,
    assignments: Sequence[DutyAssigned],
    absences: Sequence[AbsenceRecorded],
    day: date,
    team_lead: str | None = None,
) -> Cover:
    return cover_by(duty, in_force(assignments, day), absences, day, team_lead)


def cover_by(
    duty: str,
    assignment: DutyAssigned | None,
    absences: Sequence[AbsenceRecorded],
    day: date,
    team_lead: str | None = None,
    carried_from: str | None = None,
) -> Cover:
    """Who does ``duty`` on ``day`` under ``assignment`` (the one in force that day)."""
    if assignment is None:
        return Cover(duty, None, None, None, CoverStatus.UNASSIGNED)
    primary, backup = assignment.primary, assignment.backup
    away = absence_on(absences, primary, day)
    if away is None:
        return Cover(duty, primary, backup, primary, CoverStatus.PRIMARY, None, carried_from)
    if absence_on(absences, backup, day) is None:
        return Cover(duty, primary, backup, backup, CoverStatus.BACKUP, away.absence_id, carried_from)
    return Cover(duty, primary, backup, team_lead, CoverStatus.ESCALATED, away.absence_id, carried_from)
