"""Part of the composition root: the directory (people's names, each commune's bodies) — its
projection of the staff service's events, with a subscription of its own (its own consumer group)."""

from __future__ import annotations

from contextlib import AsyncExitStack

from oneoffice.eventcore.projection import ProjectionRunner

from .adapters.directory_projection import DirectoryProjection
from .adapters.directory_reader import SqlDirectory
from .event_source import EventSource, FollowedProjection

SUBSCRIPTION = DirectoryProjection.name


Directory = FollowedProjection[SqlDirectory]


async def directory(resources: AsyncExitStack, source: EventSource) -> Directory:
    """The projection, started, and its follower of the staff events (started; stopped by ``resources``)."""
    runner = ProjectionRunner(source.engine, DirectoryProjection(), source.clock)
    await runner.start()
    group_id = f"{source.settings.kafka_group_id}.directory"
    applier, replay, follower = await source.follow(resources, runner, SUBSCRIPTION, group_id=group_id)
    return Directory(runner, applier, SqlDirectory(source.engine, runner), replay, follower)
