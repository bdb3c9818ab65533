"""Part of the composition root: the outgoing register and the resolution book (#13) — their
projection, its subscription to the documents service's events (Kafka or the store, as the incoming
register's) and the reader of every register for the exports."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.projection import ProjectionRunner, Replay

from .adapters.document_registers_projection import DocumentRegistersProjection
from .adapters.document_registers_reader import SqlRegistersReader
from .application.errors import NoEventSource
from .application.incoming_register import IncomingRegisterReader
from .application.rebuild import LiveFollower, ReplayProgress, rebuild_projection
from .application.registers import GetRegister, PeopleNames, get_register
from .domain.registers import RegisterTable

SUBSCRIPTION = DocumentRegistersProjection.name


class Follower(LiveFollower, Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


# Given the applier and the subscription's name: where a rebuild replays, and the live follower.
SourceFactory = Callable[[BatchApplier, str], tuple[Replay | None, Follower | None]]


@dataclass(slots=True)
class Registers:
    runner: ProjectionRunner
    applier: BatchApplier
    reader: SqlRegistersReader
    replay: Replay | None
    follower: Follower | None
    # Who the registers name, by name (None: by id).
    people: PeopleNames | None = None

    async def get(self, query: GetRegister) -> RegisterTable:
        return await get_register(self.reader, query, self.people)

    async def rebuild(self, progress: ReplayProgress | None = None, replay: Replay | None = None) -> int:
        """Rebuild from ``replay`` (default: this projection's own source); returns the generation."""
        replay = replay or self.replay
        if replay is None:
            raise NoEventSource()
        return await rebuild_projection(self.runner, SUBSCRIPTION, replay, self.follower, progress)


async def document_registers(
    resources: AsyncExitStack,
    engine: AsyncEngine,
    clock: Clock,
    incoming: IncomingRegisterReader,
    source: SourceFactory,
    people: PeopleNames | None = None,
) -> Registers:
    """The projection, started, and its follower (started; stopped by ``resources``)."""
    runner = ProjectionRunner(engine, DocumentRegistersProjection(), clock)
    await runner.start()
    applier = BatchApplier(engine, SUBSCRIPTION, runner, clock=clock)
    replay, follower = source(applier, SUBSCRIPTION)
    if follower is not None:
        resources.push_async_callback(follower.stop)
        await follower.start()
    return Registers(runner, applier, SqlRegistersReader(engine, runner, incoming), replay, follower, people)
