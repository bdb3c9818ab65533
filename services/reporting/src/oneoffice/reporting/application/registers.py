"""The query that reads a whole register of a body for a year, as a table with the regulation's columns.

The people a register names (who received a document, who passed it on or sent it, who leads its
resolution) are shown by name, as the staff events named them; by id when no name is known.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from ..domain.incoming_register import IncomingRegisterLine
from ..domain.registers import (
    KINDS,
    OutgoingRegisterLine,
    RegisterKind,
    RegisterTable,
    ResolutionLine,
    incoming_row,
    outgoing_row,
    register_table,
    resolution_row,
)
from .errors import ReportingError
from .incoming_register import ListIncomingRegister, _validate


@dataclass(frozen=True, slots=True)
class GetRegister:
    commune_id: str
    kind: str
    body_code: str
    year: int


class UnknownRegisterKind(ReportingError):
    def __init__(self, kind: str) -> None:
        names = ", ".join(KINDS)
        super().__init__(
            f"Không có loại sổ «{kind}»; các loại sổ: {names}.",
            f"There is no register kind {kind!r}; the kinds are: {names}.",
        )


class RegistersReader(Protocol):
    async def incoming(self, commune_id: str, body_code: str, year: int) -> list[IncomingRegisterLine]: ...

    async def outgoing(self, commune_id: str, body_code: str, year: int) -> list[OutgoingRegisterLine]: ...

    async def resolutions(self, commune_id: str, body_code: str, year: int) -> list[ResolutionLine]: ...


class PeopleNames(Protocol):
    async def names(self, keys: Collection[str]) -> Mapping[str, str]:
        """The name of each person id or username of ``keys`` that has one."""
        ...


_Line = TypeVar("_Line", IncomingRegisterLine, OutgoingRegisterLine, ResolutionLine)
# The fields of each line that hold a person id or a username.
_PEOPLE: dict[type, tuple[str, ...]] = {
    IncomingRegisterLine: ("recipient", "passed_on_by"),
    OutgoingRegisterLine: ("dispatched_by",),
    ResolutionLine: ("lead",),
}
_BODY_RECIPIENT = "body"


def _people(line: IncomingRegisterLine | OutgoingRegisterLine | ResolutionLine) -> dict[str, str]:
    found = {field: getattr(line, field) for field in _PEOPLE[type(line)]}
    if isinstance(line, IncomingRegisterLine) and line.recipient_kind == _BODY_RECIPIENT:
        del found["recipient"]  # a body code, shown as it is
    return {field: value for field, value in found.items() if value}


async def named(lines: Sequence[_Line], people: PeopleNames | None) -> list[_Line]:
    """``lines`` with each person they name shown by name (by id when no name is known)."""
    if people is None:
        return list(lines)
    wanted = {value for line in lines for value in _people(line).values()}
    names = await people.names(wanted) if wanted else {}
    return [_named(line, names) for line in lines]


def _named(line: _Line, names: Mapping[str, str]) -> _Line:
    shown: dict[str, Any] = {field: names.get(value, value) for field, value in _people(line).items()}
    return replace(line, **shown)


def register_kind(kind: str) -> RegisterKind:
    for known in KINDS:
        if kind == known:
            return known
    raise UnknownRegisterKind(kind)


async def get_register(
    reader: RegistersReader, query: GetRegister, people: PeopleNames | None = None
) -> RegisterTable:
    kind = register_kind(query.kind)
    _validate(ListIncomingRegister(query.commune_id, query.body_code, query.year))
    where = (query.commune_id, query.body_code, query.year)
    if kind == "incoming":
        rows = [incoming_row(line) for line in await named(await reader.incoming(*where), people)]
    elif kind == "outgoing":
        rows = [outgoing_row(line) for line in await named(await reader.outgoing(*where), people)]
    else:
        rows = [resolution_row(line) for line in await named(await reader.resolutions(*where), people)]
    return register_table(kind, *where, rows)
