"""Every follower's Kafka clients come from one factory, with the options they all share."""

from __future__ import annotations

from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware

from oneoffice.eventcore.kafka.clients import dead_letter_producer, kafka_broker
from oneoffice.eventcore.kafka.connecting import RETRY_BACKOFF_MS
from oneoffice.eventcore.settings import GrpcServiceSettings
from oneoffice.eventcore.telemetry import broker_logger
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

SETTINGS = GrpcServiceSettings.model_construct(kafka_bootstrap="kafka-1:9092,kafka-2:9092")


def test_a_broker_traces_logs_backs_off_and_names_its_follower() -> None:
    broker = kafka_broker(SETTINGS, ServiceTelemetry.create("test"), client_id="oneoffice-test-follower")

    config = broker.config.broker_config
    consumer = config.builder.keywords  # what each of its consumers is made with
    assert consumer["bootstrap_servers"] == ["kafka-1:9092", "kafka-2:9092"]
    assert consumer["client_id"] == config.client_id == "oneoffice-test-follower"
    assert consumer["retry_backoff_ms"] == RETRY_BACKOFF_MS
    assert any(isinstance(m, KafkaTelemetryMiddleware) for m in broker.middlewares)
    # Through the logging setup's JSON lines, not FastStream's default coloured text on stdout.
    assert config.logger.params_storage.get_logger(context=config.context) is broker_logger()


def test_a_dead_letter_producer_is_made_for_the_same_bootstrap_servers() -> None:
    producer = dead_letter_producer(SETTINGS, client_id="oneoffice-test-dead-letters")
    assert (producer._bootstrap, producer._client_id) == (
        SETTINGS.kafka_bootstrap,
        "oneoffice-test-dead-letters",
    )
