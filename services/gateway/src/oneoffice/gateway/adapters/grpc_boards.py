"""The :class:`BoardsPort` over ``oneoffice.reporting.v1.BoardsService``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import grpc

from oneoffice.contracts.grpc.reporting.v1 import boards_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import boards_pb2_grpc as pb_grpc

from ..application.boards import (
    BoardAsOf,
    BoardCounts,
    BoardDocument,
    BoardPosition,
    BoardTask,
    MyDay,
    WorkBoard,
)
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "reporting"


def _counts(message: Any) -> BoardCounts:
    return BoardCounts(message.open, message.due_soon, message.overdue, message.untracked)


def _as_of(message: Any) -> BoardAsOf:
    return BoardAsOf(
        tuple(BoardPosition(p.source, p.partition, p.next_offset) for p in message.positions),
        datetime.fromisoformat(message.read_at),
    )


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _task(message: Any) -> BoardTask:
    return BoardTask(
        task_id=message.task_id,
        commune_id=message.commune_id,
        title=message.title,
        lead=message.lead,
        coordinators=tuple(message.coordinators),
        deadline=date.fromisoformat(message.deadline),
        deadline_number=message.deadline_number,
        state=message.state,
        body_code=message.body_code if message.HasField("body_code") else None,
        document_id=message.document_id if message.HasField("document_id") else None,
        percentage=message.percentage if message.HasField("percentage") else None,
    )


def _document(message: Any) -> BoardDocument:
    return BoardDocument(
        document_id=message.document_id,
        commune_id=message.commune_id,
        body_code=message.body_code,
        recipient_kind=message.recipient_kind or None,
        recipient=message.recipient or None,
        passed_on=_day(message.passed_on),
        untracked_on=_day(message.untracked_on),
    )


class GrpcBoards:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    def _stub(self) -> Any:
        return pb_grpc.BoardsServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]

    async def work_board(self, commune_id: str, context: RequestContext) -> WorkBoard:
        try:
            r = await self._stub().GetWorkBoard(
                pb.GetWorkBoardRequest(commune_id=commune_id),
                timeout=self._timeout,
                metadata=self._channels.metadata(context),
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return WorkBoard(
            commune_id=r.commune_id,
            totals=_counts(r.totals),
            by_handler=tuple((k.key, _counts(k.counts)) for k in r.by_handler),
            by_body=tuple((k.key, _counts(k.counts)) for k in r.by_body),
            tasks=tuple(_task(t) for t in r.tasks),
            untracked=tuple(_document(d) for d in r.untracked),
            as_of=_as_of(r.as_of),
        )

    async def my_day(self, person_id: str, context: RequestContext) -> MyDay:
        try:
            r = await self._stub().GetMyDay(
                pb.GetMyDayRequest(person_id=person_id),
                timeout=self._timeout,
                metadata=self._channels.metadata(context),
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return MyDay(
            person_id=r.person_id,
            tasks=tuple(_task(t) for t in r.tasks),
            due_soon=tuple(_task(t) for t in r.due_soon),
            overdue=tuple(_task(t) for t in r.overdue),
            waiting_for_direction=tuple(_document(d) for d in r.waiting_for_direction),
            as_of=_as_of(r.as_of),
        )
