"""JSON API of the boards of tracked work (#12): a commune's work-board and the caller's day.

Every answer carries its "as of": the positions of the documents topic (per partition, or of the
documents store) the projection had applied, read in the same snapshot as the figures, and the time.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from oneoffice.contracts.access import Permission

from ..application.boards import (
    BoardAsOf,
    BoardCounts,
    BoardDocument,
    BoardsPort,
    BoardTask,
    find_person,
)
from ..application.calendar import office_today
from ..application.ports import RequestContext
from .access import SignedIn, requires
from .deps import ClockDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .people_api import PeopleDep
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1", tags=["boards"])


def get_boards(request: Request) -> BoardsPort:
    boards: BoardsPort = request.app.state.boards
    return boards


BoardsDep = Annotated[BoardsPort, Depends(get_boards)]
ReadsBoard = Annotated[RequestContext, Depends(requires(Permission.BOARD_READ))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
Answers = dict[int | str, dict[str, object]]
_UNAVAILABLE: Answers = {
    503: {"description": "The reporting (or staff) service is not answering", **_PROBLEM}
}
_BOARD: Answers = {422: {"description": "A malformed commune code", **_PROBLEM}, **_UNAVAILABLE}
_MY_DAY: Answers = {
    404: {"description": "The account belongs to no staff member", **_PROBLEM},
    **_UNAVAILABLE,
}


class CountsOut(BaseModel):
    open: int = Field(description="Every task not done (due soon and overdue included).")
    due_soon: int
    overdue: int
    untracked: int = Field(description="Documents needing action raised as untracked, still without a task.")

    @classmethod
    def of(cls, counts: BoardCounts) -> CountsOut:
        return cls(
            open=counts.open, due_soon=counts.due_soon, overdue=counts.overdue, untracked=counts.untracked
        )


class KeyedCountsOut(BaseModel):
    key: str = Field(description="A person id (per handler) or a body code (per body; empty: none).")
    counts: CountsOut


class PositionOut(BaseModel):
    source: str = Field(description="The documents topic (or the documents store, embedded).")
    partition: int
    next_offset: int = Field(description="The next offset (or store position) the projection will apply.")


class AsOfOut(BaseModel):
    positions: list[PositionOut]
    read_at: datetime

    @classmethod
    def of(cls, as_of: BoardAsOf) -> AsOfOut:
        return cls(
            positions=[PositionOut(source=p.source, partition=p.partition, next_offset=p.next_offset)
                       for p in as_of.positions],
            read_at=as_of.read_at,
        )  # fmt: skip


class TaskOut(BaseModel):
    task_id: str
    commune_id: str
    title: str
    lead: str
    coordinators: list[str]
    deadline: date
    deadline_number: int
    state: str = Field(description="open, due_soon or overdue.")
    body_code: str | None
    document_id: str | None
    percentage: int | None

    @classmethod
    def of(cls, task: BoardTask) -> TaskOut:
        return cls(
            task_id=task.task_id,
            commune_id=task.commune_id,
            title=task.title,
            lead=task.lead,
            coordinators=list(task.coordinators),
            deadline=task.deadline,
            deadline_number=task.deadline_number,
            state=task.state,
            body_code=task.body_code,
            document_id=task.document_id,
            percentage=task.percentage,
        )


class DocumentOut(BaseModel):
    document_id: str
    commune_id: str
    body_code: str
    recipient_kind: str | None
    recipient: str | None
    passed_on: date | None
    untracked_on: date | None

    @classmethod
    def of(cls, document: BoardDocument) -> DocumentOut:
        return cls(
            document_id=document.document_id,
            commune_id=document.commune_id,
            body_code=document.body_code,
            recipient_kind=document.recipient_kind,
            recipient=document.recipient,
            passed_on=document.passed_on,
            untracked_on=document.untracked_on,
        )


class WorkBoardOut(BaseModel):
    commune_id: str
    totals: CountsOut = Field(description="Always the sum over the bodies, in the same answer.")
    by_handler: list[KeyedCountsOut]
    by_body: list[KeyedCountsOut]
    tasks: list[TaskOut] = Field(description="The open tasks, overdue first, then by deadline.")
    untracked: list[DocumentOut]
    as_of: AsOfOut


class MyDayOut(BaseModel):
    person_id: str
    tasks: list[TaskOut] = Field(description="Open tasks I lead or coordinate, overdue first.")
    due_soon: list[TaskOut]
    overdue: list[TaskOut]
    waiting_for_direction: list[DocumentOut] = Field(
        description="Documents passed on to me as a leader, needing action, with no task yet."
    )
    as_of: AsOfOut


@router.get("/communes/{commune_id}/work-board", response_model=WorkBoardOut, responses=_BOARD)
async def get_work_board(commune_id: CommuneId, boards: BoardsDep, context: ReadsBoard) -> WorkBoardOut:
    """Open, due soon, overdue and untracked work of a commune, per handler and per body, "as of"."""
    board = await boards.work_board(commune_id, context)
    return WorkBoardOut(
        commune_id=board.commune_id,
        totals=CountsOut.of(board.totals),
        by_handler=[KeyedCountsOut(key=k, counts=CountsOut.of(c)) for k, c in board.by_handler],
        by_body=[KeyedCountsOut(key=k, counts=CountsOut.of(c)) for k, c in board.by_body],
        tasks=[TaskOut.of(t) for t in board.tasks],
        untracked=[DocumentOut.of(d) for d in board.untracked],
        as_of=AsOfOut.of(board.as_of),
    )


@router.get("/me/today", response_model=MyDayOut, responses=_MY_DAY)
async def get_my_day(boards: BoardsDep, people: PeopleDep, clock: ClockDep, context: SignedIn) -> MyDayOut:
    """My tasks (lead or coordinator), due soon, overdue; for a leader, documents waiting for a direction."""
    assert context.identity is not None
    person_id = await find_person(
        people, context.identity.username, context.identity.scope, office_today(clock.now()), context
    )
    day = await boards.my_day(person_id, context)
    return MyDayOut(
        person_id=day.person_id,
        tasks=[TaskOut.of(t) for t in day.tasks],
        due_soon=[TaskOut.of(t) for t in day.due_soon],
        overdue=[TaskOut.of(t) for t in day.overdue],
        waiting_for_direction=[DocumentOut.of(d) for d in day.waiting_for_direction],
        as_of=AsOfOut.of(day.as_of),
    )
