"""Part of the composition root: the boards of tracked work (#12) — their projection of the documents
service's events, with a subscription of its own (its own consumer group: it reads every partition
itself), its reader and a rebuild's source."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.projection import ProjectionRunner, Replay

from .adapters.work_board_projection import WorkBoardProjection
from .adapters.work_board_reader import SqlWorkBoardReader
from .event_source import EventFollower, EventSource

SUBSCRIPTION = "reporting.work_board"


@dataclass(slots=True)
class WorkBoardWiring:
    runner: ProjectionRunner
    applier: BatchApplier
    reader: SqlWorkBoardReader
    replay: Replay | None
    follower: EventFollower | None


async def work_board(resources: AsyncExitStack, source: EventSource) -> WorkBoardWiring:
    """The projection, started, and its follower (started; stopped by ``resources``)."""
    engine, clock = source.engine, source.clock
    runner = ProjectionRunner(engine, WorkBoardProjection(), clock)
    await runner.start()
    group_id = f"{source.settings.kafka_group_id}.work-board"
    applier, replay, follower = await source.follow(resources, runner, SUBSCRIPTION, group_id=group_id)
    reader = SqlWorkBoardReader(engine, runner, SUBSCRIPTION, clock)
    return WorkBoardWiring(runner, applier, reader, replay, follower)
