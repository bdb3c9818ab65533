"""People who work in the commune offices: one register of everyone (stream ``staff-register``),
rebuilt from its events; who is staff of a commune on a day is a query over those events.

A person joins the staff of a commune on a day, may transfer to another, and leaves once. Where a
person works follows the units' history too: when the commune they work in merges into another,
they are staff of the successor from the merge date — answered through the ``Successor`` function
the caller gives (the unit registry's merges); nothing of the old unit's record is rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .people_errors import InvalidStaffChange, PersonNotFound

REGISTER_STREAM = "staff-register"

CATEGORIES: tuple[str, ...] = ("cán bộ", "công chức", "không chuyên trách", "hợp đồng")
MAX_ALLOWANCE = Decimal("10")

# (unit code, day) -> the unit the staff of ``code`` belong to on ``day`` (itself, or the successor
# it merged into on or before that day).
Successor = Callable[[str, date], str]
# (unit code, day) -> whether the unit exists on that day.
Exists = Callable[[str, date], bool]


def _same(code: str, day: date) -> str:
    return code


@dataclass(frozen=True, slots=True)
class PersonJoined:
    person_id: str
    name: str
    title: str
    category: str
    bodies: tuple[str, ...]
    allowance: Decimal
    commune_id: str
    effective: date
    username: str | None = None


@dataclass(frozen=True, slots=True)
class PersonTransferred:
    person_id: str
    from_commune: str
    to_commune: str
    effective: date


@dataclass(frozen=True, slots=True)
class PersonLeft:
    person_id: str
    commune_id: str
    effective: date


PeopleEvent = PersonJoined | PersonTransferred | PersonLeft


@dataclass(frozen=True, slots=True)
class JoinStaff:
    person_id: str
    name: str
    title: str
    category: str
    bodies: tuple[str, ...]
    allowance: Decimal
    commune_id: str
    effective: date
    username: str | None = None


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person as of a day: ``commune_id`` is where they work then (None: not yet, or left)."""

    person_id: str
    name: str
    title: str
    category: str
    bodies: tuple[str, ...]
    allowance: Decimal
    commune_id: str | None
    joined_on: date
    left_on: date | None
    username: str | None


@dataclass(slots=True)
class PersonRecord:
    joined: PersonJoined
    # (from day, commune worked in; None once left), in order.
    postings: list[tuple[date, str | None]] = field(default_factory=list)

    def posting_on(self, day: date) -> str | None:
        current: str | None = None
        for start, commune in self.postings:
            if start > day:
                break
            current = commune
        return current

    @property
    def left_on(self) -> date | None:
        start, commune = self.postings[-1]
        return start if commune is None else None

    @property
    def last_day_posted(self) -> date:
        return self.postings[-1][0]

    def view(self, day: date, successor: Successor) -> PersonView:
        posting = self.posting_on(day)
        j = self.joined
        return PersonView(
            j.person_id,
            j.name,
            j.title,
            j.category,
            j.bodies,
            j.allowance,
            successor(posting, day) if posting else None,
            j.effective,
            self.left_on,
            j.username,
        )


def _refuse(code: str, vi: str, en: str) -> InvalidStaffChange:
    return InvalidStaffChange(code, vi, en)


def unit_missing(commune_id: str, day: date) -> InvalidStaffChange:
    return _refuse(
        "unit_not_found",
        f"Đơn vị hành chính mã '{commune_id}' không tồn tại vào ngày {day.strftime('%d/%m/%Y')}.",
        f"Administrative unit '{commune_id}' does not exist on {day.isoformat()}.",
    )


