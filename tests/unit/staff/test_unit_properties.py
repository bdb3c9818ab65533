"""Properties of the register of administrative units, over generated histories: any sequence of
mergers keeps every unit that ever existed reachable from a living successor through its lineage,
and "as of" answers equal a brute-force replay of the events effective by that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.staff.domain.reorganisations import (
    CeaseUnit,
    EstablishUnit,
    MergeUnits,
    RenameUnit,
    Reorganisation,
    ReparentUnit,
    SplitUnit,
    UnitSpec,
)
from oneoffice.staff.domain.unit_errors import InvalidReorganisation, UnitNotFound
from oneoffice.staff.domain.unit_events import (
    UnitCeased,
    UnitEstablished,
    UnitEvent,
    UnitRenamed,
    UnitReparented,
    UnitsMerged,
    UnitSplit,
)
from oneoffice.staff.domain.unit_registry import UnitRegistry

START = date(2000, 1, 1)
DISTRICTS = ("D1", "D2")


def base() -> tuple[UnitRegistry, list[UnitEvent]]:
    units, events = UnitRegistry(), []
    commands: list[Reorganisation] = [EstablishUnit("p", START, UnitSpec("Tỉnh", "province", None, "P"))]
    commands += [EstablishUnit(d, START, UnitSpec(f"Huyện {d}", "district", "P", d)) for d in DISTRICTS]
    commands += [
        EstablishUnit(f"c{i}", START, UnitSpec(f"Xã {i}", "commune", "D1", f"C{i}")) for i in range(6)
    ]
    for command in commands:
        event = units.reorganise(command)
        assert event is not None
        units.apply(event)
        events.append(event)
    return units, events


def attempt(units: UnitRegistry, events: list[UnitEvent], command: Reorganisation) -> None:
    """Record ``command`` if the registry accepts it; a refusal must leave the registry unchanged."""
    version = units.version
    try:
        event = units.reorganise(command)
    except (InvalidReorganisation, UnitNotFound):
        assert units.version == version
        return
    assert event is not None
    units.apply(event)
    events.append(event)


def living(units: UnitRegistry, day: date) -> list[str]:
    return [u.code for parent in (None, "P", *DISTRICTS) for u in units.children(parent, day)]


days = st.integers(min_value=1, max_value=400).map(lambda n: START + timedelta(days=n))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_sequence_of_mergers_keeps_every_unit_reachable_from_a_living_successor(
    data: st.DataObject,
) -> None:
    units, events = base()
    day = START
    for step in range(data.draw(st.integers(0, 8), label="mergers")):
        day += timedelta(days=data.draw(st.integers(1, 60)))
        alive = [code for code in living(units, day) if code.startswith(("C", "N"))]
        if len(alive) < 1:
            break
        merged = tuple(data.draw(st.lists(st.sampled_from(alive), min_size=1, max_size=3, unique=True)))
        into: UnitSpec | str = (
            data.draw(st.sampled_from(alive)) if data.draw(st.booleans())
            else UnitSpec(f"Mới {step}", "commune", data.draw(st.sampled_from(DISTRICTS)), f"N{step}")
        )  # fmt: skip
        attempt(units, events, MergeUnits(f"m{step}", day, merged, into))

    end = day + timedelta(days=1)
    survivors = set(living(units, end))
    ever = {e.unit.code for e in events if isinstance(e, UnitEstablished)} | {
        e.successor for e in events if isinstance(e, UnitsMerged)
    }
    for code in sorted(ever - survivors - {"P", *DISTRICTS}):
        reached = {step.successor.code for step in units.lineage(code).became} & survivors
        assert reached, f"{code} reaches no living unit"
        for successor in reached:
            assert code in {step.predecessor.code for step in units.lineage(successor).came_from}


@dataclass
class Replayed:
    name: str
    parent: str | None
    alive: bool = True


def brute_force(events: list[UnitEvent], day: date) -> dict[str, Replayed]:
    """The units on ``day``: every event effective by then, applied in recorded order."""
    state: dict[str, Replayed] = {}
    for event in (e for e in events if e.effective <= day):
        match event:
            case UnitEstablished():
                state[event.unit.code] = Replayed(event.unit.name, event.unit.parent)
            case UnitsMerged():
                for code in event.merged:
                    state[code].alive = False
                if event.new_successor is not None:
                    state[event.successor] = Replayed(event.new_successor.name, event.new_successor.parent)
                for code in event.children_moved:
                    state[code].parent = event.successor
            case UnitSplit():
                state[event.unit].alive = False
                for unit in event.into:
                    state[unit.code] = Replayed(unit.name, unit.parent)
            case UnitRenamed():
                state[event.code].name = event.name
            case UnitReparented():
                state[event.code].parent = event.parent
            case UnitCeased():
                state[event.code].alive = False
    return {code: unit for code, unit in state.items() if unit.alive}


def commands(data: st.DataObject, units: UnitRegistry, step: int) -> Reorganisation:
    day = data.draw(days)
    known = [
        code for code in ("P", *DISTRICTS, *(f"C{i}" for i in range(6)), *(f"N{i}" for i in range(step)))
    ]
    unit = data.draw(st.sampled_from(known))
    rid = f"r{step}"
    kind = data.draw(st.sampled_from(["merge", "rename", "reparent", "split", "cease", "establish"]))
    if kind == "merge":
        merged = tuple(data.draw(st.lists(st.sampled_from(known), min_size=1, max_size=3, unique=True)))
        return MergeUnits(rid, day, merged, UnitSpec(f"Mới {step}", "commune", "D1", f"N{step}"))
    if kind == "rename":
        return RenameUnit(rid, day, unit, f"Tên {step}")
    if kind == "reparent":
        return ReparentUnit(rid, day, unit, data.draw(st.sampled_from([None, "P", *DISTRICTS])))
    if kind == "split":
        parts = (
            UnitSpec(f"Tách {step}a", "commune", "D2", f"N{step}"),
            UnitSpec(f"Tách {step}b", "commune", "D2"),
        )
        return SplitUnit(rid, day, unit, parts)
    if kind == "cease":
        return CeaseUnit(rid, day, unit)
    return EstablishUnit(
        rid, day, UnitSpec(f"Lập {step}", "commune", data.draw(st.sampled_from(DISTRICTS)), f"N{step}")
    )


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_as_of_answers_equal_a_brute_force_replay_of_the_events_effective_by_that_day(
    data: st.DataObject,
) -> None:
    units, events = base()
    for step in range(data.draw(st.integers(0, 12), label="reorganisations")):
        attempt(units, events, commands(data, units, step))

    for day in data.draw(st.lists(days, min_size=1, max_size=5), label="as of"):
        expected = brute_force(events, day)
        listed = {
            view.code: Replayed(view.name, view.parent)
            for parent in (None, *expected)
            for view in units.children(parent, day)
        }
        assert listed == expected
        for code, unit in expected.items():
            view = units.unit(code, day)
            assert (view.name, view.parent) == (unit.name, unit.parent)
