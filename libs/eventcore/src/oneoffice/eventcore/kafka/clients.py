"""The Kafka clients a service's followers make, built in one place from the service's settings.

Every FastStream broker of OneOffice is made by :func:`kafka_broker`, so each one traces through
the service's provider, logs through structlog and backs off :data:`~.connecting.RETRY_BACKOFF_MS`
between retries while Kafka is away; a connection option added later (security, SASL, TLS) is added
here once. The dead-letter producer a subscription needs comes from :func:`dead_letter_producer`.
"""

from __future__ import annotations

from faststream.kafka import KafkaBroker

from ..settings import GrpcServiceSettings
from ..telemetry import broker_logger, telemetry_middleware
from ..telemetry.service import ServiceTelemetry
from .connecting import RETRY_BACKOFF_MS
from .producer import AiokafkaEventProducer


def kafka_broker(
    settings: GrpcServiceSettings, telemetry: ServiceTelemetry, *, client_id: str
) -> KafkaBroker:
    """A broker for ``settings.kafka_bootstrap`` (which must be set), unstarted.

    ``client_id`` names the follower to the Kafka broker (its logs and quotas), e.g.
    ``oneoffice-reporting-work-board``.
    """
    assert settings.kafka_bootstrap is not None
    return KafkaBroker(
        # Split here: FastStream takes one string as one server, where aiokafka splits "a:9092,b:9092".
        [server.strip() for server in settings.kafka_bootstrap.split(",")],
        client_id=client_id,
        middlewares=[telemetry_middleware(telemetry.tracer_provider)],
        logger=broker_logger(),
        retry_backoff_ms=RETRY_BACKOFF_MS,
    )


def dead_letter_producer(settings: GrpcServiceSettings, *, client_id: str) -> AiokafkaEventProducer:
    """The producer a subscription sends what keeps failing with, unstarted."""
    assert settings.kafka_bootstrap is not None
    return AiokafkaEventProducer(settings.kafka_bootstrap, client_id=client_id)
