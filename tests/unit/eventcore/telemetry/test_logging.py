"""Logs are JSON lines on stderr with the service and, inside a span, its trace and span ids."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import structlog
from opentelemetry.sdk.trace import TracerProvider

from oneoffice.eventcore.telemetry import get_logger, setup_logging


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """setup_logging changes process-wide state; put it back so other tests keep pytest's logging."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    structlog.reset_defaults()


def _lines(err: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in err.splitlines() if line.strip()]


def test_structlog_line_is_json_with_trace_and_span_id_of_the_current_span(
    provider: TracerProvider, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("documents")

    with provider.get_tracer("test").start_as_current_span("RegisterIncomingDocument") as span:
        get_logger("oneoffice.documents.application").info("document_registered", symbol="12/UBND")

    [line] = _lines(capsys.readouterr().err)
    ctx = span.get_span_context()
    assert line["event"] == "document_registered"
    assert line["symbol"] == "12/UBND"
    assert line["level"] == "info"
    assert line["logger"] == "oneoffice.documents.application"
    assert line["service"] == "documents"
    assert line["trace_id"] == f"{ctx.trace_id:032x}"
    assert line["span_id"] == f"{ctx.span_id:016x}"
    assert datetime.fromisoformat(line["timestamp"]).utcoffset() is not None


def test_line_outside_a_span_has_no_trace_ids(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("staff")

    get_logger("oneoffice.staff").warning("absence_overlaps")

    [line] = _lines(capsys.readouterr().err)
    assert line["event"] == "absence_overlaps"
    assert line["level"] == "warning"
    assert "trace_id" not in line and "span_id" not in line


def test_stdlib_library_logs_come_out_as_json_with_trace_ids(
    provider: TracerProvider, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("reporting")

    with provider.get_tracer("test").start_as_current_span("consume") as span:
        logging.getLogger("aiokafka.consumer").error("Heartbeat failed for group %s", "reporting")

    [line] = _lines(capsys.readouterr().err)
    assert line["event"] == "Heartbeat failed for group reporting"
    assert line["logger"] == "aiokafka.consumer"
    assert line["level"] == "error"
    assert line["service"] == "reporting"
    assert line["trace_id"] == f"{span.get_span_context().trace_id:032x}"


def test_exception_is_rendered_into_the_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("documents")

    try:
        raise ValueError("số hiệu trùng")
    except ValueError:
        logging.getLogger("alembic.runtime").exception("migration failed")

    [line] = _lines(capsys.readouterr().err)
    assert line["event"] == "migration failed"
    assert "ValueError: số hiệu trùng" in line["exception"]


def test_vietnamese_text_is_written_unescaped(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("staff")

    get_logger("x").info("duty_assigned", unit="Phường Hòa Khánh")

    err = capsys.readouterr().err
    assert "Phường Hòa Khánh" in err
    assert _lines(err)[0]["unit"] == "Phường Hòa Khánh"


def test_setting_up_twice_does_not_duplicate_lines(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("documents")
    setup_logging("documents")

    get_logger("x").info("once")

    assert len(_lines(capsys.readouterr().err)) == 1


def test_level_filters_structlog_and_stdlib_lines(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("documents", level="warning")

    get_logger("x").info("hidden")
    logging.getLogger("uvicorn.access").info("hidden too")
    get_logger("x").warning("shown")

    assert [line["event"] for line in _lines(capsys.readouterr().err)] == ["shown"]


def test_service_bound_on_a_logger_wins_over_the_configured_one(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("embedded")

    get_logger("x", service="staff").info("hello")

    [line] = _lines(capsys.readouterr().err)
    assert line["service"] == "staff"


def test_console_format_is_not_json(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("documents", json=False)

    get_logger("x").info("readable")

    err = capsys.readouterr().err
    assert "readable" in err
    with pytest.raises(json.JSONDecodeError):
        json.loads(err.splitlines()[0])
