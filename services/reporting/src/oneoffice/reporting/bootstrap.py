"""The composition root of the reporting service: every adapter is a parameter with a default.

It only composes: each read model and the figures' write side are wired by a ``*_wiring`` module;
where the documents service's events come from is chosen from settings by :mod:`.event_source`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from faststream.kafka import KafkaBroker
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer, EventProducer
from oneoffice.eventcore.projection import ProjectionRunner, Replay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from . import incoming_register_wiring, work_board_wiring
from .adapters.bulk_load import StagingPlan
from .adapters.bulk_rebuild import read_set_based
from .adapters.kafka_replay import KafkaTopicReplay, PassReader
from .adapters.one_pass_replay import OnePassReplay
from .application.boards import WorkBoardReader, get_my_day, get_work_board
from .application.errors import NoEventSource
from .application.incoming_register import (
    IncomingRegisterPage,
    IncomingRegisterReader,
    ListIncomingRegister,
    list_incoming_register,
)
from .application.rebuild import ReplayProgress, rebuild_projection
from .application.registers import GetRegister
from .config import Settings
from .dashboard_wiring import DashboardWiring, dashboard
from .directory_wiring import Directory, directory
from .domain.registers import RegisterTable
from .domain.work_board import MyDay, WorkBoard
from .event_source import EventFollower, EventSource
from .figures_wiring import Figures
from .figures_wiring import figures as wire_figures
from .incoming_register_wiring import incoming_register
from .registers_wiring import Registers, document_registers
from .work_board_wiring import work_board

# Alembic version directories of this service's own tables, upgraded with the event store's.
# (Projection tables are not among them: the projection runner creates each generation.)
VERSION_LOCATIONS: tuple[Path, ...] = ()

INCOMING_REGISTER_SUBSCRIPTION = incoming_register_wiring.SUBSCRIPTION
WORK_BOARD_SUBSCRIPTION = work_board_wiring.SUBSCRIPTION


@dataclass(slots=True)
class ReportingContainer(ServiceContainer):
    settings: Settings
    engine: AsyncEngine
    store: EventStore
    incoming_register: ProjectionRunner
    applier: BatchApplier
    reader: IncomingRegisterReader
    # The live event source (None: nothing follows, e.g. a one-off command).
    follower: EventFollower | None = None
    # Where a rebuild reads the log (None: no source configured).
    replay: Replay | None = None
    # The boards of tracked work (#12): their own projection, subscription, source and replay.
    work_board: ProjectionRunner | None = None
    work_board_applier: BatchApplier | None = None
    work_board_reader: WorkBoardReader | None = None
    work_board_follower: EventFollower | None = None
    work_board_replay: Replay | None = None
    # One set of figures (#13): the write side, its read model and the relay to the reporting topic.
    figures: Figures | None = None
    # The district and province view (#13): its projection over three sources, and its queries.
    dashboard: DashboardWiring | None = None
    # The outgoing register and the resolution book, and every register's export (#13).
    registers: Registers | None = None
    # People's names and each commune's bodies, from the staff events (the registers and figures use them).
    directory: Directory | None = None
    # Adapters opened by bootstrap itself, closed with the container.
    owned_stores: list[EventStore] = field(default_factory=list)
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("reporting"))
    # One rebuild at a time in this process: two would both build the same next generation.
    _rebuilding: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def list_incoming_register(self, query: ListIncomingRegister) -> IncomingRegisterPage:
        return await list_incoming_register(self.reader, query)

    async def get_register(self, query: GetRegister) -> RegisterTable:
        assert self.registers is not None
        return await self.registers.get(query)

    async def get_work_board(self, commune_id: str) -> WorkBoard:
        assert self.work_board_reader is not None
        return await get_work_board(self.work_board_reader, commune_id)

    async def get_my_day(self, person_id: str, communes: frozenset[str] | None) -> MyDay:
        assert self.work_board_reader is not None
        return await get_my_day(self.work_board_reader, person_id, communes)

    async def rebuild_work_board(self, progress: ReplayProgress | None = None) -> int:
        """Rebuild the work-board projection from the log into a fresh generation; returns its number."""
        async with self._rebuilding:
            return await self._rebuild_work_board(progress)

    async def rebuild_incoming_register(self, progress: ReplayProgress | None = None) -> int:
        """Rebuild the incoming register from the log into a fresh generation; returns its number."""
        async with self._rebuilding:
            return await self._rebuild_incoming_register(progress)

    async def rebuild_every_projection(
        self, progress: Mapping[str, ReplayProgress] | None = None
    ) -> RebuiltGenerations:
        """Rebuild the incoming register, the work board, the document registers and (from Kafka only:
        it needs the staff and figures events too) the dashboard; ``progress`` by projection name.

        From Kafka the rebuilds run together and their first rounds read the topics in one pass
        (:class:`~.adapters.one_pass_replay.OnePassReplay`); each still switches on its own. The first
        failure is raised once every rebuild has ended. From a store they run one after another.
        """
        progress = progress or {}
        registers, dashboard = self.registers, self.dashboard
        assert registers is not None and dashboard is not None

        def of(runner: ProjectionRunner | None) -> ReplayProgress | None:
            return None if runner is None else progress.get(runner.name)

        async with self._rebuilding:
            if not self.settings.kafka_bootstrap:
                return RebuiltGenerations(
                    await self._rebuild_incoming_register(of(self.incoming_register)),
                    await self._rebuild_work_board(of(self.work_board)),
                    await registers.rebuild(of(registers.runner)),
                    None,
                )
            # On PostgreSQL the first rounds may be set-based (each projection's fill over staged events).
            shared = (
                OnePassReplay(self._read_set_based) if self.settings.set_based_rebuild else OnePassReplay()
            )
            # Every seat is taken before any rebuild starts, so the pass waits for them all.
            rebuilds = [
                (self._rebuild_incoming_register, self.incoming_register, self.replay),
                (self._rebuild_work_board, self.work_board, self.work_board_replay),
                (registers.rebuild, registers.runner, registers.replay),
                (dashboard.rebuild, dashboard.runner, dashboard.replay),
            ]
            seats = [(rebuild, runner, shared.share(r) if r else None) for rebuild, runner, r in rebuilds]

            async def taking_part(
                rebuild: Rebuild, runner: ProjectionRunner | None, seat: Replay | None
            ) -> int:
                try:
                    return await rebuild(of(runner), seat)
                finally:
                    if seat is not None:
                        shared.leave(seat)

            try:
                done = await asyncio.gather(*(taking_part(*seat) for seat in seats), return_exceptions=True)
            finally:
                await shared.aclose()
        generations: list[int] = []
        for outcome in done:
            if isinstance(outcome, BaseException):
                raise outcome
            generations.append(outcome)
        return RebuiltGenerations(*generations)

    async def _read_set_based(self, replay: KafkaTopicReplay, readers: Sequence[PassReader]) -> None:
        plan = StagingPlan(self.settings.set_based_staging_processes, self.settings.set_based_split_from)
        await read_set_based(replay, readers, plan=plan)

    async def _rebuild_work_board(self, progress: ReplayProgress | None, replay: Replay | None = None) -> int:
        replay = replay or self.work_board_replay
        if replay is None or self.work_board is None or self.work_board_applier is None:
            raise NoEventSource()
        return await rebuild_projection(
            self.work_board, self.work_board_applier.subscription, replay, self.work_board_follower, progress
        )

    async def _rebuild_incoming_register(
        self, progress: ReplayProgress | None, replay: Replay | None = None
    ) -> int:
        replay = replay or self.replay
        if replay is None:
            raise NoEventSource()
        return await rebuild_projection(
            self.incoming_register, self.applier.subscription, replay, self.follower, progress
        )


# A projection's rebuild given its progress and its replay (None: its own source).
Rebuild = Callable[[ReplayProgress | None, Replay | None], Awaitable[int]]


@dataclass(frozen=True, slots=True)
class RebuiltGenerations:
    """The generation each projection serves after a rebuild of every projection (None: not rebuilt)."""

    incoming_register: int
    work_board: int
    document_registers: int
    dashboard: int | None


async def bootstrap(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    tracer_provider: trace.TracerProvider | None = None,
    documents_store: EventStore | None = None,
    documents_database_url: str | None = None,
    staff_store: EventStore | None = None,
    broker: KafkaBroker | None = None,
    dead_letter_producer: AiokafkaEventProducer | None = None,
    replay: Replay | None = None,
    follow_events: bool = True,
    telemetry: ServiceTelemetry | None = None,
    producer: EventProducer | None = None,
) -> ReportingContainer:
    """Open the database, bring its schema up to date, wire the service and start following events.

    ``documents_store`` (or ``documents_database_url``, opened here) selects the embedded source;
    ``follow_events=False`` wires the sources without starting to follow them (one-off commands).
    ``producer`` replaces the Kafka producer of the outbox relay to the reporting topic.
    """
    if settings.kafka_bootstrap and (documents_store or documents_database_url):
        raise ValueError("choose one event source: Kafka (kafka_bootstrap) or the documents store")
    clock = clock or SystemClock()
    telemetry = telemetry or ServiceTelemetry.create("reporting", tracer_provider=tracer_provider)
    tracer_provider = tracer_provider or telemetry.tracer_provider
    async with AsyncExitStack() as resources:
        store = await open_event_store(
            resources,
            settings,
            clock=clock,
            telemetry=telemetry,
            engine=engine,
            version_locations=VERSION_LOCATIONS,
        )
        engine = store.engine
        owned: list[EventStore] = []
        if documents_store is None and documents_database_url:
            documents_engine = create_engine(documents_database_url)
            resources.push_async_callback(documents_engine.dispose)
            documents_store = EventStore(documents_engine, clock)
            resources.push_async_callback(documents_store.close)
            owned.append(documents_store)
        source = EventSource(settings, engine, clock, telemetry, documents_store, follow_events)
        incoming = await incoming_register(
            resources,
            source,
            tracer_provider=tracer_provider,
            broker=broker,
            dead_letter_producer=dead_letter_producer,
        )
        board = await work_board(resources, source)
        staff = EventSource(settings, engine, clock, telemetry, staff_store, follow_events, service="staff")
        names_and_bodies = await directory(resources, staff)
        figures = await wire_figures(
            resources,
            settings,
            store,
            clock=clock,
            telemetry=telemetry,
            follow=follow_events,
            producer=producer,
            commune_bodies=names_and_bodies.reader.bodies,
        )
        stores = {"documents": documents_store, "staff": staff_store, "reporting": store}
        dashboard_wiring = await dashboard(
            resources,
            settings,
            engine,
            clock=clock,
            telemetry=telemetry,
            stores={k: v for k, v in stores.items() if v is not None} if documents_store else {},
            follow=follow_events,
        )
        registers = await document_registers(
            resources,
            engine,
            clock,
            incoming.reader,
            lambda applier, name: source(applier, name, group_id=f"{settings.kafka_group_id}.registers"),
            people=names_and_bodies.reader,
        )
        container = ReportingContainer(
            settings=settings,
            engine=engine,
            store=store,
            incoming_register=incoming.runner,
            applier=incoming.applier,
            reader=incoming.reader,
            follower=incoming.follower,
            replay=replay or incoming.replay,
            work_board=board.runner,
            work_board_applier=board.applier,
            work_board_reader=board.reader,
            work_board_follower=board.follower,
            work_board_replay=replay or board.replay,
            figures=figures,
            dashboard=dashboard_wiring,
            registers=registers,
            directory=names_and_bodies,
            owned_stores=owned,
            telemetry=telemetry,
            _resources=resources.pop_all(),
        )
    return container
