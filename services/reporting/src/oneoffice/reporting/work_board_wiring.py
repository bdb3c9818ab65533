"""Part of the composition root: the boards of tracked work (#12) — their projection of the documents
service's events, with a subscription of its own (its own consumer group: it reads every partition
itself), its reader and a rebuild's source."""

from __future__ import annotations

from contextlib import AsyncExitStack

from oneoffice.eventcore.projection import ProjectionRunner

from .adapters.work_board_projection import WorkBoardProjection
from .adapters.work_board_reader import SqlWorkBoardReader
from .event_source import EventSource, FollowedProjection

SUBSCRIPTION = "reporting.work_board"


WorkBoardWiring = FollowedProjection[SqlWorkBoardReader]


async def work_board(resources: AsyncExitStack, source: EventSource) -> WorkBoardWiring:
    """The projection, started, and its follower (started; stopped by ``resources``)."""
    engine, clock = source.engine, source.clock
    runner = ProjectionRunner(engine, WorkBoardProjection(), clock)
    await runner.start()
    group_id = f"{source.settings.kafka_group_id}.work-board"
    applier, replay, follower = await source.follow(resources, runner, SUBSCRIPTION, group_id=group_id)
    reader = SqlWorkBoardReader(engine, runner, SUBSCRIPTION, clock)
    return WorkBoardWiring(runner, applier, reader, replay, follower)
