"""A repeated warning or error is written once per interval, then once more with how often it came.

During a Kafka outage aiokafka logs "Unable connect to node with id %s: %s" thousands of times a
second, and a relay or a consumer retrying logs the same failure on every attempt. The
:class:`RepeatThrottle` filter, on the process's log handler, lets the first record of a kind
through and holds back the identical ones (same logger, same message template, same level) for
``interval`` seconds; the next record after that, of any kind, first brings out one line per held
back kind: ``repeated N times in the last S s: <template>``. Records below ``level`` (INFO and
DEBUG by default) always go through: only warnings and errors come in floods worth collapsing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

DEFAULT_INTERVAL: Final = 10.0
# Marks the summary records the filter makes itself, so they pass it.
_SUMMARY_ATTRIBUTE: Final = "oneoffice_repeat_summary"

RecordKey = tuple[str, int, str]


@dataclass(slots=True)
class _Window:
    started: float
    held_back: int
    # The record that opened the window: the summary line takes its logger, level and place.
    first: logging.LogRecord


class RepeatThrottle(logging.Filter):
    """Collapses identical records within ``interval`` seconds into one line plus a count line."""

    def __init__(
        self,
        emit: Callable[[logging.LogRecord], object],
        *,
        interval: float = DEFAULT_INTERVAL,
        level: int = logging.WARNING,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``emit`` writes a summary record (the handler's ``handle``, which applies this filter)."""
        super().__init__()
        self._emit = emit
        self._interval = interval
        self._level = level
        self._clock = clock
        self._windows: dict[RecordKey, _Window] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _SUMMARY_ATTRIBUTE, False):
            return True
        now = self._clock()
        with self._lock:
            summaries = self._close_expired(now)
            passes = True
            if record.levelno >= self._level:
                key = _key(record)
                window = self._windows.get(key)
                if window is None:
                    self._windows[key] = _Window(now, 0, record)
                else:
                    window.held_back += 1
                    passes = False
        for summary in summaries:
            self._emit(summary)
        return passes

    def flush(self) -> None:
        """Write the count of every kind held back so far (at exit, say)."""
        with self._lock:
            summaries = self._close_expired(self._clock(), every=True)
        for summary in summaries:
            self._emit(summary)

    def _close_expired(self, now: float, *, every: bool = False) -> list[logging.LogRecord]:
        expired = [
            key for key, window in self._windows.items() if every or now - window.started >= self._interval
        ]
        summaries = []
        for key in expired:
            window = self._windows.pop(key)
            if window.held_back:
                summaries.append(_summary(window, now - window.started))
        return summaries


def _key(record: logging.LogRecord) -> RecordKey:
    message = record.msg
    if isinstance(message, dict):  # a structlog record on its way to the ProcessorFormatter
        message = message.get("event", "")
    return (record.name, record.levelno, str(message))


def _summary(window: _Window, seconds: float) -> logging.LogRecord:
    first = window.first
    record = logging.LogRecord(
        first.name,
        first.levelno,
        first.pathname,
        first.lineno,
        f"repeated {window.held_back} times in the last {seconds:.0f} s: {_key(first)[2]}",
        None,
        None,
        func=first.funcName,
    )
    setattr(record, _SUMMARY_ATTRIBUTE, True)
    return record
