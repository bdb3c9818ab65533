"""The query that reads a whole register of a body for a year, as a table with the regulation's columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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


def register_kind(kind: str) -> RegisterKind:
    for known in KINDS:
        if kind == known:
            return known
    raise UnknownRegisterKind(kind)


async def get_register(reader: RegistersReader, query: GetRegister) -> RegisterTable:
    kind = register_kind(query.kind)
    _validate(ListIncomingRegister(query.commune_id, query.body_code, query.year))
    where = (query.commune_id, query.body_code, query.year)
    if kind == "incoming":
        rows = [incoming_row(line) for line in await reader.incoming(*where)]
    elif kind == "outgoing":
        rows = [outgoing_row(line) for line in await reader.outgoing(*where)]
    else:
        rows = [resolution_row(line) for line in await reader.resolutions(*where)]
    return register_table(kind, *where, rows)
