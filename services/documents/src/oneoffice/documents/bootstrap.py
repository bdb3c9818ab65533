"""The composition root of the documents service: every adapter is a parameter with a default."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import EVENTS, UPCASTERS
from oneoffice.contracts.topics import dead_letter_topic, topic_for
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer, EventProducer
from oneoffice.eventcore.kafka.topics import ensure_topic
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.incoming_documents_projection import IncomingDocumentsProjection, SqlIncomingDocumentReader
from .adapters.outgoing_documents_projection import OutgoingDocumentsProjection, SqlOutgoingDocumentReader
from .adapters.outgoing_reference import load_outgoing_rules
from .adapters.reference_data import load_catalogue
from .application.get_incoming import GetIncomingDocumentHandler
from .application.outgoing_commands import OutgoingDocumentHandlers
from .application.outgoing_views import OutgoingDocumentReader
from .application.register_incoming import RegisterIncomingDocumentHandler
from .config import Settings
from .domain.catalogue import ReferenceCatalogue
from .domain.outgoing_rules import OutgoingRules

# Alembic version directories of this service's own tables, upgraded with the event store's.
# (The read model's tables are created by its projection runner, one generation at a time.)
VERSION_LOCATIONS: tuple[Path, ...] = ()
# The name the service's own store goes by as a source of subscriptions.
STORE_NAME = "documents"


def event_registry() -> EventRegistry:
    registry = EventRegistry(EVENTS)
    for event_type, from_version, upcaster in UPCASTERS:
        registry.register_upcaster(event_type, from_version, upcaster)
    return registry


@dataclass(slots=True)
class DocumentsContainer(ServiceContainer):
    settings: Settings
    engine: AsyncEngine
    store: EventStore
    catalogue: ReferenceCatalogue
    register_incoming: RegisterIncomingDocumentHandler
    get_incoming: GetIncomingDocumentHandler
    incoming_documents: ProjectionRunner
    subscription: StoreSubscription
    relay: OutboxRelay | None = None
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("documents"))
    # Outgoing documents (văn bản đi): their rules, use cases, read model and its subscription.
    outgoing_rules: OutgoingRules = field(default_factory=OutgoingRules)
    outgoing: OutgoingDocumentHandlers | None = None
    outgoing_reader: OutgoingDocumentReader | None = None
    outgoing_documents: ProjectionRunner | None = None
    outgoing_subscription: StoreSubscription | None = None
    clock: Clock = field(default_factory=SystemClock)


async def bootstrap(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    catalogue: ReferenceCatalogue | None = None,
    producer: EventProducer | None = None,
    follow_events: bool = True,
    max_register_attempts: int = 5,
    telemetry: ServiceTelemetry | None = None,
    outgoing_rules: OutgoingRules | None = None,
) -> DocumentsContainer:
    """Open the database, bring its schema up to date, wire the service and start its followers.

    Followers: the local read model's subscription on the store, and (only with ``kafka_bootstrap``)
    the outbox relay to the documents topic. ``follow_events=False`` wires without starting them
    (``migrate``). ``producer`` replaces the Kafka producer of the relay. Whatever was made is undone
    when a later step fails.
    """
    clock = clock or SystemClock()
    telemetry = telemetry or ServiceTelemetry.create("documents")
    catalogue = catalogue or load_catalogue(settings.reference_data_dir)
    outgoing_rules = outgoing_rules or load_outgoing_rules(settings.reference_data_dir)
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
        runner = ProjectionRunner(engine, IncomingDocumentsProjection(), clock)
        await runner.start()
        applier = BatchApplier(engine, IncomingDocumentsProjection.name, runner, clock=clock)
        subscription = StoreSubscription(
            store,
            applier,
            source_name=STORE_NAME,
            on_consumed=telemetry.on_consumed(IncomingDocumentsProjection.name),
            on_lag=telemetry.on_lag(IncomingDocumentsProjection.name),
            on_retry=telemetry.on_retry(IncomingDocumentsProjection.name),
            on_halt=telemetry.on_halt(IncomingDocumentsProjection.name),
        )
        if follow_events:
            subscription.start()
            resources.push_async_callback(subscription.stop)
        outgoing_runner, outgoing_subscription = await _outgoing_follower(engine, store, clock, telemetry)
        if follow_events:
            outgoing_subscription.start()
            resources.push_async_callback(outgoing_subscription.stop)
        relay: OutboxRelay | None = None
        if settings.kafka_bootstrap:
            relay = _relay(settings, store, clock, telemetry, producer, resources)
            if follow_events:
                relay.start()
                resources.push_async_callback(relay.stop)

        def appended() -> None:
            subscription.notify()
            outgoing_subscription.notify()
            if relay is not None:
                relay.notify()

        register = RegisterIncomingDocumentHandler(
            store,
            clock,
            catalogue,
            event_registry(),
            on_appended=appended,
            max_attempts=max_register_attempts,
        )
        get = GetIncomingDocumentHandler(SqlIncomingDocumentReader(engine, runner))
        container = DocumentsContainer(
            settings=settings,
            engine=engine,
            store=store,
            catalogue=catalogue,
            register_incoming=register,
            get_incoming=get,
            incoming_documents=runner,
            subscription=subscription,
            relay=relay,
            telemetry=telemetry,
            outgoing_rules=outgoing_rules,
            outgoing=OutgoingDocumentHandlers(
                store,
                clock,
                outgoing_rules,
                event_registry(),
                on_appended=appended,
                max_attempts=max(max_register_attempts, 8),
            ),
            outgoing_reader=SqlOutgoingDocumentReader(engine, outgoing_runner),
            outgoing_documents=outgoing_runner,
            outgoing_subscription=outgoing_subscription,
            clock=clock,
            _resources=resources.pop_all(),
        )
    return container


async def _outgoing_follower(
    engine: AsyncEngine, store: EventStore, clock: Clock, telemetry: ServiceTelemetry
) -> tuple[ProjectionRunner, StoreSubscription]:
    """The read model of outgoing documents and the subscription that feeds it (not started)."""
    name = OutgoingDocumentsProjection.name
    runner = ProjectionRunner(engine, OutgoingDocumentsProjection(), clock)
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
    return runner, subscription


async def _ensure_topics(settings: Settings) -> None:
    """Create the documents topic and its dead-letter topic (the relay's ``prepare``).

    Not left to the broker's auto-creation, which gives them its default retention: they keep every
    record, so a rebuild can always replay them from their first event.
    """
    assert settings.kafka_bootstrap is not None
    topic = topic_for("documents", settings.kafka_topic_prefix)
    for name in (topic, dead_letter_topic(topic)):
        await ensure_topic(
            settings.kafka_bootstrap,
            name,
            partitions=settings.kafka_topic_partitions,
            client_id="oneoffice-documents-topics",
        )


def _relay(
    settings: Settings,
    store: EventStore,
    clock: Clock,
    telemetry: ServiceTelemetry,
    producer: EventProducer | None,
    resources: AsyncExitStack,
) -> OutboxRelay:
    """The outbox relay to the documents topic; a producer made here is stopped with ``resources``."""
    assert settings.kafka_bootstrap is not None
    if producer is None:
        kafka = AiokafkaEventProducer(
            settings.kafka_bootstrap,
            client_id="oneoffice-documents",
            max_message_bytes=settings.kafka_max_message_bytes,
        )
        resources.push_async_callback(kafka.stop)
    topic = topic_for("documents", settings.kafka_topic_prefix)
    return OutboxRelay(
        store,
        producer or kafka,
        topic,
        clock=clock,
        tracer_provider=telemetry.tracer_provider,
        on_published=telemetry.on_published(topic),
        on_lag=telemetry.metrics.set_relay_lag,
        # Topics are made by the relay that owns its producer, before it first publishes; not at
        # start, so the service starts (and serves registrations) while Kafka is away.
        prepare=(lambda: _ensure_topics(settings)) if producer is None else None,
    )
