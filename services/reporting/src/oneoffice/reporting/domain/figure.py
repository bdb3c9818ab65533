"""One figure: the values the bodies of a commune report for an indicator and period, its conflicts
and the office's adoptions. A pure decider: ``report``/``adopt`` return events, ``apply`` changes state.

The conflict rule. The values *in contention* are every body's latest value while nothing was
adopted; after an adoption, the adopted value and the latest values of the bodies that reported
since. A conflict is open exactly while the values in contention differ:

- a report that makes them differ when no conflict is open raises one (``FigureConflictRaised``,
  once per disagreement: further reports while it is open raise nothing);
- a report that makes them agree again while one is open settles it (``FigureConflictSettled``):
  a body correcting its value to agree raises nothing new;
- adopting one body's latest value closes it (``FigureAdopted``); the adopted value then stands for
  every later report, and a later report that differs from it starts a new disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from oneoffice.contracts.events.reporting import (
    FigureAdopted,
    FigureConflictRaised,
    FigureConflictSettled,
    FigureReported,
)

from .figure_errors import ConflictNotFound, ConflictNotOpen, InvalidFigure, Violation
from .indicators import CheckedReport

FigureEvent = FigureReported | FigureConflictRaised | FigureConflictSettled | FigureAdopted
ConflictStatus = Literal["open", "adopted", "settled"]
FigureStatus = Literal["none", "agreed", "conflict", "adopted"]


def figure_stream(commune_id: str, indicator_code: str, period: str) -> str:
    return f"figure-{commune_id}-{indicator_code}-{period}"


def conflict_id_of(commune_id: str, indicator_code: str, period: str, number: int) -> str:
    return f"fc-{commune_id}-{indicator_code}-{period}-{number}"


def parse_conflict_id(commune_id: str, conflict_id: str) -> tuple[str, str] | None:
    """(indicator, period) of a conflict id of ``commune_id``; None when it is not one.

    Indicator codes have no ``-``; periods have one at most; the number comes last.
    """
    prefix = f"fc-{commune_id}-"
    if not conflict_id.startswith(prefix):
        return None
    indicator, _, rest = conflict_id[len(prefix) :].partition("-")
    period, _, number = rest.rpartition("-")
    if not indicator or not period or not number.isdigit():
        return None
    return indicator, period


@dataclass(slots=True)
class Figure:
    commune_id: str
    indicator_code: str
    period: str
    version: int = 0
    latest: dict[str, Decimal] = field(default_factory=dict)
    # Bodies that reported since the last adoption.
    since_adoption: set[str] = field(default_factory=set)
    adopted: Decimal | None = None
    conflicts: dict[str, ConflictStatus] = field(default_factory=dict)
    open_conflict: str | None = None

    @property
    def stream_id(self) -> str:
        return figure_stream(self.commune_id, self.indicator_code, self.period)

    def in_contention(self) -> set[Decimal]:
        if self.adopted is None:
            return set(self.latest.values())
        return {self.adopted, *(self.latest[body] for body in self.since_adoption)}

    @property
    def status(self) -> FigureStatus:
        if self.open_conflict is not None:
            return "conflict"
        if self.adopted is not None:
            return "adopted"
        return "agreed" if self.latest else "none"

    @property
    def value(self) -> Decimal | None:
        """The figure every report uses: the adopted value (it stands through a later conflict), or
        the value the bodies agree on; None while bodies disagree and nothing was adopted."""
        if self.adopted is not None:
            return self.adopted
        values = self.in_contention()
        return next(iter(values)) if len(values) == 1 else None

    def report(self, checked: CheckedReport, note: str) -> list[FigureEvent]:
        reported = FigureReported(
            commune_id=self.commune_id,
            indicator_code=self.indicator_code,
            catalogue_version=checked.catalogue_version,
            period=self.period,
            body_code=checked.body_code,
            value=checked.value,
            note=note,
        )
        after = Figure(
            self.commune_id,
            self.indicator_code,
            self.period,
            latest={**self.latest, checked.body_code: checked.value},
            since_adoption={*self.since_adoption, checked.body_code},
            adopted=self.adopted,
        )
        values = after.in_contention()
        events: list[FigureEvent] = [reported]
        if self.open_conflict is None and len(values) > 1:
            number = len(self.conflicts) + 1
            events.append(
                FigureConflictRaised(
                    commune_id=self.commune_id,
                    conflict_id=conflict_id_of(self.commune_id, self.indicator_code, self.period, number),
                    indicator_code=self.indicator_code,
                    period=self.period,
                    values=dict(sorted(after.latest.items())),
                )
            )
        elif self.open_conflict is not None and len(values) == 1:
            events.append(
                FigureConflictSettled(
                    commune_id=self.commune_id,
                    conflict_id=self.open_conflict,
                    indicator_code=self.indicator_code,
                    period=self.period,
                    value=next(iter(values)),
                )
            )
        return events

    def adopt(self, conflict_id: str, body_code: str, reason: str) -> FigureAdopted:
        status = self.conflicts.get(conflict_id)
        if status is None:
            raise ConflictNotFound(conflict_id)
        if status != "open":
            raise ConflictNotOpen(conflict_id, status)
        violations: list[Violation] = []
        if body_code not in self.latest:
            violations.append(
                Violation(
                    "body_did_not_report",
                    "body",
                    f"Cơ quan {body_code} chưa báo cáo số liệu này: "
                    "chỉ chọn được giá trị một cơ quan đã báo cáo.",
                    f"Body {body_code} has not reported this figure: only a reported value can be adopted.",
                )
            )
        if not reason.strip():
            violations.append(
                Violation(
                    "reason_required",
                    "reason",
                    "Cần ghi lý do chọn số liệu.",
                    "A reason for adopting the value is required.",
                )
            )
        if violations:
            raise InvalidFigure(violations)
        return FigureAdopted(
            commune_id=self.commune_id,
            conflict_id=conflict_id,
            indicator_code=self.indicator_code,
            period=self.period,
            value=self.latest[body_code],
            body_code=body_code,
            reason=reason.strip(),
        )

    def apply(self, event: FigureEvent) -> None:
        self.version += 1
        if isinstance(event, FigureReported):
            self.latest[event.body_code] = event.value
            self.since_adoption.add(event.body_code)
        elif isinstance(event, FigureConflictRaised):
            self.conflicts[event.conflict_id] = "open"
            self.open_conflict = event.conflict_id
        elif isinstance(event, FigureConflictSettled):
            self.conflicts[event.conflict_id] = "settled"
            self.open_conflict = None
        else:
            self.conflicts[event.conflict_id] = "adopted"
            self.open_conflict = None
            self.adopted = event.value
            self.since_adoption = set()