class StaffRegister:
    """Everyone who works or worked in a commune office, with where and from when."""

    def __init__(self) -> None:
        self.version = 0
        self._people: dict[str, PersonRecord] = {}

    # Queries

    def person(self, person_id: str, day: date, successor: Successor = _same) -> PersonView:
        record = self._people.get(person_id)
        if record is None:
            raise PersonNotFound(person_id)
        return record.view(day, successor)

    def commune_of(self, person_id: str, day: date, successor: Successor = _same) -> str | None:
        record = self._people.get(person_id)
        if record is None:
            return None
        posting = record.posting_on(day)
        return successor(posting, day) if posting else None

    def staff_of(self, commune_id: str, day: date, successor: Successor = _same) -> list[PersonView]:
        views = [r.view(day, successor) for r in self._people.values()]
        return sorted((v for v in views if v.commune_id == commune_id), key=lambda v: (v.name, v.person_id))

    def recorded_join(self, person_id: str) -> PersonJoined | None:
        record = self._people.get(person_id)
        return record.joined if record else None

    # Decisions

    def join(
        self, command: JoinStaff, exists: Exists, titles: Mapping[str, str], bodies: tuple[str, ...]
    ) -> PersonJoined | None:
        """The event recording ``command``; None when that person already joined (the same request)."""
        if command.person_id in self._people:
            return None
        if not command.name.strip():
            raise _refuse("invalid_name", "Hãy nhập họ tên.", "Enter the person's name.")
        if command.title not in titles:
            raise _refuse(
                "unknown_title",
                f"Chức danh '{command.title}' không có trong danh mục (NĐ 33/2023).",
                f"Title '{command.title}' is not in the list (Decree 33/2023).",
            )
        if command.category not in CATEGORIES:
            raise _refuse(
                "unknown_category",
                f"Loại '{command.category}' không hợp lệ (cán bộ, công chức, không chuyên trách, hợp đồng).",
                f"Unknown category '{command.category}' (cán bộ, công chức, không chuyên trách, hợp đồng).",
            )
        unknown = [b for b in command.bodies if b not in bodies]
        if unknown or not command.bodies or len(set(command.bodies)) != len(command.bodies):
            raise _refuse(
                "unknown_body",
                f"Cơ quan phục vụ không hợp lệ: {', '.join(unknown) or '(trống hoặc trùng)'}.",
                f"Invalid bodies served: {', '.join(unknown) or '(none or repeated)'}.",
            )
        if not Decimal(0) < command.allowance <= MAX_ALLOWANCE:
            raise _refuse(
                "invalid_allowance",
                f"Hệ số phụ cấp phải lớn hơn 0 và không quá {MAX_ALLOWANCE}.",
                f"The allowance coefficient must be above 0 and at most {MAX_ALLOWANCE}.",
            )
        if not exists(command.commune_id, command.effective):
            raise unit_missing(command.commune_id, command.effective)
        return PersonJoined(
            command.person_id,
            command.name.strip(),
            command.title,
            command.category,
            command.bodies,
            command.allowance,
            command.commune_id,
            command.effective,
            command.username or None,
        )

    def transfer(
        self,
        person_id: str,
        from_commune: str,
        to_commune: str,
        day: date,
        exists: Exists,
        successor: Successor = _same,
    ) -> PersonTransferred:
        record = self._staff_record(person_id, from_commune, day, successor)
        if day < record.last_day_posted:
            raise _refuse(
                "transfer_before_last_change",
                "Ngày điều chuyển phải sau lần thay đổi trước của người này.",
                "The transfer must come after this person's previous change.",
            )
        if to_commune == from_commune:
            raise _refuse(
                "transfer_to_same",
                "Người này đã làm việc tại đơn vị đó.",
                "This person already works in that unit.",
            )
        if not exists(to_commune, day):
            raise unit_missing(to_commune, day)
        return PersonTransferred(person_id, from_commune, to_commune, day)

    def leave(self, person_id: str, commune_id: str, day: date, successor: Successor = _same) -> PersonLeft:
        record = self._people.get(person_id)
        if record is not None and record.left_on is not None:
            raise _refuse(
                "already_left",
                f"Người này đã nghỉ việc từ ngày {record.left_on.strftime('%d/%m/%Y')}.",
                f"This person already left on {record.left_on.isoformat()}.",
            )
        record = self._staff_record(person_id, commune_id, day, successor)
        if day < record.last_day_posted:
            raise _refuse(
                "leave_before_last_change",
                "Ngày nghỉ việc phải sau lần thay đổi trước của người này.",
                "The leaving day must come after this person's previous change.",
            )
        return PersonLeft(person_id, commune_id, day)

    def _staff_record(self, person_id: str, commune_id: str, day: date, successor: Successor) -> PersonRecord:
        record = self._people.get(person_id)
        if record is None:
            raise PersonNotFound(person_id)
        if self.commune_of(person_id, day, successor) != commune_id:
            raise PersonNotFound(person_id, commune_id)
        return record

    # Evolution

    def apply(self, event: PeopleEvent) -> None:
        match event:
            case PersonJoined():
                self._people[event.person_id] = PersonRecord(event, [(event.effective, event.commune_id)])
            case PersonTransferred():
                self._people[event.person_id].postings.append((event.effective, event.to_commune))
            case PersonLeft():
                self._people[event.person_id].postings.append((event.effective, None))
        self.version += 1
