"""The composition root of the reporting service: every adapter is a parameter with a default.

Where the documents service's events come from is chosen here, from settings, never in the code
that uses them:

- distributed (``kafka_bootstrap`` set): the documents topic through a FastStream broker; a rebuild
  replays the topic from its earliest offsets;
- embedded (``documents_store`` given): a catch-up subscription on the documents service's store in
  the same process; a rebuild replays that store.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from faststream.kafka import KafkaBroker
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import BatchApplier, DeadLetterHook, Delivery
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.kafka import clients as kafka_clients
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer, EventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription
from oneoffice.eventcore.projection import ProjectionRunner, Replay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.incoming_register_projection import IncomingRegisterProjection
from .adapters.incoming_register_reader import SqlIncomingRegisterReader
from .adapters.kafka_replay import KafkaTopicReplay
from .adapters.kafka_source import KafkaFollower
from .adapters.store_source import StoreFollower, StoreReplay
from .adapters.work_board_projection import WorkBoardProjection
from .adapters.work_board_reader import SqlWorkBoardReader
from .application.boards import WorkBoardReader, get_my_day, get_work_board
from .application.errors import NoEventSource
from .application.incoming_register import (
    IncomingRegisterPage,
    IncomingRegisterReader,
    ListIncomingRegister,
    list_incoming_register,
)
from .application.rebuild import LiveFollower, ReplayProgress, rebuild_projection
from .application.registers import GetRegister
from .config import Settings
from .dashboard_wiring import DashboardWiring, dashboard
from .domain.registers import RegisterTable
from .domain.work_board import MyDay, WorkBoard
from .figures_wiring import Figures
from .figures_wiring import figures as wire_figures
from .registers_wiring import Registers, document_registers

# Alembic version directories of this service's own tables, upgraded with the event store's.
# (Projection tables are not among them: the projection runner creates each generation.)
VERSION_LOCATIONS: tuple[Path, ...] = ()

INCOMING_REGISTER_SUBSCRIPTION = IncomingRegisterProjection.name
WORK_BOARD_SUBSCRIPTION = "reporting.work_board"


class EventFollower(LiveFollower, Protocol):
    """Keeps the projections current from the documents service's events while the service runs."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


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
        if self.work_board_replay is None or self.work_board is None or self.work_board_applier is None:
            raise NoEventSource()
        async with self._rebuilding:
            return await rebuild_projection(
                self.work_board,
                self.work_board_applier.subscription,
                self.work_board_replay,
                self.work_board_follower,
                progress,
            )

    async def rebuild_incoming_register(self, progress: ReplayProgress | None = None) -> int:
        """Rebuild the incoming register from the log into a fresh generation; returns its number."""
        if self.replay is None:
            raise NoEventSource()
        async with self._rebuilding:
            return await rebuild_projection(
                self.incoming_register, self.applier.subscription, self.replay, self.follower, progress
            )


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
        runner = ProjectionRunner(engine, IncomingRegisterProjection(tracer_provider=tracer_provider), clock)
        await runner.start()
        owned: list[EventStore] = []
        if documents_store is None and documents_database_url:
            documents_engine = create_engine(documents_database_url)
            resources.push_async_callback(documents_engine.dispose)
            documents_store = EventStore(documents_engine, clock)
            resources.push_async_callback(documents_store.close)
            owned.append(documents_store)
        applier = BatchApplier(
            engine,
            INCOMING_REGISTER_SUBSCRIPTION,
            runner,
            clock=clock,
            on_dead_letter=_count_dead_letters(telemetry),
        )
        board_runner = ProjectionRunner(engine, WorkBoardProjection(), clock)
        await board_runner.start()
        board_applier = BatchApplier(
            engine,
            WORK_BOARD_SUBSCRIPTION,
            board_runner,
            clock=clock,
            on_dead_letter=_count_dead_letters(telemetry, WORK_BOARD_SUBSCRIPTION),
        )
        source: tuple[Replay | None, EventFollower | None] = (None, None)
        board_source: tuple[Replay | None, EventFollower | None] = (None, None)
        if settings.kafka_bootstrap:
            source = _kafka_source(
                settings, engine, applier, clock, telemetry, broker, dead_letter_producer, follow_events
            )
            # Its own broker and consumer group: the two subscriptions read every partition each.
            board_source = _kafka_source(
                settings,
                engine,
                board_applier,
                clock,
                telemetry,
                None,
                None,
                follow_events,
                group_id=f"{settings.kafka_group_id}.work-board",
                subscription_name=WORK_BOARD_SUBSCRIPTION,
            )
        elif documents_store is not None:
            source = _store_source(documents_store, engine, applier, clock, follow_events, telemetry)
            board_source = _store_source(
                documents_store,
                engine,
                board_applier,
                clock,
                follow_events,
                telemetry,
                subscription_name=WORK_BOARD_SUBSCRIPTION,
            )
        source_replay, follower = source
        board_replay, board_follower = board_source
        for started in (follower, board_follower):
            if started is not None:
                # Stopping is safe whatever the start got to: pushed first, so a failed start is undone.
                resources.push_async_callback(started.stop)
                await started.start()
        figures = await wire_figures(
            resources,
            settings,
            store,
            clock=clock,
            telemetry=telemetry,
            follow=follow_events,
            producer=producer,
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
            SqlIncomingRegisterReader(engine, runner),
            lambda applier, name: (
                _kafka_source(
                    settings, engine, applier, clock, telemetry, None, None, follow_events,
                    group_id=f"{settings.kafka_group_id}.registers", subscription_name=name,
                )
                if settings.kafka_bootstrap
                else _store_source(
                    documents_store, engine, applier, clock, follow_events, telemetry, subscription_name=name
                )
                if documents_store is not None
                else (None, None)
            ),
        )  # fmt: skip
        container = ReportingContainer(
            settings=settings,
            engine=engine,
            store=store,
            incoming_register=runner,
            applier=applier,
            reader=SqlIncomingRegisterReader(engine, runner),
            follower=follower,
            replay=replay or source_replay,
            work_board=board_runner,
            work_board_applier=board_applier,
            work_board_reader=SqlWorkBoardReader(engine, board_runner, WORK_BOARD_SUBSCRIPTION, clock),
            work_board_follower=board_follower,
            work_board_replay=replay or board_replay,
            figures=figures,
            dashboard=dashboard_wiring,
            registers=registers,
            owned_stores=owned,
            telemetry=telemetry,
            _resources=resources.pop_all(),
        )
    return container


