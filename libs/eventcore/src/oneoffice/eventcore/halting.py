"""The alarm of a halted subscription: a gauge, and whoever must hear of it (the gRPC health).

A subscription that meets a :class:`~.errors.SubscriptionMustHalt` stops consuming, logs once and
calls its ``on_halt`` callback; the composition root makes that callback from the service's
:class:`SubscriptionHalts`, which sets ``oneoffice_subscription_halted{subscription,reason}`` to 1 and
tells its listeners. The gRPC server listens (:func:`~.grpc_runtime.report_halts`) and turns
NOT_SERVING, so ``/readyz`` and ``healthcheck`` show it. Recovery is an operator's restart or rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .telemetry.metrics import EventMetrics

HaltListener = Callable[[str, str], None]
"""Hears (subscription, reason) of every halt, including those before it started listening."""

OnHalt = Callable[[str], None]
"""What a subscription calls with the halt's reason once it has stopped consuming."""


class SubscriptionHalts:
    """The halted subscriptions of one service (subscription -> reason)."""

    def __init__(self, metrics: EventMetrics | None = None) -> None:
        self._metrics = metrics
        self.halted: dict[str, str] = {}
        self._listeners: list[HaltListener] = []

    def on_halt(self, subscription: str) -> OnHalt:
        """The callback to give the subscription named ``subscription``."""
        return lambda reason: self.report(subscription, reason)

    def report(self, subscription: str, reason: str) -> None:
        if self.halted.get(subscription) == reason:
            return
        self.halted[subscription] = reason
        if self._metrics is not None:
            self._metrics.set_subscription_halted(subscription, reason)
        for listener in self._listeners:
            listener(subscription, reason)

    def listen(self, listener: HaltListener) -> None:
        self._listeners.append(listener)
        for subscription, reason in self.halted.items():
            listener(subscription, reason)
