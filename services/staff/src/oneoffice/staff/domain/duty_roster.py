"""A commune's duty roster (stream ``duty-roster-<commune>``): the catalogue version it adopted, who
holds each duty with which backup, the absences, and the coverage the scheduler has emitted.

Decisions return events; ``apply`` changes state. Coverage events carry a deterministic id per
(absence, duty), and the roster knows which it has emitted: a second scheduler, or the same one
after a restart, that loads the roster decides to emit nothing more (its append would also meet the
expected-version check if it raced).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Protocol

from .coverage import Cover, CoverStatus, cover
from .duty_errors import InvalidDutyCommand
from .duty_events import (
    AbsenceKind,
    AbsenceRecorded,
    CatalogueAdopted,
    CatalogueVersionPublished,
    CoverageEnded,
    CoverageEscalated,
    CoverageEvent,
    CoverageStarted,
    DutyAssigned,
    RosterEvent,
)

Problem = tuple[str, str, str]


class Evaluation(Protocol):
    """Who covers what on a day, and every absence known (a roster, or a roster with what the
    units merged into its commune carried: :mod:`.merged_roster`)."""

    def coverage_on(self, day: date, team_lead: str | None = None) -> list[Cover]: ...

    def known_absences(self) -> Sequence[AbsenceRecorded]: ...


# The evaluation in force on a day (a unit that merged away is seen through its successor).
Seen = Callable[[date], Evaluation]


def roster_stream(commune_id: str) -> str:
    return f"duty-roster-{commune_id}"


def _not_staff(person: str, commune_id: str) -> Problem:
    return (
        "not_staff_of_commune",
        f"'{person}' không phải cán bộ, công chức của xã {commune_id}.",
        f"'{person}' is not staff of commune {commune_id}.",
    )


class DutyRoster:
    def __init__(self, commune_id: str) -> None:
        self.commune_id = commune_id
        self.version = 0
        self.adopted: CatalogueAdopted | None = None
        self.assignments: dict[str, list[DutyAssigned]] = {}
        self.absences: list[AbsenceRecorded] = []
        self._started: dict[str, CoverageStarted | CoverageEscalated] = {}
        self._ended: set[str] = set()
        self._escalated: set[str] = set()

    # -- decisions -------------------------------------------------------------------------------

    def adopt(self, catalogue: CatalogueVersionPublished, effective: date) -> CatalogueAdopted:
        codes = tuple(duty.code for duty in catalogue.duties)
        return CatalogueAdopted(self.commune_id, catalogue.version, codes, effective)

    def assign(
        self,
        duty: str,
        primary: str,
        backup: str,
        effective: date,
        not_staff: Sequence[str] = (),
        carried_duties: Sequence[str] = (),
    ) -> DutyAssigned:
        """Raises ``InvalidDutyCommand`` naming every broken rule (``not_staff``: the people the
        staff directory does not know as staff of this commune on ``effective``; ``carried_duties``:
        the duties units merged into the commune carried, which it may reassign without adopting)."""
        problems: list[Problem] = []
        if duty in carried_duties:
            pass  # held in a unit merged into the commune: the commune reassigns it
        elif self.adopted is None:
            problems.append(
                (
                    "no_catalogue_adopted",
                    f"Xã {self.commune_id} chưa áp dụng danh mục nhiệm vụ nào.",
                    f"Commune {self.commune_id} has adopted no duty catalogue.",
                )
            )
        elif duty not in self.adopted.duty_codes:
            version = self.adopted.version
            problems.append(
                (
                    "duty_not_in_catalogue",
                    f"Nhiệm vụ '{duty}' không có trong danh mục phiên bản {version} xã đã áp dụng.",
                    f"Duty '{duty}' is not in version {version} of the catalogue the commune adopted.",
                )
            )
        if not primary.strip() or not backup.strip():
            problems.append(
                (
                    "missing_person",
                    "Phải chọn cả người phụ trách chính và người dự phòng.",
                    "Both a primary and a backup are needed.",
                )
            )
        elif primary == backup:
            problems.append(
                (
                    "backup_is_primary",
                    "Người dự phòng phải khác người phụ trách chính.",
                    "The backup must be someone other than the primary.",
                )
            )
        problems.extend(_not_staff(person, self.commune_id) for person in dict.fromkeys(not_staff))
        if problems:
            raise InvalidDutyCommand(problems)
        return DutyAssigned(self.commune_id, duty, primary, backup, effective)

    def record_absence(
        self,
        absence_id: str,
        person: str,
        kind: AbsenceKind,
        start: date,
        end: date,
        not_staff: bool = False,
        carried: Sequence[AbsenceRecorded] = (),
    ) -> AbsenceRecorded:
        """``carried``: absences recorded by units merged into the commune (they overlap too)."""
        problems: list[Problem] = []
        if end < start:
            problems.append(
                (
                    "absence_ends_before_start",
                    f"Ngày kết thúc ({end:%d/%m/%Y}) trước ngày bắt đầu ({start:%d/%m/%Y}).",
                    f"The absence ends ({end.isoformat()}) before it starts ({start.isoformat()}).",
                )
            )
        if not_staff:
            problems.append(_not_staff(person, self.commune_id))
        for other in (*self.absences, *carried):
            if other.person == person and other.start <= end and start <= other.end:
                problems.append(
                    (
                        "overlapping_absence",
                        f"'{person}' đã có lịch vắng từ {other.start:%d/%m/%Y} đến {other.end:%d/%m/%Y}.",
                        f"'{person}' is already away from {other.start.isoformat()} to {other.end}.",
                    )
                )
        if problems:
            raise InvalidDutyCommand(problems)
        return AbsenceRecorded(self.commune_id, absence_id, person, kind, start, end)

    def due_coverage(
        self, today: date, team_lead: str | None, seen: Seen | None = None
    ) -> list[CoverageEvent]:
        """The coverage events whose day has come and that were not emitted yet (catching up on
        days the scheduler did not run), each with the day it took effect.

        ``seen`` gives, for a day, how who covers what is evaluated then (default: this roster
        alone). For a commune that units merged into, it is the roster with what they carried; for
        one that merged away, from the merge day on, its successor's (which knows the successor's
        reassignments and absences). A backup whose own absence begins while they cover escalates
        the coverage to the team lead on that day, once (a coverage that started escalated is not
        escalated again).
        """

        def own(day: date) -> Evaluation:
            return self

        seen = seen or own
        known = seen(today).known_absences()
        due: list[CoverageEvent] = []
        for absence in self.absences:
            if absence.start > today:
                continue
            found: dict[str, Cover] = {}
            for c in seen(absence.start).coverage_on(absence.start, team_lead):
                if c.absence_id == absence.absence_id:
                    found.setdefault(c.duty, c)
            begun = (s.duty for s in self._started.values() if s.absence_id == absence.absence_id)
            for duty in dict.fromkeys([*found, *begun]):
                coverage_id = f"{absence.absence_id}/{duty}"
                started = self._started.get(coverage_id)
                if started is None:
                    started = self._start(coverage_id, found[duty], absence)
                    due.append(started)
                late = self._escalation(started, absence, known, today, team_lead)
                if late is not None:
                    due.append(late)
                if absence.end < today and coverage_id not in self._ended:
                    on = absence.end + timedelta(days=1)
                    due.append(CoverageEnded(self.commune_id, coverage_id, absence.absence_id, duty, on))
        return due

    # -- queries ---------------------------------------------------------------------------------

    def duties(self) -> tuple[str, ...]:
        return self.adopted.duty_codes if self.adopted else ()

    def cover(self, duty: str, day: date, team_lead: str | None = None) -> Cover:
        return cover(duty, self.assignments.get(duty, []), self.absences, day, team_lead)

    def coverage_on(self, day: date, team_lead: str | None = None) -> list[Cover]:
        return [self.cover(duty, day, team_lead) for duty in self.duties()]

    def gaps(self) -> list[tuple[str, bool, bool]]:
        """(duty, has primary, has backup) of each adopted duty missing either."""
        gaps = []
        for duty in self.duties():
            held = self.assignments.get(duty)
            current = held[-1] if held else None
            has_primary = bool(current and current.primary)
            has_backup = bool(current and current.backup)
            if not (has_primary and has_backup):
                gaps.append((duty, has_primary, has_backup))
        return gaps

    def known_absences(self) -> Sequence[AbsenceRecorded]:
        return self.absences

    def emitted(self) -> list[str]:
        return sorted(self._started)

    def escalated(self) -> list[str]:
        return sorted(self._escalated)

    # -- state -----------------------------------------------------------------------------------

    def _escalation(
        self,
        started: CoverageStarted | CoverageEscalated,
        absence: AbsenceRecorded,
        absences: Sequence[AbsenceRecorded],
        today: date,
        team_lead: str | None,
    ) -> CoverageEscalated | None:
        """The escalation due when the covering backup's own absence began after the coverage did
        (on or before today, while the primary is still away); None when none is due."""
        if not isinstance(started, CoverageStarted) or started.coverage_id in self._escalated:
            return None
        last = min(absence.end, today)
        begins = [
            a.start for a in absences if a.person == started.covered_by and absence.start < a.start <= last
        ]
        if not begins:
            return None
        return CoverageEscalated(
            self.commune_id,
            started.coverage_id,
            absence.absence_id,
            started.duty,
            absence.person,
            started.covered_by,
            team_lead,
            min(begins),
        )

    def _start(
        self, coverage_id: str, found: Cover, absence: AbsenceRecorded
    ) -> CoverageStarted | CoverageEscalated:
        if found.status is CoverStatus.BACKUP:
            assert found.covered_by is not None
            return CoverageStarted(
                self.commune_id,
                coverage_id,
                absence.absence_id,
                found.duty,
                absence.person,
                found.covered_by,
                absence.start,
            )
        assert found.backup is not None
        return CoverageEscalated(
            self.commune_id,
            coverage_id,
            absence.absence_id,
            found.duty,
            absence.person,
            found.backup,
            found.covered_by,
            absence.start,
        )

    def apply(self, event: RosterEvent) -> None:
        match event:
            case CatalogueAdopted():
                self.adopted = event
            case DutyAssigned():
                self.assignments.setdefault(event.duty, []).append(event)
            case AbsenceRecorded():
                self.absences.append(event)
            case CoverageStarted():
                self._started[event.coverage_id] = event
            case CoverageEscalated():
                # Escalated from the start, or later when the covering backup went away too.
                self._started.setdefault(event.coverage_id, event)
                self._escalated.add(event.coverage_id)
            case CoverageEnded():
                self._ended.add(event.coverage_id)
        self.version += 1
