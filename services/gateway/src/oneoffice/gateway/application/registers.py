"""The registers of NĐ 30/2020 as tables (#13): what the gateway asks the reporting service for, and
the files it renders them to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

from .ports import RequestContext

RegisterKind = Literal["incoming", "outgoing", "resolutions"]
KINDS: tuple[str, ...] = get_args(RegisterKind)
RegisterFormat = Literal["csv", "xlsx", "html"]


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    key: str
    title_vi: str
    title_en: str


@dataclass(frozen=True, slots=True)
class RegisterTable:
    kind: str
    commune_id: str
    body_code: str
    year: int
    title_vi: str
    title_en: str
    columns: Sequence[RegisterColumn]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True, slots=True)
class RegisterFile:
    content: bytes
    media_type: str
    file_name: str


class RegistersPort(Protocol):
    async def get_register(
        self, commune_id: str, kind: str, body_code: str, year: int, context: RequestContext
    ) -> RegisterTable: ...
