"""The register of administrative units: one aggregate, one stream (``unit-registry``).

Why one stream for the whole country: a reorganisation touches several units at once (a merger
ends three communes and begins a fourth; it may move a district's communes) and must be decided
against all of them atomically. The event store appends to one stream at a time (no multi-stream
append in ``oneoffice.eventcore``), so the units a reorganisation may touch must share a stream.
A province stream would not do: the 2025 reform also merged provinces (63 → 34), so the only
scope that holds every possible merger is the country. Reorganisations are rare (a few thousand a
decade, some ten thousand units), so loading the stream is cheap; the store's snapshots are the
seam if it ever is not. Concurrent reorganisations conflict on the expected version and retry.

The aggregate decides (:meth:`UnitRegistry.reorganise` returns the one event to record, the state
unchanged) and folds recorded events with :meth:`UnitRegistry.apply`. Its queries answer "as of" a
date; :meth:`UnitRegistry.exists_on` is the seam other parts use to refuse units that do not exist.
"""

from __future__ import annotations

from datetime import date

from .reorganisations import (
    CeaseUnit,
    EstablishUnit,
    MergeUnits,
    RenameUnit,
    Reorganisation,
    ReparentUnit,
    SplitUnit,
)
from .unit_errors import UnitNotFound
from .unit_events import (
    CarriedBody,
    UnitCeased,
    UnitEstablished,
    UnitEvent,
    UnitRenamed,
    UnitReparented,
    UnitsMerged,
    UnitSplit,
)
from .unit_history import Lineage, LineageStep, Link, ServedBody, UnitRecord, UnitView
from .unit_rules import Rules, refuse
from .units import NewUnit, ascii_fold, check_kind, check_name, check_note

REGISTRY_STREAM = "unit-registry"
_RECORDS: dict[type[Reorganisation], type[UnitEvent]] = {
    EstablishUnit: UnitEstablished,
    MergeUnits: UnitsMerged,
    SplitUnit: UnitSplit,
    RenameUnit: UnitRenamed,
    ReparentUnit: UnitReparented,
    CeaseUnit: UnitCeased,
}


