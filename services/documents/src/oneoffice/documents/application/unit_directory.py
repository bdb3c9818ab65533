"""The administrative units this service knows, as the staff service's unit register says.

Only the staff service decides which units exist; this service follows its events (the staff topic,
or the staff store in the embedded mode) into a small read model of each unit's lifetime, and asks it
through the :class:`UnitDirectory` port before it records anything for a commune. The dates follow
the staff service's rule: a unit exists from its first day (``established``) up to, not including,
the first day it no longer exists (``ceased``: the effective date of the merger, split or ceasing).
A unit's code names one unit only, ever (the staff register refuses to reuse one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from oneoffice.contracts.events import staff
from oneoffice.eventcore.events import DomainEvent

__all__ = [
    "LifetimeChange",
    "UnitBegan",
    "UnitDirectory",
    "UnitEnded",
    "UnitLifetime",
    "apply_changes",
    "lifetime_changes",
]


class UnitDirectory(Protocol):
    async def exists_on(self, code: str, day: date) -> bool:
        """Whether ``code`` names a unit that exists on ``day``."""
        ...

    async def knows_any(self) -> bool:
        """Whether the service has learnt of any unit yet (False: it has not followed the staff events)."""
        ...


@dataclass(frozen=True, slots=True)
class UnitLifetime:
    code: str
    established: date
    ceased: date | None = None

    def exists_on(self, day: date) -> bool:
        return self.established <= day and (self.ceased is None or day < self.ceased)


@dataclass(frozen=True, slots=True)
class UnitBegan:
    code: str
    day: date


@dataclass(frozen=True, slots=True)
class UnitEnded:
    code: str
    day: date


LifetimeChange = UnitBegan | UnitEnded


def lifetime_changes(event: DomainEvent) -> tuple[LifetimeChange, ...]:
    """What a staff event changes of units' lifetimes (renames and re-parentings change none)."""
    match event:
        case staff.UnitEstablished():
            return (UnitBegan(event.unit.code, event.effective),)
        case staff.UnitsMerged():
            new = event.new_successor
            began = () if new is None else (UnitBegan(new.code, event.effective),)
            return (*began, *(UnitEnded(code, event.effective) for code in event.merged))
        case staff.UnitSplit():
            into = tuple(UnitBegan(unit.code, event.effective) for unit in event.into)
            return (*into, UnitEnded(event.unit, event.effective))
        case staff.UnitCeased():
            return (UnitEnded(event.code, event.effective),)
    return ()


def apply_changes(
    lifetimes: dict[str, UnitLifetime], changes: tuple[LifetimeChange, ...]
) -> dict[str, UnitLifetime]:
    """The lifetimes after ``changes``; an end of a unit never begun is ignored (it cannot happen
    in the staff register's order, which one Kafka key keeps)."""
    result = dict(lifetimes)
    for change in changes:
        match change:
            case UnitBegan(code, day):
                result[code] = UnitLifetime(code, day)
            case UnitEnded(code, day) if code in result:
                result[code] = UnitLifetime(code, result[code].established, day)
    return result
