"""Moves tasks with the staff service's coverage of absences: to the backup and back, exactly once.

The staff events arrive in an inbox (a read model fed by the same follower of the staff events as the
known units); each pending coverage event is carried out here, then marked done. The rule (tasks have
no duty: the link is the person and the commune):

- ``CoverageStarted``: every open task the absent person leads in that commune moves to the backup
  (``covered_by``). One absence may cover several duties, each with its own ``CoverageStarted``: the
  tasks move once per absence, with the first coverage (the next ones find them no longer led by the
  absent person, and their keys used);
- ``CoverageEscalated`` (the backup is away too): the absent person's open tasks, and those this
  absence moved to the backup, go to the office team lead (nothing when the event names none);
- ``CoverageEnded``: the open tasks the absence moved (still away with it) return to the lead they had
  before it (``returning=True``); completed ones stay where they are.

Each move is a ``TaskReassigned`` with ``absence_id``, ``reassigned_by`` "documents-service", and the
envelope's causation id the staff event's id; it is appended with the task stream's version and the
key ``coverage:<commune>:<absence>:<task>:start|escalate|end``, so a redelivered or repeated coverage
event moves nothing twice. The reaction acts only once the open-work read model has caught up with
the store, so a task moved a moment ago is seen where it now is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import structlog

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.retry import retry_on_conflict

from .deadline_watcher import OpenWork, TaskRef
from .work_streams import Provenance, WorkStreams, task_stream

log = structlog.get_logger("oneoffice.documents.coverage_reaction")

REASSIGNED_BY = "documents-service"
ACTOR = "system:coverage-reaction"

CoverageKind = Literal["start", "escalate", "end"]

REASONS: dict[CoverageKind, str] = {
    "start": "Người chủ trì vắng mặt: chuyển cho người thay thế (the lead is away: moved to the backup)",
    "escalate": "Người thay thế cũng vắng mặt: chuyển cho trưởng nhóm "
    "(the backup is away too: moved to the team lead)",
    "end": "Người chủ trì đã trở lại: trả lại việc (the lead is back: the task returns)",
}


@dataclass(frozen=True, slots=True)
class CoverageMove:
    """One coverage event of the staff service waiting to be carried out."""

    seq: int
    staff_event_id: str
    correlation_id: str
    kind: CoverageKind
    commune_id: str
    absence_id: str
    absent: str | None
    # start: the backup; escalate: the team lead (None: unknown); end: None.
    to_person: str | None
    # escalate: the backup, away too.
    backup: str | None = None


class CoverageInbox(Protocol):
    async def pending(self, limit: int) -> list[CoverageMove]: ...

    async def done(self, seq: int) -> None: ...


CaughtUp = Callable[[], Awaitable[bool]]


class CoverageReaction:
    def __init__(
        self,
        streams: WorkStreams,
        open_work: OpenWork,
        inbox: CoverageInbox,
        *,
        caught_up: CaughtUp | None = None,
        on_moved: Callable[[str], None] | None = None,
        batch: int = 50,
    ) -> None:
        self._streams = streams
        self._open_work = open_work
        self._inbox = inbox
        self._caught_up = caught_up
        self._on_moved = on_moved
        self._batch = batch

    async def run_once(self) -> int:
        """Carry out the pending coverage events (in arrival order); how many tasks moved."""
        if self._caught_up is not None and not await self._caught_up():
            return 0
        moved = 0
        for move in await self._inbox.pending(self._batch):
            moved += await self.carry_out(move)
            await self._inbox.done(move.seq)
            if moved and self._caught_up is not None:
                # The next coverage event must see these moves in the read model first.
                return moved
        return moved

    async def carry_out(self, move: CoverageMove) -> int:
        candidates: list[TaskRef] = []
        if move.kind in ("start", "escalate") and move.absent is not None:
            candidates += await self._open_work.open_tasks_led_by(move.commune_id, move.absent)
        if move.kind in ("escalate", "end"):
            candidates += await self._open_work.tasks_moved_by(move.commune_id, move.absence_id)
        moved = 0
        for ref in dict.fromkeys(candidates):
            moved += await self._move(move, ref)
        return moved

    async def _move(self, move: CoverageMove, ref: TaskRef) -> int:
        async def attempt() -> int:
            task = await self._streams.load_task(ref.commune_id, ref.task_id)
            if task is None or not task.open:
                return 0
            led_by_absent = move.absent is not None and task.lead == move.absent
            away_with_it = task.moved_by_absence == move.absence_id
            if move.kind == "start":
                to, go = move.to_person, led_by_absent and task.moved_by_absence is None
            elif move.kind == "escalate":
                to, go = move.to_person, led_by_absent or away_with_it
            else:
                to, go = task.returns_to, away_with_it
            if not go or to is None or to == task.lead:
                return 0
            event = contract.TaskReassigned(
                task_id=task.task_id,
                commune_id=task.commune_id,
                lead=to,
                coordinators=[c for c in task.coordinators if c != to],
                reason=REASONS[move.kind],
                absence_id=move.absence_id,
                returning=move.kind == "end",
                reassigned_by=REASSIGNED_BY,
            )
            appended = await self._streams.append_once(
                task_stream(task.commune_id, task.task_id),
                task.commune_id,
                event,
                expected_version=task.version,
                key=f"coverage:{task.commune_id}:{move.absence_id}:{task.task_id}:{move.kind}",
                provenance=Provenance(
                    ACTOR, causation_id=move.staff_event_id, correlation_id=move.correlation_id
                ),
            )
            if not appended:
                return 0
            log.info("task_moved_by_coverage", task_id=task.task_id, kind=move.kind, to=to)
            if self._on_moved is not None:
                self._on_moved(move.kind)
            return 1

        return await retry_on_conflict(attempt, attempts=10)
