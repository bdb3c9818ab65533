"""What the gateway needs of the reporting service's boards of tracked work (#12), as a port."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from .errors import Forbidden, InvalidRequest, NotFound
from .people import PeoplePort
from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class BoardCounts:
    open: int = 0  # every task not done, due soon and overdue included
    due_soon: int = 0
    overdue: int = 0
    untracked: int = 0


@dataclass(frozen=True, slots=True)
class BoardPosition:
    source: str
    partition: int
    next_offset: int


@dataclass(frozen=True, slots=True)
class BoardAsOf:
    """The positions an answer reflects (one snapshot) and when it was read."""

    positions: tuple[BoardPosition, ...]
    read_at: datetime


@dataclass(frozen=True, slots=True)
class BoardTask:
    task_id: str
    commune_id: str
    title: str
    lead: str
    coordinators: tuple[str, ...]
    deadline: date
    deadline_number: int
    state: str  # open, due_soon, overdue
    body_code: str | None = None
    document_id: str | None = None
    percentage: int | None = None


@dataclass(frozen=True, slots=True)
class BoardDocument:
    document_id: str
    commune_id: str
    body_code: str
    recipient_kind: str | None = None
    recipient: str | None = None
    passed_on: date | None = None
    untracked_on: date | None = None


@dataclass(frozen=True, slots=True)
class WorkBoard:
    commune_id: str
    totals: BoardCounts
    by_handler: tuple[tuple[str, BoardCounts], ...]
    by_body: tuple[tuple[str, BoardCounts], ...]
    tasks: tuple[BoardTask, ...]
    untracked: tuple[BoardDocument, ...]
    as_of: BoardAsOf


@dataclass(frozen=True, slots=True)
class MyDay:
    person_id: str
    tasks: tuple[BoardTask, ...]
    due_soon: tuple[BoardTask, ...]
    overdue: tuple[BoardTask, ...]
    waiting_for_direction: tuple[BoardDocument, ...]
    as_of: BoardAsOf


class BoardsPort(Protocol):
    async def work_board(self, commune_id: str, context: RequestContext) -> WorkBoard: ...

    async def my_day(self, person_id: str, context: RequestContext) -> MyDay:
        """Over the communes the caller's identity reaches (the service checks)."""
        ...


# Communes of an account's scope looked through for its person (a commune account reaches one).
MAX_SCOPE_LOOKUPS = 20


class NoPersonForAccount(NotFound):
    """The signed-in account is the account of no staff member (e.g. an administrator)."""

    def __init__(self, username: str) -> None:
        super().__init__(
            "staff",
            f"Tài khoản {username} chưa gắn với cán bộ nào của xã, nên không có việc của ngày hôm nay.",
            f"The account {username} belongs to no staff member of a commune, so it has no day's work.",
        )


async def find_person(
    people: PeoplePort, username: str, scope: Sequence[str], today: date, context: RequestContext
) -> str:
    """The person id of the staff member whose account is ``username``, looked up in the staff lists of
    the communes the account reaches (``PersonJoinedStaff.username``); raises :class:`NoPersonForAccount`."""
    for commune_id in list(scope)[:MAX_SCOPE_LOOKUPS]:
        try:
            staff = await people.list_staff(commune_id, today, context)
        except (NotFound, Forbidden, InvalidRequest):
            continue  # not a commune (a district), or not readable: look further
        for person in staff:
            if person.username == username:
                return person.person_id
    raise NoPersonForAccount(username)
