"""Part of the composition root: the dashboard read model (#13), its sources and its queries.

One subscription (``reporting.dashboard.v2``) applies the events of three sources into one projection,
with one checkpoint per source and partition (stored with the rows, in the same transactions):

- distributed (``kafka_bootstrap`` set): the documents, staff and reporting topics through one
  FastStream subscription of its own consumer group; a rebuild replays the three topics;
- embedded (stores given): a catch-up subscription on each store (the documents and staff services'
  stores, and reporting's own for the figures events); a rebuild replays the three stores.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.kafka.clients import dead_letter_producer, kafka_broker
from oneoffice.eventcore.kafka.subscription import KafkaSubscription
from oneoffice.eventcore.projection import ProjectionRunner, Replay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.dashboard_projection import DashboardProjection
from .adapters.dashboard_reader import SqlDashboardReader
from .adapters.kafka_replay import KafkaTopicReplay
from .adapters.kafka_source import KafkaFollower
from .adapters.store_source import StoreFollower, StoreReplay
from .application.dashboard import DashboardQuery, get_commune_kpis, get_workload
from .application.dashboard_cache import CachedDashboards
from .application.dashboard_pages import DashboardPages
from .application.errors import NoEventSource
from .application.rebuild import ReplayProgress, rebuild_projection
from .config import Settings
from .domain.dashboard import Dashboard, Workload
from .domain.dashboard_page import DashboardPage

SUBSCRIPTION = DashboardProjection.name
SERVICES = ("documents", "staff", "reporting")


@dataclass(slots=True)
class DashboardWiring:
    runner: ProjectionRunner
    applier: BatchApplier
    reader: SqlDashboardReader
    clock: Clock
    followers: list[KafkaFollower | StoreFollower] = field(default_factory=list)
    replay: Replay | None = None
    answers: CachedDashboards | None = None
    pages: DashboardPages | None = None

    async def dashboard(self, query: DashboardQuery) -> DashboardPage:
        if self.pages is None:
            answers = self.answers = self.answers or CachedDashboards(self.reader)
            self.pages = DashboardPages(answers.get)
        return await self.pages.get(query, self._now())

    async def commune_kpis(self, commune_id: str, period: str) -> Dashboard:
        return await get_commune_kpis(self.reader, commune_id, period, self._now())

    async def workload(self, commune_id: str) -> Workload:
        return await get_workload(self.reader, commune_id, self._now())

    def _now(self) -> datetime:
        return self.clock.now()

    def notify(self) -> None:
        """Wake the store subscriptions at once (a store just appended; embedded mode)."""
        for follower in self.followers:
            if isinstance(follower, StoreFollower):
                follower.notify()

    async def pause(self) -> None:
        for follower in self.followers:
            await follower.pause()

    async def resume(self) -> None:
        for follower in self.followers:
            await follower.resume()

    async def rebuild(self, progress: ReplayProgress | None = None, replay: Replay | None = None) -> int:
        """Rebuild the dashboard from the three sources (or ``replay``) into a fresh generation;
        returns its number."""
        replay = replay or self.replay
        if replay is None:
            raise NoEventSource()
        # Without followers (a one-off command) nothing moves ahead: no tail to replay.
        live = self if self.followers else None
        return await rebuild_projection(self.runner, SUBSCRIPTION, replay, live, progress)


async def dashboard(
    resources: AsyncExitStack,
    settings: Settings,
    engine: AsyncEngine,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    stores: dict[str, EventStore],
    follow: bool,
) -> DashboardWiring:
    """The read model, started, with its sources: Kafka, or ``stores`` by service name (embedded).

    Followers are started when ``follow`` and stopped by ``resources``.
    """
    runner = ProjectionRunner(engine, DashboardProjection(), clock)
    await runner.start()

    async def dead_lettered(*_: object) -> None:
        telemetry.metrics.dead_lettered(SUBSCRIPTION)

    applier = BatchApplier(engine, SUBSCRIPTION, runner, clock=clock, on_dead_letter=dead_lettered)
    reader = SqlDashboardReader(engine, runner, SUBSCRIPTION, clock)
    wiring = DashboardWiring(runner, applier, reader, clock)
    wiring.answers = CachedDashboards(
        reader, max_staleness=timedelta(seconds=settings.dashboard_max_staleness_seconds)
    )
    if settings.kafka_bootstrap:
        topics = [topic_for(service, settings.kafka_topic_prefix) for service in SERVICES]
        wiring.replay = KafkaTopicReplay(settings.kafka_bootstrap, topics, engine, clock=clock)
        if follow:
            wiring.followers.append(_kafka_follower(settings, topics, applier, telemetry))
    elif stores:
        sources = [(name, store) for name, store in stores.items() if name in SERVICES]
        wiring.replay = _StoresReplay(
            [StoreReplay(s, engine, source_name=n, clock=clock) for n, s in sources]
        )
        if follow:
            wiring.followers.extend(
                _store_follower(store, name, applier, telemetry) for name, store in sources
            )
    for follower in wiring.followers:
        resources.push_async_callback(follower.stop)  # pushed first: a failed start is undone too
        await follower.start()
    return wiring


def _store_follower(
    store: EventStore, name: str, applier: BatchApplier, telemetry: ServiceTelemetry
) -> StoreFollower:
    return StoreFollower(
        store,
        applier,
        source_name=name,
        on_consumed=telemetry.on_consumed(SUBSCRIPTION),
        on_lag=telemetry.on_lag(SUBSCRIPTION),
        on_retry=telemetry.on_retry(SUBSCRIPTION),
        on_halt=telemetry.on_halt(SUBSCRIPTION),
    )


def _kafka_follower(
    settings: Settings, topics: list[str], applier: BatchApplier, telemetry: ServiceTelemetry
) -> KafkaFollower:
    assert settings.kafka_bootstrap is not None
    broker = kafka_broker(settings, telemetry, client_id=f"oneoffice-{SUBSCRIPTION}")
    dead_letters = dead_letter_producer(settings, client_id="oneoffice-reporting-dashboard-dlq")
    subscription = KafkaSubscription(
        broker,
        topics,
        applier,
        # Its own consumer group: it reads every partition of the three topics itself.
        group_id=f"{settings.kafka_group_id}.dashboard",
        dead_letter_producer=dead_letters,
        on_consumed=telemetry.on_consumed(SUBSCRIPTION),
        on_lag=telemetry.on_partition_lag(SUBSCRIPTION),
        on_retry=telemetry.on_retry(SUBSCRIPTION),
        on_halt=telemetry.on_halt(SUBSCRIPTION),
    )
    return KafkaFollower(broker, subscription, dead_letters)


class _StoresReplay:
    """Replays each store in turn (one checkpoint per store: the order between them does not matter)."""

    def __init__(self, replays: Sequence[StoreReplay]) -> None:
        self._replays = replays

    async def __call__(self, handler: EventHandler, subscription: str) -> None:
        for replay in self._replays:
            await replay(handler, subscription)
