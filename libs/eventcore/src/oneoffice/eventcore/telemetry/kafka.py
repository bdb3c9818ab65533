"""Tracing at the Kafka edge: FastStream's own telemetry middleware, bound to the service's provider.

FastStream's middleware, not the aiokafka instrumentor as well: both would add spans and
``traceparent`` headers for the same message. The middleware puts the publisher's context in the
message headers and starts each subscriber's ``process`` span as its child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider

if TYPE_CHECKING:
    from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware


def telemetry_middleware(
    provider: TracerProvider, *, meter_provider: MeterProvider | None = None
) -> KafkaTelemetryMiddleware:
    """For ``KafkaBroker(middlewares=[telemetry_middleware(provider)])``.

    Its OpenTelemetry metrics go to ``meter_provider`` (the global one, a no-op unless set, by
    default); the Prometheus counters of :class:`~.metrics.EventMetrics` do not depend on it.
    """
    # Imported here: only services with a Kafka edge install FastStream.
    from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware

    return KafkaTelemetryMiddleware(tracer_provider=provider, meter_provider=meter_provider)
