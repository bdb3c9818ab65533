"""Typed errors of the event store, mapped to wire statuses once at each service edge."""

from __future__ import annotations

from typing import Any


class EventStoreError(Exception):
    """Base of every error raised by the event store."""

    retryable: bool = False


class ConcurrencyConflict(EventStoreError):
    """The stream moved on since the caller read it: reload, re-decide and append again."""

    retryable = True

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        super().__init__(f"stream {stream_id!r} is at version {actual}, expected {expected}")
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class DuplicateRequest(EventStoreError):
    """The (scope, key) of an idempotent request was already used; ``result`` is what it returned."""

    def __init__(self, scope: str, key: str, result: dict[str, Any]) -> None:
        super().__init__(f"request {scope}/{key} was already processed")
        self.scope = scope
        self.key = key
        self.result = result


class InvalidAppend(EventStoreError):
    """The append itself is malformed (no events, mixed communes, bad expected version)."""


class SubscriptionMustHalt(Exception):
    """A subscription met a condition under which moving on could lose or corrupt state.

    Raised by the applier or a source; never retried as an ordinary failure and never dead-lettered.
    The subscription stops consuming, raises its alarm (metric, log, health) and waits for an
    operator. ``reason`` is a short, stable label for the metric (``breaker``, ``chain_break``, ...);
    the message carries ids and positions only, never payload text.
    """

    reason: str = "halted"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason
