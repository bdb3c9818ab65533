"""Part of the composition root: one set of figures (#13) — the indicator catalogue published from
the reference table, the figures' use cases on the service's own store, their read model with its
subscription on that store, and (with ``kafka_bootstrap``) the outbox relay of the store to the
reporting topic."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.composition import outbox_relay
from oneoffice.eventcore.kafka.producer import EventProducer
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.figures_projection import FiguresProjection
from .adapters.figures_reader import SqlFigureReader
from .adapters.indicator_data import load_bodies, load_indicators
from .application.figures import Caller, FigureService
from .config import Settings

# The reporting store's name as a source of subscriptions.
STORE_NAME = "reporting"
CATALOGUE_ACTOR = "reporting:indicator-catalogue"


@dataclass(slots=True)
class Figures:
    service: FigureService
    runner: ProjectionRunner
    subscription: StoreSubscription
    relay: OutboxRelay | None = None


async def figures(
    resources: AsyncExitStack,
    settings: Settings,
    store: EventStore,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    follow: bool,
    producer: EventProducer | None = None,
    commune_bodies: Callable[[str], Awaitable[frozenset[str]]] | None = None,
) -> Figures:
    """Wired; when ``follow``, the catalogue table is published (if changed), and the read model's
    subscription and the relay run (stopped by ``resources``)."""
    engine = store.engine
    name = FiguresProjection.name
    runner = ProjectionRunner(engine, FiguresProjection(), clock)
    await runner.start()
    subscription = StoreSubscription(
        store,
        BatchApplier(engine, name, runner, clock=clock),
        source_name=STORE_NAME,
        on_consumed=telemetry.on_consumed(name),
        on_lag=telemetry.on_lag(name),
        on_retry=telemetry.on_retry(name),
        on_halt=telemetry.on_halt(name),
    )
    service = FigureService(
        store,
        build_registry(),
        clock,
        load_bodies(settings.reference_data_dir),
        SqlFigureReader(engine, runner),
        commune_bodies=commune_bodies,
        on_appended=subscription.notify,
        # Read-your-writes: a report or an adoption answers once the read model has it (at most 2 s).
        read_model_reached=subscription.reached if follow else None,
    )
    indicators = load_indicators(settings.reference_data_dir)
    wired = Figures(service, runner, subscription)
    if settings.kafka_bootstrap:
        wired.relay = outbox_relay(
            "reporting", resources, settings, store, clock=clock, telemetry=telemetry, producer=producer
        )
    if follow:
        await service.publish_catalogue(Caller(CATALOGUE_ACTOR), indicators)
        subscription.start()
        resources.push_async_callback(subscription.stop)
        if wired.relay is not None:
            wired.relay.start()
            resources.push_async_callback(wired.relay.stop)
    return wired
