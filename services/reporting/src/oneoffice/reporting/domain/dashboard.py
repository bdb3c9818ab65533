"""The district and province view (#13): every commune under a unit as the hierarchy stood on a day,
their KPIs side by side, pilot communes against the others, before against after adopting the
one-office model, who adopted when; and per commune, the headcount by category and the workload of
each member of staff.

Pure functions of :class:`DashboardFacts`, which the reader fills from one database snapshot: the
tallies of the units a :class:`Selection` names (counted in the database), adoptions, staff and
conflicts. Every total here is the sum of the same tallies as the rows beside it.
A merged unit's facts count for its successor once the merger has happened (:class:`UnitTree`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal, TypeVar

from .kpis import ConflictFact, Kpis, Tally, TaskFact
from .periods import Period
from .unit_tree import UnitTree
from .work_board import AsOf, Position

PILOT_MARKERS = ("pilot", "thí điểm")
F = TypeVar("F", TaskFact, ConflictFact, "Adoption", "StaffStint")
# Which part of a unit's facts a tally counts: all of them (its commune had not adopted the model by the
# day shown), or those dated before / from the adoption day (the split, cut to the period).
Part = Literal["all", "before", "after"]


@dataclass(frozen=True, slots=True)
class Adoption:
    commune_id: str
    adopted_on: date
    wave: str

    @property
    def pilot(self) -> bool:
        """The pilot is a wave: the one whose name says so (e.g. '2017 pilot', 'thí điểm 2017')."""
        return any(marker in self.wave.casefold() for marker in PILOT_MARKERS)


@dataclass(frozen=True, slots=True)
class StaffStint:
    """A person's time in one commune's office: from ``from_day`` until the day before ``to_day``."""

    person_id: str
    commune_id: str
    from_day: date
    to_day: date | None
    name: str
    category: str
    allowance: Decimal
    bodies: tuple[str, ...]

    def on(self, day: date) -> bool:
        return self.from_day <= day and (self.to_day is None or day < self.to_day)


@dataclass(frozen=True, slots=True)
class Selection:
    """What the reader counts for a dashboard: the facts of the units ``splits`` names dated in
    ``[start, end)``, each unit's split into before and after the day its row's commune adopted the
    model (None: not adopted by the day shown); documents' durations as they stood on ``last_day``."""

    splits: Mapping[str, date | None]
    start: date
    end: date
    last_day: date


@dataclass(frozen=True, slots=True)
class ProjectionVersion:
    """Which state of the read model a snapshot sees: its generation and the positions it reflects
    (the same version holds the same facts)."""

    generation: int
    positions: frozenset[Position]


@dataclass(slots=True)
class DashboardFacts:
    tree: UnitTree
    adoptions: list[Adoption] = field(default_factory=list)
    tallies: dict[tuple[str, Part], Tally] = field(default_factory=dict)  # by (unit, part)
    tasks: list[TaskFact] = field(default_factory=list)  # the workload's (raw)
    conflicts: list[ConflictFact] = field(default_factory=list)
    stints: list[StaffStint] = field(default_factory=list)
    as_of: AsOf | None = None


@dataclass(frozen=True, slots=True)
class CommuneRow:
    commune_id: str
    name: str
    history: tuple[str, ...]  # the commune and the units merged into it by the day shown
    adoption: Adoption | None
    kpis: Kpis
    headcount_before: Mapping[str, int] | None  # by category, the day before adopting (None: not adopted)
    headcount_after: Mapping[str, int]  # by category, on the day shown

    @property
    def pilot(self) -> bool:
        return self.adoption is not None and self.adoption.pilot


@dataclass(frozen=True, slots=True)
class Dashboard:
    unit_code: str
    unit_name: str
    period: str
    as_of: datetime
    viewed_on: date  # the day the hierarchy is shown as of (an ended unit: its last day)
    communes: tuple[CommuneRow, ...]
    totals: Kpis
    pilot: Kpis
    others: Kpis
    before_adoption: Kpis  # adopted communes, within the period: before their adoption day
    after_adoption: Kpis  # … from their adoption day on (up to the day shown)
    adoptions: tuple[Adoption, ...]
    positions: AsOf


@dataclass(frozen=True, slots=True)
class StaffWorkload:
    person_id: str
    name: str
    category: str
    allowance: Decimal
    bodies: tuple[str, ...]
    open: int
    done: int
    overdue: int
    by_body: tuple[tuple[str, int, int, int], ...]  # (body, open, done, overdue)


@dataclass(frozen=True, slots=True)
class Workload:
    commune_id: str
    day: date
    staff: tuple[StaffWorkload, ...]
    headcount: Mapping[str, int]
    positions: AsOf


class _ByCommune:
    """The facts indexed by commune, once per answer."""

    def __init__(self, facts: DashboardFacts) -> None:
        self.tallies = facts.tallies
        self.conflicts = _index(facts.conflicts)
        self.adoptions = _index(facts.adoptions)
        self.stints = _index(facts.stints)

    def adoption(self, history: Iterable[str], day: date) -> Adoption | None:
        return _earliest(self.adoptions, history, day)

    def headcount(self, history: Iterable[str], day: date) -> dict[str, int]:
        """Staff by category on ``day`` in the commune and the units merged into it."""
        on_day = (s.category for c in history for s in self.stints.get(c, ()) if s.on(day))
        return dict(sorted(Counter(on_day).items()))

    def tally(self, codes: Iterable[str], *parts: Part) -> Tally:
        """The tallies of ``codes``' facts of the given parts, added up."""
        total = Tally()
        for code in codes:
            for part in parts:
                counted = self.tallies.get((code, part))
                if counted is not None:
                    total.add(counted)
        return total

    def in_conflict(self, codes: Iterable[str], moment: datetime, covers: Callable[[str], bool]) -> int:
        """The figures of ``codes`` in conflict at ``moment`` for a period ``covers`` accepts."""
        return sum(
            1 for c in codes for f in self.conflicts.get(c, ()) if f.open_at(moment) and covers(f.period)
        )


