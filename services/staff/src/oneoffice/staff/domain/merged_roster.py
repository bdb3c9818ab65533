"""A commune's roster together with what the units merged into it carried: their assignments (until
the commune reassigns the duty) and their absences (one still open on the merge date keeps covering).

Why a query over the recorded events rather than carry-over events written with the merge: the
staff of a merged-away commune already become the successor's by a query over the unit registry's
merges (:mod:`.people`), and a merger is one event on the registry stream — the event store appends
to one stream at a time, so copying assignments into the successor's roster would be a second,
separate write that could be missing or late (a crash between the two) and would have to be kept
in step with every later change of the old roster. Read together at query time, the old rosters stay
exactly as recorded (``as_of``/``on`` before the merge shows the old unit as it was), and what the
successor sees after the merge date is derived from them, the same way on every replay.

Rules, for the successor S of a unit P merged into it on day ``m``, asked about a day ``d >= m``:

- P's duties join S's (the adopted catalogue of S first, then P's);
- for a duty, the holders are S's own assignment in force on ``d`` and, unless S assigned the duty
  on a day in ``[m, d]``, the holders P had on ``m - 1`` (transitively: what P itself carried);
- every absence recorded by S or by the units it carried counts (absences are per person and dated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .coverage import Cover, cover_by, in_force
from .duty_events import AbsenceRecorded, DutyAssigned
from .duty_roster import DutyRoster


@dataclass(frozen=True, slots=True)
class Held:
    """An assignment in force, and the unit whose roster recorded it."""

    unit: str
    assignment: DutyAssigned


@dataclass(frozen=True, slots=True)
class MergedRoster:
    roster: DutyRoster
    # (merge day, the merged unit's roster with what it carried), nearest merges first.
    carried: tuple[tuple[date, MergedRoster], ...] = ()

    @property
    def commune_id(self) -> str:
        return self.roster.commune_id

    def duties(self, day: date) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.roster.duties(), *self.carried_duties(day))))

    def carried_duties(self, day: date) -> tuple[str, ...]:
        """The duties of the units merged into the commune on or before ``day``."""
        codes = [
            c
            for merged_on, earlier in self._before(day)
            for c in earlier.duties(merged_on - timedelta(days=1))
        ]
        return tuple(dict.fromkeys(codes))

    def holders(self, duty: str, day: date) -> list[Held]:
        own = self.roster.assignments.get(duty, [])
        held = [Held(self.commune_id, a)] if (a := in_force(own, day)) is not None else []
        for merged_on, earlier in self._before(day):
            if any(merged_on <= a.effective <= day for a in own):
                continue  # the successor reassigned the duty after the merge
            held.extend(earlier.holders(duty, merged_on - timedelta(days=1)))
        return held

    def known_absences(self) -> Sequence[AbsenceRecorded]:
        absences = list(self.roster.absences)
        for _, earlier in self.carried:
            absences.extend(earlier.known_absences())
        return absences

    def carried_absences(self) -> list[AbsenceRecorded]:
        """Absences of the merged units still open on (or after) the day they merged."""
        open_ones: list[AbsenceRecorded] = []
        for merged_on, earlier in self.carried:
            open_ones.extend(a for a in earlier.roster.absences if a.end >= merged_on)
            open_ones.extend(a for a in earlier.carried_absences() if a.end >= merged_on)
        return open_ones

    def coverage_on(self, day: date, team_lead: str | None = None) -> list[Cover]:
        absences = self.known_absences()
        covers: list[Cover] = []
        for duty in self.duties(day):
            held = self.holders(duty, day)
            if not held:
                covers.append(cover_by(duty, None, absences, day, team_lead))
            for h in held:
                carried_from = None if h.unit == self.commune_id else h.unit
                covers.append(cover_by(duty, h.assignment, absences, day, team_lead, carried_from))
        return covers

    def gaps(self, day: date) -> list[tuple[str, bool, bool]]:
        """(duty, has primary, has backup) of each duty with no holder missing either on ``day``."""
        gaps = []
        for duty in self.duties(day):
            held = self.holders(duty, day)
            has_primary = any(h.assignment.primary for h in held)
            has_backup = any(h.assignment.backup for h in held)
            if not (held and all(h.assignment.primary and h.assignment.backup for h in held)):
                gaps.append((duty, has_primary, has_backup))
        return gaps

    def _before(self, day: date) -> list[tuple[date, MergedRoster]]:
        return [(merged_on, earlier) for merged_on, earlier in self.carried if merged_on <= day]
