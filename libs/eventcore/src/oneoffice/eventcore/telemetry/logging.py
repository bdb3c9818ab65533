"""Structured logs: one JSON object per line on stderr, for structlog and stdlib loggers alike.

Every line has ``timestamp`` (ISO 8601, UTC), ``level``, ``logger``, ``event`` and ``service``, plus
``trace_id``/``span_id`` (hex) while an OpenTelemetry span is current, so a log line leads to its
trace. Library loggers (uvicorn, aiokafka, alembic, grpc) go through the same
``ProcessorFormatter``; run uvicorn with ``log_config=None`` so it does not install its own handlers,
and give FastStream's ``KafkaBroker`` ``logger=broker_logger()`` so it does not write coloured text
on stdout. A warning or error repeated in a flood (aiokafka while Kafka is away) is written once per
interval with a count (:mod:`.log_throttle`).

Logging is process-wide: in the embedded mode (all services in one process) configure it once and
bind ``service`` per component (``structlog.get_logger().bind(service=...)``), which wins over the
configured default.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Final

import structlog
from opentelemetry import trace
from structlog.typing import EventDict, Processor, WrappedLogger

from .log_throttle import RepeatThrottle

_HANDLER_NAME: Final = "oneoffice-structlog"
# Loggers that libraries give their own handlers; ours on the root must be the only output.
_LIBRARY_LOGGERS: Final = (
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "aiokafka",
    "alembic",
    "faststream",
)
# What FastStream's brokers log through (their default writes coloured text on stdout).
BROKER_LOGGER_NAME: Final = "faststream.kafka"


def broker_logger() -> logging.Logger:
    """The logger to give a FastStream broker (``KafkaBroker(..., logger=broker_logger())``)."""
    return logging.getLogger(BROKER_LOGGER_NAME)


def add_trace_ids(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """Add ``trace_id`` and ``span_id`` of the current OpenTelemetry span, when there is a valid one."""
    span_context = trace.get_current_span().get_span_context()
    if span_context.is_valid:
        event_dict.setdefault("trace_id", trace.format_trace_id(span_context.trace_id))
        event_dict.setdefault("span_id", trace.format_span_id(span_context.span_id))
    return event_dict


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is when a record arrives (test runners swap it per test).

    Repeated warnings and errors are collapsed by its :class:`RepeatThrottle`, whose last counts
    are written when the handler closes (``logging.shutdown`` at exit).
    """

    def __init__(self) -> None:
        super().__init__()
        self.throttle = RepeatThrottle(self.handle)
        self.addFilter(self.throttle)

    def close(self) -> None:
        self.throttle.flush()
        super().close()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = sys.stderr
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:
            self.handleError(record)


class _AddService:
    """Processor: the configured service name, unless the logger bound its own."""

    def __init__(self, service_name: str) -> None:
        self._service_name = service_name

    def __call__(self, _logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
        event_dict.setdefault("service", self._service_name)
        return event_dict


def setup_logging(service_name: str, level: str = "INFO", *, json: bool = True) -> None:
    """Configure structlog and the stdlib root logger; calling it again replaces, never duplicates."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _AddService(service_name),
        add_trace_ids,
        structlog.processors.StackInfoRenderer(),
    ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: a module-level logger used before setup (or before a reconfiguration) would
        # otherwise keep the old processors for good.
        cache_logger_on_first_use=False,
    )
    # ensure_ascii=False: Vietnamese names stay readable in the lines instead of \uXXXX escapes.
    renderer: Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    final: list[Processor] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if json:  # the console renderer prints tracebacks itself
        final.append(structlog.processors.format_exc_info)
    final.append(renderer)
    formatter = structlog.stdlib.ProcessorFormatter(foreign_pre_chain=shared, processors=final)

    handler = _StderrHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for existing in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(existing)
        existing.close()
    root.addHandler(handler)
    root.setLevel(level.upper())
    _import_faststream_logger()  # it installs its own handler when first imported
    for name in _LIBRARY_LOGGERS:
        library_logger = logging.getLogger(name)
        library_logger.handlers.clear()
        library_logger.propagate = True


def _import_faststream_logger() -> None:
    try:
        import faststream  # noqa: F401
    except ImportError:  # a process without FastStream (the gateway may not have it)
        pass


def get_logger(name: str | None = None, **initial_values: Any) -> structlog.stdlib.BoundLogger:
    """A structlog logger (typed), named like a stdlib logger so ``logger`` shows where a line came from."""
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(name, **initial_values)
    return logger
