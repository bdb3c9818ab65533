"""Part of the composition root: where a projection of another service's events (the documents or the
staff service's) reads them.

Chosen from settings, never in the code that uses them:

- distributed (``kafka_bootstrap`` set): the service's topic through a FastStream broker, in a
  consumer group of the subscription's own; a rebuild replays the topic from its earliest offsets;
- embedded (the service's store given): a catch-up subscription on that store in the same process;
  a rebuild replays that store;
- neither: nothing to follow, nothing to replay.
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import BatchApplier, DeadLetterHook, Delivery
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.kafka import clients as kafka_clients
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.kafka.subscription import KafkaSubscription
from oneoffice.eventcore.projection import ProjectionRunner, Replay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.kafka_replay import KafkaTopicReplay
from .adapters.kafka_source import KafkaFollower
from .adapters.store_source import StoreFollower, StoreReplay
from .application.rebuild import LiveFollower
from .config import Settings

Reader = TypeVar("Reader")


class EventFollower(LiveFollower, Protocol):
    """Keeps a projection current from another service's events while the service runs."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass(slots=True)
class FollowedProjection(Generic[Reader]):
    """A read model of another service's events, as wired: what applies and follows, and its reader."""

    runner: ProjectionRunner
    applier: BatchApplier
    reader: Reader
    # Where a rebuild replays (None: no source configured), and the live follower (None: none).
    replay: Replay | None
    follower: EventFollower | None


@dataclass(frozen=True, slots=True)
class EventSource:
    settings: Settings
    engine: AsyncEngine
    clock: Clock
    telemetry: ServiceTelemetry
    store: EventStore | None
    # False: a rebuild's source only, no live follower (one-off commands).
    live: bool
    # Whose events: its topic, or its store (``store``).
    service: str = "documents"

    def __call__(
        self,
        applier: BatchApplier,
        subscription_name: str,
        *,
        group_id: str | None = None,
        broker: KafkaBroker | None = None,
        dead_letter_producer: AiokafkaEventProducer | None = None,
    ) -> tuple[Replay | None, EventFollower | None]:
        """Where a rebuild of ``applier``'s projection replays, and its live follower (unstarted).

        ``group_id``: its Kafka consumer group (default the service's); ``broker`` and
        ``dead_letter_producer`` replace the Kafka clients made here.
        """
        if self.settings.kafka_bootstrap:
            return self._kafka(applier, subscription_name, group_id, broker, dead_letter_producer)
        if self.store is not None:
            return self._store(self.store, applier, subscription_name)
        return None, None

    async def follow(
        self, resources: AsyncExitStack, runner: ProjectionRunner, subscription_name: str, **options: Any
    ) -> tuple[BatchApplier, Replay | None, EventFollower | None]:
        """``runner``'s applier (which counts its dead letters), a rebuild's source and the live
        follower, started (stopped by ``resources``); ``options`` as for calling the source."""
        applier = BatchApplier(
            self.engine,
            subscription_name,
            runner,
            clock=self.clock,
            on_dead_letter=count_dead_letters(self.telemetry, subscription_name),
        )
        replay, follower = self(applier, subscription_name, **options)
        if follower is not None:
            # Stopping is safe whatever the start got to: pushed first, so a failed start is undone.
            resources.push_async_callback(follower.stop)
            await follower.start()
        return applier, replay, follower

    def _store(
        self, store: EventStore, applier: BatchApplier, subscription_name: str
    ) -> tuple[Replay, EventFollower | None]:
        telemetry = self.telemetry
        follower = (
            StoreFollower(
                store,
                applier,
                source_name=self.service,
                on_consumed=telemetry.on_consumed(subscription_name),
                on_lag=telemetry.on_lag(subscription_name),
                on_retry=telemetry.on_retry(subscription_name),
                on_halt=telemetry.on_halt(subscription_name),
            )
            if self.live
            else None
        )
        return StoreReplay(store, self.engine, source_name=self.service, clock=self.clock), follower

    def _kafka(
        self,
        applier: BatchApplier,
        subscription_name: str,
        group_id: str | None,
        broker: KafkaBroker | None,
        dead_letter_producer: AiokafkaEventProducer | None,
    ) -> tuple[Replay, EventFollower | None]:
        settings, telemetry = self.settings, self.telemetry
        assert settings.kafka_bootstrap is not None
        topics = [topic_for(self.service, settings.kafka_topic_prefix)]
        replay = KafkaTopicReplay(settings.kafka_bootstrap, topics, self.engine, clock=self.clock)
        if not self.live:
            return replay, None
        broker = broker or kafka_clients.kafka_broker(
            settings, telemetry, client_id=f"oneoffice-{subscription_name}"
        )
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
        return replay, KafkaFollower(broker, subscription, dead_letters, connections=telemetry.connections)


def count_dead_letters(telemetry: ServiceTelemetry, subscription_name: str) -> DeadLetterHook:
    """The applier's hook that counts what ``subscription_name`` sent to its dead-letter topic."""

    async def count(source: str, partition: int, delivery: Delivery, error: str) -> None:
        telemetry.metrics.dead_lettered(subscription_name)

    return count
