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


class EventRejected(InvalidAppend):
    """An event the store refuses to keep, because it could never be published or read back.

    Not retryable: the same request fails the same way. ``message_vi``/``message_en`` are shown to
    the caller (a service edge maps this to INVALID_ARGUMENT); they name sizes and limits only,
    never payload text.
    """

    code: str = "event_rejected"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


class EventTooLarge(EventRejected):
    """The event's envelope exceeds what its Kafka topic accepts: the relay could never publish it."""

    code = "event_too_large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"Dữ liệu quá lớn để lưu: một sự kiện dài {size} byte, tối đa {limit} byte. "
            "Hãy rút gọn nội dung (ví dụ trích yếu) rồi gửi lại.",
            f"Too much data to record: one event is {size} bytes, at most {limit} bytes are allowed. "
            "Shorten the content (e.g. the summary) and send it again.",
        )
        self.size = size
        self.limit = limit


class UnportableEventData(EventRejected):
    """The payload holds a value that JSON readers cannot read back exactly (NaN, ±Infinity, an
    integer outside ±(2^53 - 1)); stored, it would make its stream unreadable for good."""

    code = "event_data_unportable"

    def __init__(self, reason: str) -> None:
        super().__init__(
            "Dữ liệu chứa giá trị số không lưu được (NaN, vô cực hoặc số nguyên vượt ±(2^53 - 1)).",
            f"The data holds a number that cannot be stored portably ({reason}).",
        )
        self.reason = reason