class UnitRegistry:
    def __init__(self) -> None:
        self.version = 0
        self._units: dict[str, UnitRecord] = {}
        self._links: list[Link] = []
        self._recorded: dict[str, UnitEvent] = {}
        # Per successor: (merge day, body carried), as the mergers recorded them.
        self._carried: dict[str, list[tuple[date, CarriedBody]]] = {}

    # Queries

    def exists_on(self, code: str, day: date) -> bool:
        record = self._units.get(code)
        return record is not None and record.alive_on(day)

    def unit(self, code: str, on: date | None = None) -> UnitView:
        """Raises ``UnitNotFound`` for an unknown code, or one that did not exist on ``on``."""
        record = self._units.get(code)
        if record is None:
            raise UnitNotFound(code)
        if on is not None and not record.alive_on(on):
            raise UnitNotFound(code, on)
        return record.view(on)

    def children(self, parent: str | None, on: date) -> list[UnitView]:
        """The units directly under ``parent`` on ``on`` (``None``: the units under no other)."""
        views = [r.view(on) for r in self._units.values() if r.alive_on(on) and r.parent_on(on) == parent]
        return sorted(views, key=lambda v: (v.kind.rank, ascii_fold(v.name), v.code))

    def lineage(self, code: str) -> Lineage:
        """What ``code`` came from and what it became, transitively (raises ``UnitNotFound``)."""
        unit = self.unit(code)
        return Lineage(unit, self._walk(code, backwards=True), self._walk(code, backwards=False))

    def bodies(self, code: str, on: date | None = None) -> tuple[ServedBody, ...]:
        """The bodies ``code`` serves on ``on`` (or as it last was), each with the first day of the
        unbroken period it has served it and the merged units that carried it (raises ``UnitNotFound``)."""
        view = self.unit(code, on)
        day = on or self._units[code].last_day
        periods = [(begins, bodies) for begins, bodies in self._units[code].bodies if begins <= day]
        carried = [(d, c) for d, c in self._carried.get(code, []) if d <= day]
        served = []
        for body in view.bodies:
            since: date | None = None
            for begins, bodies in periods:
                since = (since or begins) if body in bodies else None
            assert since is not None  # the unit serves it on the day
            from_units = tuple(dict.fromkeys(c.from_unit for _, c in carried if c.body == body))
            served.append(ServedBody(body, since, from_units))
        return tuple(served)

    def successors(self, code: str) -> list[tuple[date, str]]:
        """The units ``code`` merged into, in turn: (merge day, successor), earliest first."""
        chain: list[tuple[date, str]] = []
        current, seen = code, {code}
        while link := next((k for k in self._links if k.predecessor == current and k.kind == "merge"), None):
            if link.successor in seen:
                break
            chain.append((link.effective, link.successor))
            current = link.successor
            seen.add(current)
        return chain

    def merged_into(self, code: str) -> list[tuple[str, date]]:
        """The units that merged directly into ``code``, each with the merge day, latest first."""
        found = [
            (link.predecessor, link.effective)
            for link in self._links
            if link.successor == code and link.kind == "merge"
        ]
        return sorted(found, key=lambda merge: merge[1], reverse=True)

    def recorded(self, reorganisation_id: str) -> UnitEvent | None:
        return self._recorded.get(reorganisation_id)

    def _walk(self, start: str, *, backwards: bool) -> tuple[LineageStep, ...]:
        steps: list[LineageStep] = []
        seen, frontier = {start}, [start]
        while frontier:
            current = frontier.pop(0)
            for link in self._links:
                here, there = (
                    (link.successor, link.predecessor) if backwards else (link.predecessor, link.successor)
                )
                if here != current:
                    continue
                earlier, later = self._units[link.predecessor], self._units[link.successor]
                steps.append(LineageStep(link, earlier.view(), later.view(link.effective)))
                if there not in seen:
                    seen.add(there)
                    frontier.append(there)
        return tuple(steps)

    # Decisions

    def reorganise(self, command: Reorganisation) -> UnitEvent | None:
        """The event recording ``command`` (``None`` when its id was recorded already: asked again);
        raises ``InvalidReorganisation`` or ``UnitNotFound`` naming the first broken rule, and when
        the id was recorded for a reorganisation of another kind or date."""
        if (earlier := self._recorded.get(command.reorganisation_id)) is not None:
            if not isinstance(earlier, _RECORDS[type(command)]) or earlier.effective != command.effective:
                refuse(
                    "reorganisation_id_reused",
                    f"Mã yêu cầu '{command.reorganisation_id}' đã dùng cho một lần sắp xếp khác.",
                    f"Reorganisation id '{command.reorganisation_id}' was used for another reorganisation.",
                )
            return None
        rules = Rules(self._units, command.effective)
        note = check_note(command.note)
        rid, day = command.reorganisation_id, command.effective
        match command:
            case EstablishUnit():
                return UnitEstablished(rid, day, rules.new_unit(command.unit), note)
            case MergeUnits():
                return self._merge(rules, command, note)
            case SplitUnit():
                return self._split(rules, command, note)
            case RenameUnit():
                record = rules.changing(command.unit)
                name = check_name(command.name)
                kind = record.kind_on(day) if command.kind is None else check_kind(command.kind)
                if (name, kind) == (record.name_on(day), record.kind_on(day)):
                    refuse(
                        "nothing_changes",
                        "Tên và loại đơn vị không thay đổi.",
                        "Neither name nor kind changes.",
                    )
                rules.check_rank(record, kind, record.parent_on(day))
                return UnitRenamed(rid, day, record.code, name, kind.value, note)
            case ReparentUnit():
                record = rules.changing(command.unit)
                if command.parent == record.parent_on(day):
                    refuse(
                        "nothing_changes",
                        "Đơn vị đã trực thuộc cấp trên này.",
                        "The unit is under it already.",
                    )
                rules.check_parent(record.code, record.kind_on(day), command.parent)
                return UnitReparented(rid, day, record.code, command.parent, note)
            case CeaseUnit():
                record = rules.ending(command.unit)
                if moved := ", ".join(rules.units_to_move(record.code)):
                    refuse(
                        "unit_has_units",
                        f"Đơn vị '{record.code}' còn đơn vị trực thuộc ({moved}); hãy chuyển trước.",
                        f"Unit '{record.code}' still has units under it ({moved}); move them first.",
                    )
                return UnitCeased(rid, day, record.code, note)

    def _merge(self, rules: Rules, command: MergeUnits, note: str) -> UnitsMerged:
        day = command.effective
        if isinstance(command.into, str):
            successor = rules.changing(command.into, role="successor")
            code, new = successor.code, None
            kind, parent = successor.kind_on(day), successor.parent_on(day)
        else:
            new = rules.new_unit(command.into)
            code, kind, parent = new.code, new.kind, new.parent
        merged = tuple(dict.fromkeys(u for u in command.units if u != code))
        if not merged:
            refuse("merge_needs_units", "Hãy nêu các đơn vị được sáp nhập.", "Name the units that merge.")
        records = [rules.ending(unit) for unit in merged]
        if parent in merged:
            refuse(
                "parent_ceases",
                "Đơn vị kế thừa không thể trực thuộc đơn vị bị sáp nhập.",
                "The successor cannot be under a unit that merges into it.",
            )
        carried = tuple(CarriedBody(r.code, body) for r in records for body in r.bodies_on(day))
        moved: list[str] = []
        for record in records:
            on_day = rules.units_to_move(record.code)
            for child in on_day:
                rules.check_rank(self._units[child], self._units[child].kind_on(day), code, parent_kind=kind)
            moved.extend(on_day)
        return UnitsMerged(command.reorganisation_id, day, merged, code, new, carried, tuple(moved), note)

    def _split(self, rules: Rules, command: SplitUnit, note: str) -> UnitSplit:
        record = rules.ending(command.unit)
        moved = rules.units_to_move(record.code)
        if moved:
            refuse(
                "unit_has_units",
                f"Đơn vị '{record.code}' còn đơn vị trực thuộc; hãy chuyển trước khi chia tách.",
                f"Unit '{record.code}' still has units under it; move them before splitting it.",
            )
        if len(command.into) < 2:
            refuse(
                "split_needs_units",
                "Chia tách cần ít nhất hai đơn vị mới.",
                "A split makes at least two units.",
            )
        into = rules.new_units(command.into, ending=record.code)
        return UnitSplit(command.reorganisation_id, command.effective, record.code, into, note)

    # Folding recorded events

    def apply(self, event: UnitEvent) -> None:
        self.version += 1
        self._recorded[event.reorganisation_id] = event
        day = event.effective
        match event:
            case UnitEstablished():
                self._begin(event.unit, day)
            case UnitsMerged():
                self._carried.setdefault(event.successor, []).extend((day, c) for c in event.bodies_carried)
                carried = tuple(dict.fromkeys(c.body for c in event.bodies_carried))
                if event.new_successor is not None:
                    self._begin(event.new_successor, day, carried)
                else:
                    successor = self._units[event.successor]
                    bodies = tuple(dict.fromkeys((*successor.bodies_on(day), *carried)))
                    successor.bodies.append((day, bodies))
                    successor.last_change = day
                for code in event.merged:
                    self._end(code, day, event.successor, "merge")
                for code in event.children_moved:
                    self._units[code].parents.append((day, event.successor))
                    self._units[code].last_change = day
            case UnitSplit():
                for unit in event.into:
                    self._begin(unit, day)
                    self._end(event.unit, day, unit.code, "split")
            case UnitRenamed():
                record = self._units[event.code]
                record.names.append((day, (event.name, check_kind(event.kind))))
                record.last_change = day
            case UnitReparented():
                self._units[event.code].parents.append((day, event.parent))
                self._units[event.code].last_change = day
            case UnitCeased():
                self._units[event.code].ended_on = day
                self._units[event.code].last_change = day

    def _begin(self, unit: NewUnit, day: date, carried: tuple[str, ...] = ()) -> None:
        bodies = tuple(dict.fromkeys((*unit.bodies, *carried)))
        self._units[unit.code] = UnitRecord(
            code=unit.code,
            synthetic=unit.synthetic,
            valid_from=day,
            names=[(day, (unit.name, unit.kind))],
            parents=[(day, unit.parent)],
            bodies=[(day, bodies)],
            last_change=day,
        )

    def _end(self, code: str, day: date, successor: str, kind: str) -> None:
        self._units[code].ended_on = day
        self._units[code].last_change = day
        self._links.append(Link(code, successor, day, kind))
