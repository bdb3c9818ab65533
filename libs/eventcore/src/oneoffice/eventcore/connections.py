"""Which parts of a service wait for a broker that is away: a gauge, and the gRPC health.

A service starts whatever the state of Kafka: what needs Kafka connects in the background
(:class:`~.kafka.connecting.BackgroundBroker`) and says so here, by name (its subscription).
:class:`SourceConnections` sets ``oneoffice_kafka_connected{client}`` and tells its listeners; the
gRPC server listens (:func:`~.grpc_runtime.report_connections`) and reports that name NOT_SERVING
until it connects, while the service itself stays SERVING for what it serves from its own database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .telemetry.metrics import EventMetrics

ConnectionListener = Callable[[str, bool], None]
"""Hears (name, connected) of every change, including those before it started listening."""


class SourceConnections:
    """The broker connections of one service (name -> connected)."""

    def __init__(self, metrics: EventMetrics | None = None) -> None:
        self._metrics = metrics
        self.states: dict[str, bool] = {}
        self._listeners: list[ConnectionListener] = []

    def waiting(self, name: str) -> None:
        self._report(name, False)

    def connected(self, name: str) -> None:
        self._report(name, True)

    def _report(self, name: str, connected: bool) -> None:
        if self.states.get(name) is connected:
            return
        self.states[name] = connected
        if self._metrics is not None:
            self._metrics.set_kafka_connected(name, connected)
        for listener in self._listeners:
            listener(name, connected)

    def listen(self, listener: ConnectionListener) -> None:
        self._listeners.append(listener)
        for name, connected in self.states.items():
            listener(name, connected)