def _index(facts: Iterable[F]) -> dict[str, list[F]]:
    found: dict[str, list[F]] = defaultdict(list)
    for fact in facts:
        found[fact.commune_id].append(fact)
    return found


def _shown(code: str, as_of: datetime, tree: UnitTree) -> tuple[date, datetime]:
    """The day the unit is shown as of, and the moment whose open conflicts count: ``as_of``, or the
    end of an ended unit's last day (never after ``as_of``)."""
    day = tree.viewed_on(code, as_of.date())
    moment = as_of if day >= as_of.date() else datetime.combine(day + timedelta(days=1), time(), as_of.tzinfo)
    return day, moment


def _split(adoption: Adoption, period: Period) -> date:
    """Within the period: what came before the commune's adoption day, and from it on."""
    return min(max(adoption.adopted_on, period.start), period.end)


def dashboard_selection(
    code: str, period: Period, as_of: datetime, tree: UnitTree, adoptions: Iterable[Adoption]
) -> Selection:
    """The facts :func:`build_dashboard` needs counted for ``code``'s dashboard of ``period``."""
    day, _ = _shown(code, as_of, tree)
    indexed = _index(adoptions)
    splits: dict[str, date | None] = {}
    for commune in tree.communes_under(code, day):
        history = tree.history_of(commune, day)
        adoption = _earliest(indexed, history, day)
        for unit in history:
            splits[unit] = None if adoption is None else _split(adoption, period)
    # Facts up to the day shown (never past the period: ``day`` may be the last day a date can be).
    end = day + timedelta(days=1) if day < period.end else period.end
    return Selection(splits, period.start, end, day)


def _earliest(adoptions: Mapping[str, list[Adoption]], history: Iterable[str], day: date) -> Adoption | None:
    """The earliest adoption by the commune or a unit merged into it, made by ``day``."""
    made = [a for c in history for a in adoptions.get(c, ()) if a.adopted_on <= day]
    return min(made, key=lambda a: (a.adopted_on, a.commune_id), default=None)


def build_dashboard(code: str, period: Period, as_of: datetime, facts: DashboardFacts) -> Dashboard:
    """The dashboard from the tallies of :func:`dashboard_selection`'s units (and the other facts)."""
    tree = facts.tree
    day, moment = _shown(code, as_of, tree)
    indexed = _ByCommune(facts)
    rows = []
    groups = {name: Tally() for name in ("totals", "pilot", "others", "before", "after")}
    for commune in tree.communes_under(code, day):
        history = tuple(tree.history_of(commune, day))
        adoption = indexed.adoption(history, day)
        counted = indexed.tally(history, "all", "before", "after")
        counted.figures_in_conflict = indexed.in_conflict(history, moment, period.covers)
        groups["totals"].add(counted)
        groups["pilot" if adoption is not None and adoption.pilot else "others"].add(counted)
        before = None
        if adoption is not None:
            groups["before"].add(indexed.tally(history, "before"))
            groups["after"].add(indexed.tally(history, "after"))
            before = indexed.headcount(history, adoption.adopted_on - timedelta(days=1))
        rows.append(
            CommuneRow(
                commune_id=commune,
                name=tree.name_on(commune, day),
                history=history,
                adoption=adoption,
                kpis=counted.kpis(),
                headcount_before=before,
                headcount_after=indexed.headcount(history, day),
            )
        )
    assert facts.as_of is not None
    return Dashboard(
        unit_code=code,
        unit_name=tree.name_on(code, day),
        period=period.text,
        as_of=as_of,
        viewed_on=day,
        communes=tuple(rows),
        totals=groups["totals"].kpis(),
        pilot=groups["pilot"].kpis(),
        others=groups["others"].kpis(),
        before_adoption=groups["before"].kpis(),
        after_adoption=groups["after"].kpis(),
        adoptions=tuple(sorted((r.adoption for r in rows if r.adoption), key=lambda a: a.adopted_on)),
        positions=facts.as_of,
    )


def build_workload(commune: str, day: date, facts: DashboardFacts) -> Workload:
    """Each member of staff of the commune on ``day``: their open, done and overdue tasks (as lead),
    per body served, beside their category and allowance."""
    history = set(facts.tree.history_of(commune, day))
    staff = {s.person_id: s for s in facts.stints if s.commune_id in history and s.on(day)}
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for task in facts.tasks:
        if task.commune_id not in history or task.lead not in staff or task.directed_on > day:
            continue
        done = task.done and task.completed_on is not None and task.completed_on <= day
        cell = counts[task.lead][task.body_code or ""]
        cell[1 if done else 0] += 1
        if not done and task.overdue_on is not None and task.overdue_on <= day:
            cell[2] += 1
    people = []
    for person_id, stint in sorted(staff.items(), key=lambda item: (item[1].name, item[0])):
        by_body = tuple((body, c[0], c[1], c[2]) for body, c in sorted(counts[person_id].items()))
        people.append(
            StaffWorkload(
                person_id=person_id,
                name=stint.name,
                category=stint.category,
                allowance=stint.allowance,
                bodies=stint.bodies,
                open=sum(b[1] for b in by_body),
                done=sum(b[2] for b in by_body),
                overdue=sum(b[3] for b in by_body),
                by_body=by_body,
            )
        )
    assert facts.as_of is not None
    return Workload(commune, day, tuple(people), _ByCommune(facts).headcount(history, day), facts.as_of)
