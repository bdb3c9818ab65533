"""Observability for a service, set up from its composition root (nothing happens at import).

- :mod:`.tracing`: the service's ``TracerProvider`` and W3C trace context in event metadata;
- :mod:`.instrumentation`: FastAPI, gRPC aio and SQLAlchemy spans on that provider;
- :mod:`.kafka`: FastStream's ``KafkaTelemetryMiddleware`` on that provider;
- :mod:`.logging`: JSON logs through structlog, with the current trace and span ids;
- :mod:`.metrics`: Prometheus counters and gauges of the event runtime, and their HTTP exposition.

Framework-specific helpers import their framework only when called.
"""

from oneoffice.eventcore.telemetry.instrumentation import (
    grpc_client_interceptors,
    grpc_server_interceptor,
    instrument_fastapi,
    instrument_sqlalchemy,
)
from oneoffice.eventcore.telemetry.kafka import telemetry_middleware
from oneoffice.eventcore.telemetry.logging import add_trace_ids, broker_logger, get_logger, setup_logging
from oneoffice.eventcore.telemetry.metrics import (
    EventMetrics,
    FailureKind,
    MetricsServer,
    metrics_asgi_app,
    new_registry,
    serve_metrics,
)
from oneoffice.eventcore.telemetry.tracing import (
    extract_trace_context,
    inject_trace_context,
    otlp_traces_url,
    resource_service_name,
    setup_tracing,
    start_consumer_span,
    use_trace_context,
)

__all__ = [
    "EventMetrics",
    "FailureKind",
    "MetricsServer",
    "add_trace_ids",
    "broker_logger",
    "extract_trace_context",
    "get_logger",
    "grpc_client_interceptors",
    "grpc_server_interceptor",
    "inject_trace_context",
    "instrument_fastapi",
    "instrument_sqlalchemy",
    "metrics_asgi_app",
    "new_registry",
    "otlp_traces_url",
    "resource_service_name",
    "serve_metrics",
    "setup_logging",
    "setup_tracing",
    "start_consumer_span",
    "telemetry_middleware",
    "use_trace_context",
]
