"""A warning or error repeated in a flood is written once per interval, then once with its count."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from oneoffice.eventcore.telemetry import setup_logging
from oneoffice.eventcore.telemetry.log_throttle import RepeatThrottle


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class ListHandler(logging.Handler):
    def __init__(self, clock: FakeClock, interval: float = 10.0) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.throttle = RepeatThrottle(self.handle, interval=interval, clock=clock)
        self.addFilter(self.throttle)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {record.getMessage()}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def handler(clock: FakeClock) -> Iterator[ListHandler]:
    handler = ListHandler(clock)
    logger = logging.getLogger("throttle-test.aiokafka.conn")
    logger.addHandler(handler)
    logger.propagate, logger.level = False, logging.DEBUG
    yield handler
    logger.removeHandler(handler)


def _unable_to_connect(times: int) -> None:
    for _ in range(times):
        logging.getLogger("throttle-test.aiokafka.conn").error(
            "Unable connect to node with id %s: %s", 1, "Connect call failed"
        )


def test_a_flood_of_one_error_within_the_interval_is_one_line(handler: ListHandler) -> None:
    _unable_to_connect(10_000)

    assert handler.lines == [
        "throttle-test.aiokafka.conn ERROR Unable connect to node with id 1: Connect call failed"
    ]


def test_after_the_interval_the_count_comes_out_then_the_error_again(
    handler: ListHandler, clock: FakeClock
) -> None:
    _unable_to_connect(500)
    clock.now += 10.0

    _unable_to_connect(1)

    assert handler.lines[1:] == [
        "throttle-test.aiokafka.conn ERROR repeated 499 times in the last 10 s: "
        "Unable connect to node with id %s: %s",
        "throttle-test.aiokafka.conn ERROR Unable connect to node with id 1: Connect call failed",
    ]


def test_another_record_after_the_interval_brings_out_the_count(
    handler: ListHandler, clock: FakeClock
) -> None:
    _unable_to_connect(3)
    clock.now += 12.0

    logging.getLogger("throttle-test.aiokafka.conn").warning("Kafka is back")

    assert handler.lines[1:] == [
        "throttle-test.aiokafka.conn ERROR repeated 2 times in the last 12 s: "
        "Unable connect to node with id %s: %s",
        "throttle-test.aiokafka.conn WARNING Kafka is back",
    ]


def test_a_record_seen_once_has_no_count_line(handler: ListHandler, clock: FakeClock) -> None:
    _unable_to_connect(1)
    clock.now += 30.0
    _unable_to_connect(1)

    assert len(handler.lines) == 2
    assert not any("repeated" in line for line in handler.lines)


def test_records_differing_in_template_or_level_are_not_collapsed(handler: ListHandler) -> None:
    logger = logging.getLogger("throttle-test.aiokafka.conn")
    for _ in range(3):
        logger.error("Unable connect to node with id %s: %s", 1, "refused")
        logger.warning("Unable connect to node with id %s: %s", 1, "refused")
        logger.error("Relay publish failed")

    assert len(handler.lines) == 3


def test_info_and_debug_records_are_never_held_back(handler: ListHandler) -> None:
    for _ in range(5):
        logging.getLogger("throttle-test.aiokafka.conn").info("event published")

    assert len(handler.lines) == 5


def test_flush_writes_the_counts_held_back(handler: ListHandler, clock: FakeClock) -> None:
    _unable_to_connect(4)
    clock.now += 2.0

    handler.throttle.flush()

    assert handler.lines[-1] == (
        "throttle-test.aiokafka.conn ERROR repeated 3 times in the last 2 s: "
        "Unable connect to node with id %s: %s"
    )


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for added in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(added)
        added.close()
    root.setLevel(level)
    structlog.reset_defaults()


@pytest.mark.usefixtures("restore_logging")
def test_the_process_log_handler_collapses_aiokafka_floods(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("reporting")

    for _ in range(2_000):
        logging.getLogger("aiokafka.conn").error("Unable connect to node with id %s: %s", 1, "refused")

    [line] = [json.loads(text) for text in capsys.readouterr().err.splitlines()]
    assert line["event"] == "Unable connect to node with id 1: refused"
    assert line["logger"] == "aiokafka.conn"
