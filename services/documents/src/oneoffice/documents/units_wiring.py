"""Part of the composition root: the units known to this service, and what keeps them current.

Chosen from settings, as reporting chooses its source of documents events:

- distributed (``kafka_bootstrap`` set): the staff topic through a FastStream broker, connected in
  the background (the service starts while Kafka is away);
- embedded (``staff_store`` given): a catch-up subscription on the staff service's store in the
  same process;
- neither: nothing feeds the read model; every command naming a commune is refused, saying the units
  are not known yet (a test or a deployment that wants otherwise passes its own ``UnitDirectory``).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass

from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.envelope import Envelope, StoredEvent
from oneoffice.eventcore.kafka.clients import dead_letter_producer, kafka_broker
from oneoffice.eventcore.kafka.subscription import KafkaSubscription
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.known_units_projection import KnownUnitsProjection, SqlUnitDirectory
from .adapters.staff_topic_follower import StaffTopicFollower
from .config import Settings

# The staff store's name as a source of subscriptions (embedded mode).
STAFF_STORE = "staff"
SUBSCRIPTION = KnownUnitsProjection.name


@dataclass(slots=True)
class KnownUnits:
    directory: SqlUnitDirectory
    runner: ProjectionRunner
    # What follows the staff events (None: nothing does, or not started: a one-off command).
    topic_follower: StaffTopicFollower | None = None
    store_follower: StoreSubscription | None = None


async def known_units(
    resources: AsyncExitStack,
    settings: Settings,
    engine: AsyncEngine,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    staff_store: EventStore | None,
    broker: KafkaBroker | None,
    follow: bool,
    also: Sequence[ProjectionRunner] = (),
) -> KnownUnits:
    """The read model, started, and its follower (started when ``follow``; stopped by ``resources``).

    ``also``: more read models of the staff events, started, applied by the same follower in the
    same transactions (one checkpoint: a read model added later sees only what comes after).
    """
    if settings.kafka_bootstrap and staff_store is not None:
        raise ValueError("choose one source of the staff events: Kafka (kafka_bootstrap) or the staff store")
    runner = ProjectionRunner(engine, KnownUnitsProjection(), clock)
    await runner.start()
    units = KnownUnits(SqlUnitDirectory(engine, runner), runner)
    if not follow:
        return units
    applier = BatchApplier(engine, SUBSCRIPTION, _Together(runner, *also) if also else runner, clock=clock)
    consumed, retried = telemetry.on_consumed(SUBSCRIPTION), telemetry.on_retry(SUBSCRIPTION)
    halted = telemetry.on_halt(SUBSCRIPTION)
    if settings.kafka_bootstrap:
        dead_letters = dead_letter_producer(settings, client_id="oneoffice-documents-dead-letters")
        broker = broker or kafka_broker(settings, telemetry, client_id="oneoffice-documents-known-units")
        subscription = KafkaSubscription(
            broker,
            [topic_for("staff", settings.kafka_topic_prefix)],
            applier,
            group_id=settings.kafka_group_id,
            dead_letter_producer=dead_letters,
            on_consumed=consumed,
            on_lag=telemetry.on_partition_lag(SUBSCRIPTION),
            on_retry=retried,
            on_halt=halted,
        )
        units.topic_follower = StaffTopicFollower(
            broker, subscription, dead_letters, connections=telemetry.connections
        )
        resources.push_async_callback(units.topic_follower.stop)
        units.topic_follower.start()
    elif staff_store is not None:
        units.store_follower = StoreSubscription(
            staff_store,
            applier,
            source_name=STAFF_STORE,
            on_consumed=consumed,
            on_lag=telemetry.on_lag(SUBSCRIPTION),
            on_retry=retried,
            on_halt=halted,
        )
        units.store_follower.start()
        resources.push_async_callback(units.store_follower.stop)
    return units


class _Together:
    """Several read models applying the same events in one transaction, in order."""

    def __init__(self, *runners: ProjectionRunner) -> None:
        self._runners = runners

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        for runner in self._runners:
            await runner.handle(conn, events)

    async def handle_stored(self, conn: AsyncConnection, events: Sequence[StoredEvent]) -> None:
        for runner in self._runners:
            await runner.handle_stored(conn, events)
