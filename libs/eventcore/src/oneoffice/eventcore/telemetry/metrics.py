"""Prometheus metrics of the event runtime, on a registry owned by the service container.

Never the process-global ``REGISTRY``: tests and the embedded mode build several containers in one
process, and registering the same metric name twice on one registry raises.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from wsgiref.simple_server import WSGIServer

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    PlatformCollector,
    ProcessCollector,
    make_asgi_app,
    start_http_server,
)


class FailureKind(StrEnum):
    """Why a message was not handled on this attempt (the ``kind`` label)."""

    RETRY = "retry"
    DEAD_LETTER = "dead_letter"
    PUBLISH_ERROR = "publish_error"


def new_registry(*, process_metrics: bool = True) -> CollectorRegistry:
    """A fresh registry for one service container, with the process/platform/GC collectors if asked."""
    registry = CollectorRegistry()
    if process_metrics:
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        GCCollector(registry=registry)
    return registry


class EventMetrics:
    """Counters and gauges of appending, publishing and consuming events, labelled with ``service``."""

    def __init__(self, registry: CollectorRegistry | None, service: str) -> None:
        self.registry = registry if registry is not None else new_registry()
        self.service = service
        reg = self.registry
        self.events_appended = Counter(
            "oneoffice_events_appended_total",
            "Events appended to the event store.",
            ["service", "event_type"],
            registry=reg,
        )
        self.events_published = Counter(
            "oneoffice_events_published_total",
            "Events the outbox relay published to Kafka.",
            ["service", "topic"],
            registry=reg,
        )
        self.events_consumed = Counter(
            "oneoffice_events_consumed_total",
            "Events a subscription handled successfully.",
            ["service", "subscription"],
            registry=reg,
        )
        self.event_failures = Counter(
            "oneoffice_event_failures_total",
            "Failed attempts to handle or publish an event, by kind (retry, dead_letter, publish_error).",
            ["service", "subscription", "kind"],
            registry=reg,
        )
        self.dead_letters = Counter(
            "oneoffice_dead_letters_total",
            "Events sent to a dead-letter topic after their retries ran out.",
            ["service", "subscription"],
            registry=reg,
        )
        self.consumer_lag = Gauge(
            "oneoffice_consumer_lag",
            "Messages between a subscription's committed position and the end of its partition.",
            ["service", "subscription", "partition"],
            registry=reg,
        )
        self.relay_lag_events = Gauge(
            "oneoffice_relay_lag_events",
            "Events recorded in the outbox and not yet published.",
            ["service"],
            registry=reg,
        )
        self.subscription_retries = Counter(
            "oneoffice_subscription_retries_total",
            "Times a subscription rewound to its checkpoint and waited, by reason (connection, conflict, "
            "read_only, lock_timeout, ..., handler).",
            ["service", "subscription", "reason"],
            registry=reg,
        )
        self.subscription_halted = Gauge(
            "oneoffice_subscription_halted",
            "1 while a subscription is halted for an operator, by reason (breaker, chain_break, ...).",
            ["service", "subscription", "reason"],
            registry=reg,
        )

        self.kafka_connected = Gauge(
            "oneoffice_kafka_connected",
            "1 once a Kafka client (named by its subscription) is connected, 0 while it waits for Kafka.",
            ["service", "client"],
            registry=reg,
        )

    def event_appended(self, event_type: str, count: int = 1) -> None:
        self.events_appended.labels(service=self.service, event_type=event_type).inc(count)

    def event_published(self, topic: str, count: int = 1) -> None:
        self.events_published.labels(service=self.service, topic=topic).inc(count)

    def event_consumed(self, subscription: str, count: int = 1) -> None:
        self.events_consumed.labels(service=self.service, subscription=subscription).inc(count)

    def event_failed(self, subscription: str, kind: FailureKind) -> None:
        """One failed attempt; a dead letter goes through :meth:`dead_lettered` instead."""
        self.event_failures.labels(service=self.service, subscription=subscription, kind=kind.value).inc()

    def dead_lettered(self, subscription: str) -> None:
        """An event given up on: counted as a ``dead_letter`` failure and as a dead letter."""
        self.event_failed(subscription, FailureKind.DEAD_LETTER)
        self.dead_letters.labels(service=self.service, subscription=subscription).inc()

    def set_consumer_lag(self, subscription: str, partition: int | str, lag: int) -> None:
        self.consumer_lag.labels(
            service=self.service, subscription=subscription, partition=str(partition)
        ).set(lag)

    def set_relay_lag(self, events: int) -> None:
        self.relay_lag_events.labels(service=self.service).set(events)

    def subscription_retried(self, subscription: str, reason: str) -> None:
        self.subscription_retries.labels(service=self.service, subscription=subscription, reason=reason).inc()

    def set_kafka_connected(self, client: str, connected: bool) -> None:
        self.kafka_connected.labels(service=self.service, client=client).set(1 if connected else 0)

    def set_subscription_halted(self, subscription: str, reason: str) -> None:
        self.subscription_halted.labels(service=self.service, subscription=subscription, reason=reason).set(1)


@dataclass(slots=True)
class MetricsServer:
    """A running ``/metrics`` HTTP server (a daemon thread); ``port`` is the bound one."""

    host: str
    port: int
    _server: WSGIServer
    _thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/metrics"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def serve_metrics(registry: CollectorRegistry, host: str = "0.0.0.0", port: int = 9464) -> MetricsServer:
    """Serve ``registry`` over HTTP on ``host:port`` (port 0 picks a free one) until ``close()``."""
    server, thread = start_http_server(port, addr=host, registry=registry)
    return MetricsServer(host=host, port=int(server.server_port), _server=server, _thread=thread)


def metrics_asgi_app(registry: CollectorRegistry) -> Callable[..., Any]:
    """An ASGI app serving ``registry``, to mount in FastAPI: ``app.mount("/metrics", ...)``."""
    app: Callable[..., Any] = make_asgi_app(registry)
    return app
