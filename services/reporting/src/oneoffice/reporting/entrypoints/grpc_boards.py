"""``oneoffice.reporting.v1.BoardsService``: the work-board of a commune and a person's day."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import grpc

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.reporting.v1 import boards_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import boards_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import caller, require
from oneoffice.eventcore.grpc_runtime import ServiceRegistration

from ..domain.work_board import AsOf, Counts, MyDay, PassedOnDocument, TrackedTask, WorkBoard
from .grpc_errors import reporting_errors

SERVICE_NAME = "oneoffice.reporting.v1.BoardsService"

GetWorkBoard = Callable[[str], Awaitable[WorkBoard]]
GetMyDay = Callable[[str, frozenset[str] | None], Awaitable[MyDay]]


class BoardsServicer(pb_grpc.BoardsServiceServicer):
    def __init__(self, get_work_board: GetWorkBoard, get_my_day: GetMyDay) -> None:
        self._get_work_board = get_work_board
        self._get_my_day = get_my_day

    async def GetWorkBoard(
        self, request: pb.GetWorkBoardRequest, context: grpc.aio.ServicerContext
    ) -> pb.WorkBoard:
        await require(context, Permission.BOARD_READ, request.commune_id)
        async with reporting_errors(context):
            board = await self._get_work_board(request.commune_id)
        return pb.WorkBoard(
            commune_id=board.commune_id,
            totals=_counts(board.totals),
            by_handler=[pb.KeyedCounts(key=k, counts=_counts(c)) for k, c in board.by_handler],
            by_body=[pb.KeyedCounts(key=k, counts=_counts(c)) for k, c in board.by_body],
            tasks=[_task(t) for t in board.tasks],
            untracked=[_document(d) for d in board.untracked],
            as_of=_as_of(board.as_of),
        )

    async def GetMyDay(self, request: pb.GetMyDayRequest, context: grpc.aio.ServicerContext) -> pb.MyDay:
        # Any signed-in caller; the answer covers only the communes the caller reaches.
        identity = caller()
        everywhere = identity.reaches_every_commune(Permission.BOARD_READ)
        communes = None if everywhere else frozenset(identity.scope)
        async with reporting_errors(context):
            day = await self._get_my_day(request.person_id, communes)
        return pb.MyDay(
            person_id=day.person_id,
            tasks=[_task(t) for t in day.tasks],
            due_soon=[_task(t) for t in day.due_soon],
            overdue=[_task(t) for t in day.overdue],
            waiting_for_direction=[_document(d) for d in day.waiting_for_direction],
            as_of=_as_of(day.as_of),
        )


def _counts(counts: Counts) -> pb.Counts:
    return pb.Counts(
        open=counts.open, due_soon=counts.due_soon, overdue=counts.overdue, untracked=counts.untracked
    )


def _as_of(as_of: AsOf) -> pb.AsOf:
    return pb.AsOf(
        positions=[
            pb.Position(source=p.source, partition=p.partition, next_offset=p.next_offset)
            for p in as_of.positions
        ],
        read_at=as_of.read_at.isoformat(),
    )


def _task(task: TrackedTask) -> pb.Task:
    message = pb.Task(
        task_id=task.task_id,
        commune_id=task.commune_id,
        title=task.title,
        lead=task.lead,
        coordinators=list(task.coordinators),
        deadline=task.deadline.isoformat(),
        deadline_number=task.deadline_number,
        state=task.state,
    )
    if task.body_code is not None:
        message.body_code = task.body_code
    if task.document_id is not None:
        message.document_id = task.document_id
    if task.percentage is not None:
        message.percentage = task.percentage
    return message


def _document(document: PassedOnDocument) -> pb.Document:
    return pb.Document(
        document_id=document.document_id,
        commune_id=document.commune_id,
        body_code=document.body_code,
        recipient_kind=document.recipient_kind or "",
        recipient=document.recipient or "",
        passed_on=document.passed_on.isoformat() if document.passed_on else "",
        untracked_on=document.untracked_on.isoformat() if document.untracked_on else "",
    )


def registration(servicer: BoardsServicer) -> ServiceRegistration:
    def add_to_server(server: grpc.aio.Server) -> None:
        pb_grpc.add_BoardsServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    return ServiceRegistration(SERVICE_NAME, add_to_server)