def _count_dead_letters(
    telemetry: ServiceTelemetry, subscription_name: str = INCOMING_REGISTER_SUBSCRIPTION
) -> DeadLetterHook:
    async def count(source: str, partition: int, delivery: Delivery, error: str) -> None:
        telemetry.metrics.dead_lettered(subscription_name)

    return count


def _store_source(
    documents_store: EventStore,
    engine: AsyncEngine,
    applier: BatchApplier,
    clock: Clock,
    follow: bool,
    telemetry: ServiceTelemetry,
    *,
    subscription_name: str = INCOMING_REGISTER_SUBSCRIPTION,
) -> tuple[Replay, EventFollower | None]:
    follower = (
        StoreFollower(
            documents_store,
            applier,
            on_consumed=telemetry.on_consumed(subscription_name),
            on_lag=telemetry.on_lag(subscription_name),
            on_retry=telemetry.on_retry(subscription_name),
            on_halt=telemetry.on_halt(subscription_name),
        )
        if follow
        else None
    )
    return StoreReplay(documents_store, engine, clock=clock), follower


def _kafka_source(
    settings: Settings,
    engine: AsyncEngine,
    applier: BatchApplier,
    clock: Clock,
    telemetry: ServiceTelemetry,
    broker: KafkaBroker | None,
    dead_letter_producer: AiokafkaEventProducer | None,
    follow: bool,
    *,
    group_id: str | None = None,
    subscription_name: str = INCOMING_REGISTER_SUBSCRIPTION,
) -> tuple[Replay, EventFollower | None]:
    assert settings.kafka_bootstrap is not None
    topics = [topic_for("documents", settings.kafka_topic_prefix)]
    replay = KafkaTopicReplay(settings.kafka_bootstrap, topics, engine, clock=clock)
    if not follow:
        return replay, None
    broker = broker or kafka_clients.kafka_broker(settings, telemetry, client_id=f"oneoffice-{subscription_name}")
    dead_letters = dead_letter_producer or kafka_clients.dead_letter_producer(
        settings, client_id="oneoffice-reporting-dead-letters"
    )
    subscription = KafkaSubscription(
        broker,
        topics,
        applier,
        group_id=group_id or settings.kafka_group_id,
        dead_letter_producer=dead_letters,
        on_consumed=telemetry.on_consumed(subscription_name),
        on_lag=telemetry.on_partition_lag(subscription_name),
        on_retry=telemetry.on_retry(subscription_name),
        on_halt=telemetry.on_halt(subscription_name),
    )
    return replay, KafkaFollower(
        broker, subscription, dead_letters, connections=telemetry.connections
    )
