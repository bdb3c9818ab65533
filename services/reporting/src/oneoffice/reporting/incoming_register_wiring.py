"""Part of the composition root: the incoming register (#3) — its projection of the documents
service's events, the applier and follower that keep it current, its reader and a rebuild's source."""

from __future__ import annotations

from contextlib import AsyncExitStack

from faststream.kafka import KafkaBroker
from opentelemetry import trace

from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.projection import ProjectionRunner

from .adapters.incoming_register_projection import IncomingRegisterProjection
from .adapters.incoming_register_reader import SqlIncomingRegisterReader
from .event_source import EventSource, FollowedProjection

SUBSCRIPTION = IncomingRegisterProjection.name


IncomingRegister = FollowedProjection[SqlIncomingRegisterReader]


async def incoming_register(
    resources: AsyncExitStack,
    source: EventSource,
    *,
    tracer_provider: trace.TracerProvider,
    broker: KafkaBroker | None = None,
    dead_letter_producer: AiokafkaEventProducer | None = None,
) -> IncomingRegister:
    """The projection, started, and its follower (started; stopped by ``resources``).

    ``broker`` and ``dead_letter_producer`` replace the Kafka clients of its follower.
    """
    engine, clock = source.engine, source.clock
    runner = ProjectionRunner(engine, IncomingRegisterProjection(tracer_provider=tracer_provider), clock)
    await runner.start()
    applier, replay, follower = await source.follow(
        resources, runner, SUBSCRIPTION, broker=broker, dead_letter_producer=dead_letter_producer
    )
    return IncomingRegister(runner, applier, SqlIncomingRegisterReader(engine, runner), replay, follower)
