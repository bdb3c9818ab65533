"""What a service's composition root hands back: its parts, and one ``aclose()`` for all it made.

A bootstrap pushes every resource on an :class:`~contextlib.AsyncExitStack` as it makes it (an
engine's ``dispose``, a follower's ``stop``), inside ``async with``: if a later step fails, leaving
the block undoes exactly what was made. On success it moves the stack into the container
(``_resources=stack.pop_all()``), whose ``aclose()`` then undoes it all, in reverse order.

What every service's root makes the same way is made here once: its event store
(:func:`open_event_store`) and, when it publishes, its outbox relay to its own topic, which it
creates with infinite retention (:func:`outbox_relay`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.topics import dead_letter_topic, topic_for

from .append_plan import max_event_bytes
from .clock import Clock
from .database import create_engine
from .kafka.producer import AiokafkaEventProducer, EventProducer
from .kafka.topics import ensure_topic
from .migrations import upgrade
from .relay import OutboxRelay
from .settings import GrpcServiceSettings
from .store import EventStore
from .telemetry.metrics import FailureKind
from .telemetry.service import ServiceTelemetry


@dataclass(slots=True)
class ServiceContainer:
    # Keyword-only, so a container's own fields, with or without defaults, come first.
    _resources: AsyncExitStack = field(default_factory=AsyncExitStack, kw_only=True)

    async def aclose(self) -> None:
        await self._resources.aclose()


async def open_event_store(
    resources: AsyncExitStack,
    settings: GrpcServiceSettings,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    engine: AsyncEngine | None = None,
    version_locations: Sequence[Path] = (),
) -> EventStore:
    """A service's own database, brought up to date, and its event store; both undone by ``resources``.

    From ``settings``: the database URL, and the largest event the store keeps (what the service's
    topic takes per message, less the relay's headers), the same rule in every service.
    ``engine`` replaces the one made from the URL (it is disposed all the same).
    """
    # The only place the URL, a secret, is unwrapped.
    engine = engine or create_engine(settings.database_url.get_secret_value())
    resources.push_async_callback(engine.dispose)
    telemetry.instrument_engine(engine)
    await upgrade(engine, version_locations=version_locations)
    store = EventStore(
        engine,
        clock,
        tracer_provider=telemetry.tracer_provider,
        on_appended=telemetry.on_appended(),
        max_event_bytes=max_event_bytes(settings.kafka_max_message_bytes),
    )
    resources.push_async_callback(store.close)
    return store


def outbox_relay(
    service: str,
    resources: AsyncExitStack,
    settings: GrpcServiceSettings,
    store: EventStore,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    producer: EventProducer | None = None,
) -> OutboxRelay:
    """The outbox relay of ``service``'s store to its topic (``settings.kafka_bootstrap`` must be set).

    ``producer`` replaces the Kafka producer; one made here is stopped with ``resources``. The relay
    is returned unstarted: the service starts it when it follows events.
    """
    assert settings.kafka_bootstrap is not None
    if producer is None:
        kafka = AiokafkaEventProducer(
            settings.kafka_bootstrap,
            client_id=f"oneoffice-{service}",
            max_message_bytes=settings.kafka_max_message_bytes,
        )
        resources.push_async_callback(kafka.stop)
    topic = topic_for(service, settings.kafka_topic_prefix)
    name = f"relay:{topic}"

    def publish_failed() -> None:
        telemetry.metrics.event_failed(name, FailureKind.PUBLISH_ERROR)
        telemetry.connections.waiting(name)

    return OutboxRelay(
        store,
        producer or kafka,
        topic,
        name=name,
        clock=clock,
        tracer_provider=telemetry.tracer_provider,
        on_published=telemetry.on_published(topic),
        on_lag=telemetry.metrics.set_relay_lag,
        on_publish_error=publish_failed,
        on_recovered=lambda: telemetry.connections.connected(name),
        # Topics are made by the relay that owns its producer, before it first publishes; not at
        # start, so the service starts (and serves commands) while Kafka is away.
        prepare=(lambda: ensure_service_topics(service, settings)) if producer is None else None,
    )


async def ensure_service_topics(service: str, settings: GrpcServiceSettings) -> None:
    """Create ``service``'s topic and its dead-letter topic (the relay's ``prepare``).

    Not left to the broker's auto-creation, which gives them its default retention: they keep every
    record, so a rebuild can always replay them from their first event.
    """
    assert settings.kafka_bootstrap is not None
    topic = topic_for(service, settings.kafka_topic_prefix)
    for name in (topic, dead_letter_topic(topic)):
        await ensure_topic(
            settings.kafka_bootstrap,
            name,
            partitions=settings.kafka_topic_partitions,
            client_id=f"oneoffice-{service}-topics",
        )
