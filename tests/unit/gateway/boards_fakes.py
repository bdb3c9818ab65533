"""A hand-written fake of the gateway's boards port: boards and days set by the test, calls recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime

from oneoffice.gateway.application.boards import (
    BoardAsOf,
    BoardCounts,
    BoardDocument,
    BoardPosition,
    BoardTask,
    MyDay,
    WorkBoard,
)
from oneoffice.gateway.application.errors import Unavailable
from oneoffice.gateway.application.ports import RequestContext

AS_OF = BoardAsOf((BoardPosition("oneoffice.documents", 0, 42),), datetime(2026, 3, 10, 2, 0, tzinfo=UTC))
OVERDUE = BoardTask(
    "t-1", "16876", "Báo cáo tình hình tiếp nhận văn bản", "p-an", ("p-binh",), date(2026, 3, 9), 1,
    "overdue", "UBND", "d-1", 40,
)  # fmt: skip
UNTRACKED = BoardDocument("d-2", "16876", "HDND", "person", "p-an", date(2026, 3, 2), date(2026, 3, 3))
WAITING = BoardDocument("d-3", "16876", "UBND", "leader", "p-an", date(2026, 3, 9))


class FakeBoards:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.down = False

    async def work_board(self, commune_id: str, context: RequestContext) -> WorkBoard:
        self.calls.append(("work_board", commune_id, context.actor))
        if self.down:
            raise Unavailable("reporting", "Dịch vụ báo cáo không trả lời.", "Reporting is not answering.")
        return WorkBoard(
            commune_id=commune_id,
            totals=BoardCounts(open=1, overdue=1, untracked=1),
            by_handler=(("p-an", BoardCounts(open=1, overdue=1, untracked=1)),),
            by_body=(("HDND", BoardCounts(untracked=1)), ("UBND", BoardCounts(open=1, overdue=1))),
            tasks=(OVERDUE,),
            untracked=(UNTRACKED,),
            as_of=AS_OF,
        )

    async def my_day(self, person_id: str, context: RequestContext) -> MyDay:
        self.calls.append(("my_day", person_id, context.actor))
        return MyDay(person_id, (OVERDUE,), (), (OVERDUE,), (WAITING,), AS_OF)
