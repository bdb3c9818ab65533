"""The administrative units with their dated history, as the dashboard needs them: which communes
were under a unit on a day, and into which unit a merged unit's history rolls.

Dates are effective dates: a change on day D holds from D on; ``ended_on`` is the first day the unit
no longer exists. A merged unit names its ``successor``; its history (documents, adoption, staff)
counts for the successor's, transitively, once the merger has happened.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

T = TypeVar("T")
COMMUNE_KINDS = frozenset({"commune", "ward", "township"})


@dataclass(frozen=True, slots=True)
class UnitFacts:
    code: str
    valid_from: date
    ended_on: date | None
    successor: str | None
    parents: tuple[tuple[date, str | None], ...]  # (from, parent), any order
    names: tuple[tuple[date, str, str], ...]  # (from, name, kind), any order

    def alive_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.ended_on is None or day < self.ended_on)

    @property
    def last_day(self) -> date:
        return date.max if self.ended_on is None else self.ended_on - timedelta(days=1)

    def parent_on(self, day: date) -> str | None:
        return _on(sorted(self.parents, key=lambda p: p[0]), day, None)

    def name_on(self, day: date) -> tuple[str, str]:
        named: list[tuple[date, tuple[str, str]]] = [(d, (n, k)) for d, n, k in sorted(self.names)]
        return _on(named, day, (self.code, "commune"))


def _on(periods: list[tuple[date, T]], day: date, default: T) -> T:
    value = periods[0][1] if periods else default
    for begins, candidate in periods:
        if begins > day:
            break
        value = candidate
    return value


class UnitTree:
    def __init__(self, units: Iterable[UnitFacts]) -> None:
        self._units = {unit.code: unit for unit in units}
        self._merged_into: dict[str, list[str]] = defaultdict(list)
        for unit in self._units.values():
            if unit.successor is not None:
                self._merged_into[unit.successor].append(unit.code)

    def get(self, code: str) -> UnitFacts | None:
        return self._units.get(code)

    def first_day(self) -> date | None:
        return min((unit.valid_from for unit in self._units.values()), default=None)

    def viewed_on(self, code: str, day: date) -> date:
        """The day a unit is shown as of: ``day``, or its last day for a unit that had ended by then
        (old units stay viewable as they last stood)."""
        unit = self._units[code]
        return min(day, unit.last_day)

    def ancestors_on(self, code: str, day: date) -> list[str]:
        found: list[str] = []
        current = self._units.get(code)
        while current is not None and len(found) < 16:
            parent = current.parent_on(day)
            if parent is None or parent in found:
                break
            found.append(parent)
            current = self._units.get(parent)
        return found

    def communes_under(self, code: str, day: date) -> list[str]:
        """The communes (wards, townships) alive on ``day`` under ``code`` then (itself, if a commune)."""
        under = [
            unit.code
            for unit in self._units.values()
            if unit.alive_on(day)
            and unit.name_on(day)[1] in COMMUNE_KINDS
            and (unit.code == code or code in self.ancestors_on(unit.code, day))
        ]
        return sorted(under)

    def rolled_into(self, code: str, day: date) -> str:
        """The unit whose history ``code``'s counts in on ``day``: its successor once merged, transitively."""
        seen = {code}
        unit = self._units.get(code)
        while unit is not None and unit.successor is not None and unit.ended_on is not None:
            if day < unit.ended_on or unit.successor in seen:
                break
            seen.add(unit.successor)
            code = unit.successor
            unit = self._units.get(code)
        return code

    def history_of(self, code: str, day: date) -> list[str]:
        """``code`` and every unit merged into it (transitively) by ``day``: whose events count for it."""
        found, todo = [code], [code]
        while todo:
            for predecessor in self._merged_into.get(todo.pop(), []):
                merged = self._units[predecessor]
                if predecessor not in found and merged.ended_on is not None and merged.ended_on <= day:
                    found.append(predecessor)
                    todo.append(predecessor)
        return found

    def name_on(self, code: str, day: date) -> str:
        unit = self._units.get(code)
        return code if unit is None else unit.name_on(min(day, unit.last_day))[0]

    def within_scope(self, code: str, day: date, scope: frozenset[str], today: date) -> bool:
        """A caller whose scope names ``code``, one of its parents on ``day``, or every commune under it
        (each as it continues ``today``: the old units of a district roll into the new communes)."""
        if code in scope or any(parent in scope for parent in self.ancestors_on(code, day)):
            return True
        communes = self.communes_under(code, day)
        return bool(communes) and all(self.rolled_into(c, today) in scope for c in communes)
