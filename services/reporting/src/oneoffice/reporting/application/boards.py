"""The queries of the boards of tracked work: a commune's work-board and a person's day."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from ..domain.work_board import MyDay, WorkBoard
from .errors import InvalidQuery

MAX_ID_LENGTH = 200
MAX_CODE_LENGTH = 64


class WorkBoardReader(Protocol):
    async def work_board(self, commune_id: str) -> WorkBoard: ...

    async def my_day(self, person_id: str, communes: Collection[str] | None) -> MyDay:
        """``communes`` None: every commune."""
        ...


async def get_work_board(reader: WorkBoardReader, commune_id: str) -> WorkBoard:
    _require("commune_id", commune_id, MAX_CODE_LENGTH, "Mã xã (commune_id)")
    return await reader.work_board(commune_id)


async def get_my_day(reader: WorkBoardReader, person_id: str, communes: Collection[str] | None) -> MyDay:
    """The day of ``person_id``, over the tasks and documents of ``communes`` (None: every commune)."""
    _require("person_id", person_id, MAX_ID_LENGTH, "Mã người (person_id)")
    return await reader.my_day(person_id, communes)


def _require(field: str, value: str, limit: int, label_vi: str) -> None:
    if not value.strip():
        raise InvalidQuery(field, f"Chưa nhập {label_vi}.", f"{field} is required.")
    if len(value) > limit:
        raise InvalidQuery(
            field,
            f"{label_vi} dài quá {limit} ký tự.",
            f"{field} is longer than {limit} characters.",
        )
