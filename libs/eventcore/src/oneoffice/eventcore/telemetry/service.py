"""One object a service's composition root passes to its adapters for traces and metrics.

Process-wide setup (JSON logs, the global tracer provider, the metrics endpoint) happens once in
the entry point (:func:`configure_process`); each service's bootstrap then takes a
:class:`ServiceTelemetry` parameter whose default uses the global provider and a fresh registry.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from prometheus_client import CollectorRegistry

from ..connections import SourceConnections
from ..gc_tuning import DEFAULT_YOUNG_THRESHOLD, tune_garbage_collector
from ..grpc_runtime import GrpcServer, serve_until_signalled
from ..halting import OnHalt, SubscriptionHalts
from .instrumentation import grpc_client_interceptors, grpc_server_interceptor, instrument_sqlalchemy
from .logging import setup_logging
from .metrics import EventMetrics, new_registry, serve_metrics
from .tracing import setup_tracing

_log = logging.getLogger("oneoffice.service")


@dataclass(slots=True)
class ServiceTelemetry:
    service: str
    tracer_provider: trace.TracerProvider
    metrics: EventMetrics
    # Halted subscriptions of this service; its gRPC server listens (grpc_runtime.report_halts).
    halts: SubscriptionHalts = field(init=False)
    # What waits for Kafka; its gRPC server listens (grpc_runtime.report_connections).
    connections: SourceConnections = field(init=False)

    def __post_init__(self) -> None:
        self.halts = SubscriptionHalts(self.metrics)
        self.connections = SourceConnections(self.metrics)

    @classmethod
    def create(
        cls,
        service: str,
        *,
        tracer_provider: trace.TracerProvider | None = None,
        registry: CollectorRegistry | None = None,
        process_metrics: bool = False,
    ) -> ServiceTelemetry:
        """``process_metrics``: the registry also carries CPU, memory, file descriptors and GC (the
        process's own telemetry: its entry point asks, not the containers of an embedded process)."""
        return cls(
            service=service,
            tracer_provider=tracer_provider or trace.get_tracer_provider(),
            metrics=EventMetrics(registry or new_registry(process_metrics=process_metrics), service),
        )

    @property
    def registry(self) -> CollectorRegistry:
        registry: CollectorRegistry = self.metrics.registry
        return registry

    def _sdk_provider(self) -> TracerProvider | None:
        provider = self.tracer_provider
        return provider if isinstance(provider, TracerProvider) else None

    def grpc_server_interceptors(self) -> list[Any]:
        provider = self._sdk_provider()
        return [grpc_server_interceptor(provider)] if provider else []

    def grpc_client_interceptors(self) -> list[Any]:
        provider = self._sdk_provider()
        return list(grpc_client_interceptors(provider)) if provider else []

    def instrument_engine(self, engine: Any) -> None:
        provider = self._sdk_provider()
        if provider is not None:
            instrument_sqlalchemy(engine, provider)

    def on_appended(self) -> Callable[[str, int], None]:
        return self.metrics.event_appended

    def on_published(self, topic: str) -> Callable[[int], None]:
        return lambda count: self.metrics.event_published(topic, count)

    def on_consumed(self, subscription: str) -> Callable[[int], None]:
        return lambda count: self.metrics.event_consumed(subscription, count)

    def on_partition_lag(self, subscription: str) -> Callable[[str, int, int], None]:
        return lambda topic, partition, lag: self.metrics.set_consumer_lag(
            subscription, f"{topic}/{partition}", lag
        )

    def on_lag(self, subscription: str) -> Callable[[int], None]:
        return lambda lag: self.metrics.set_consumer_lag(subscription, "store", lag)

    def on_retry(self, subscription: str) -> Callable[[str], None]:
        return lambda reason: self.metrics.subscription_retried(subscription, reason)

    def on_halt(self, subscription: str) -> OnHalt:
        return self.halts.on_halt(subscription)


def configure_process(
    service_name: str,
    *,
    log_level: str = "INFO",
    log_json: bool = True,
    otlp_endpoint: str | None = None,
    gc_young_threshold: int = DEFAULT_YOUNG_THRESHOLD,
) -> TracerProvider:
    """JSON logs, the garbage collector's pace and the global tracer provider of this process (call
    once, from the entry point)."""
    setup_logging(service_name, log_level, json=log_json)
    tune_garbage_collector(gc_young_threshold)
    return setup_tracing(service_name, otlp_endpoint=otlp_endpoint, set_global=True)


class _MetricsSettings(Protocol):
    metrics_host: str
    metrics_port: int


class Closable(Protocol):
    """A service's container: what its bootstrap made, undone by one ``aclose()``."""

    async def aclose(self) -> None: ...


Container = TypeVar("Container", bound=Closable)


async def run_grpc_service(
    service: str,
    settings: _MetricsSettings,
    bootstrap: Callable[..., Awaitable[Container]],
    build_server: Callable[[Container], GrpcServer],
) -> None:
    """What a service's ``serve`` command does: metrics endpoint, bootstrap, gRPC until a signal."""
    telemetry = ServiceTelemetry.create(service, process_metrics=True)
    async with AsyncExitStack() as stack:
        if settings.metrics_port:
            metrics = serve_metrics(telemetry.registry, settings.metrics_host, settings.metrics_port)
            stack.callback(metrics.close)
        container = await bootstrap(settings, telemetry=telemetry)
        stack.push_async_callback(container.aclose)
        server = build_server(container)
        _log.info("%s serving gRPC on %s", service, server.target)
        await serve_until_signalled(server)
    _log.info("%s stopped", service)
