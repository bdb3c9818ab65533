"""Part of the composition root: the staff of each commune known to this service (#12: handlers must
be staff of the commune; a username names a person), and what keeps them current.

The same sources as :mod:`.units_wiring`: the staff topic when ``kafka_bootstrap`` is set (its own
consumer group, ``<kafka_group_id>.commune-staff``), the staff store when embedded, else nothing (every
handler is then refused as not staff).
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.kafka.clients import dead_letter_producer, kafka_broker
from oneoffice.eventcore.kafka.subscription import KafkaSubscription
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.commune_staff_projection import CommuneStaffProjection, SqlCommuneStaff
from .adapters.staff_topic_follower import StaffTopicFollower
from .config import Settings
from .units_wiring import STAFF_STORE

SUBSCRIPTION = CommuneStaffProjection.name


@dataclass(slots=True)
class KnownStaff:
    directory: SqlCommuneStaff
    runner: ProjectionRunner
    topic_follower: StaffTopicFollower | None = None
    store_follower: StoreSubscription | None = None


async def known_staff(
    resources: AsyncExitStack,
    settings: Settings,
    engine: AsyncEngine,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    staff_store: EventStore | None,
    follow: bool,
) -> KnownStaff:
    """The read model, started, and its follower (started when ``follow``; stopped by ``resources``)."""
    runner = ProjectionRunner(engine, CommuneStaffProjection(), clock)
    await runner.start()
    known = KnownStaff(SqlCommuneStaff(engine, runner), runner)
    if not follow:
        return known
    applier = BatchApplier(engine, SUBSCRIPTION, runner, clock=clock)
    consumed, retried = telemetry.on_consumed(SUBSCRIPTION), telemetry.on_retry(SUBSCRIPTION)
    halted = telemetry.on_halt(SUBSCRIPTION)
    if settings.kafka_bootstrap:
        dead_letters = dead_letter_producer(settings, client_id="oneoffice-documents-staff-dead-letters")
        broker = kafka_broker(settings, telemetry, client_id="oneoffice-documents-commune-staff")
        subscription = KafkaSubscription(
            broker,
            [topic_for("staff", settings.kafka_topic_prefix)],
            applier,
            group_id=f"{settings.kafka_group_id}.commune-staff",
            dead_letter_producer=dead_letters,
            on_consumed=consumed,
            on_lag=telemetry.on_partition_lag(SUBSCRIPTION),
            on_retry=retried,
            on_halt=halted,
        )
        known.topic_follower = StaffTopicFollower(
            broker, subscription, dead_letters, connections=telemetry.connections
        )
        resources.push_async_callback(known.topic_follower.stop)
        known.topic_follower.start()
    elif staff_store is not None:
        known.store_follower = StoreSubscription(
            staff_store,
            applier,
            source_name=STAFF_STORE,
            on_consumed=consumed,
            on_lag=telemetry.on_lag(SUBSCRIPTION),
            on_retry=retried,
            on_halt=halted,
        )
        known.store_follower.start()
        resources.push_async_callback(known.store_follower.stop)
    return known
