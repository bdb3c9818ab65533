"""A broker connected in the background: the service starts while Kafka is away, and connects later."""

from __future__ import annotations

import asyncio

from oneoffice.eventcore.connections import SourceConnections
from oneoffice.eventcore.kafka.connecting import BackgroundBroker
from oneoffice.eventcore.telemetry.metrics import EventMetrics


class FlakyBroker:
    """Refuses to start ``refusals`` times ("Unable to bootstrap"), then starts."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.starts = 0
        self.stops = 0
        self.running = False

    async def start(self) -> None:
        self.starts += 1
        if self.starts <= self.refusals:
            raise ConnectionError(
                "Unable to bootstrap from [('127.0.0.1', 9092, <AddressFamily.AF_INET: 2>)]"
            )
        self.running = True

    async def stop(self) -> None:
        self.stops += 1
        self.running = False


async def test_start_returns_at_once_and_the_broker_connects_after_kafka_comes_back() -> None:
    broker = FlakyBroker(refusals=3)
    connections = SourceConnections()
    heard: list[tuple[str, bool]] = []
    connections.listen(lambda name, connected: heard.append((name, connected)))
    background = BackgroundBroker(
        broker, "reporting.incoming_register", connections=connections, initial=0.001
    )

    background.start()

    assert heard == [("reporting.incoming_register", False)], "waiting for Kafka, said before any try"
    async with asyncio.timeout(5):
        await background.connected.wait()
    assert broker.starts == 4 and broker.running
    assert heard[-1] == ("reporting.incoming_register", True)
    await background.stop()
    assert not broker.running


async def test_tries_are_spaced_by_a_growing_back_off_not_a_busy_loop() -> None:
    broker = FlakyBroker(refusals=1_000)
    background = BackgroundBroker(broker, "sub", initial=0.02, cap=0.08, random_fraction=lambda: 1.0)

    background.start()
    await asyncio.sleep(0.3)
    await background.stop()

    # 0.02 + 0.04 + 0.08 + 0.08 ... : about five tries in 0.3 s, never hundreds.
    assert 2 <= broker.starts <= 7


async def test_stopping_while_it_waits_for_kafka_stops_trying() -> None:
    broker = FlakyBroker(refusals=1_000)
    background = BackgroundBroker(broker, "sub", initial=60)
    background.start()
    await asyncio.sleep(0.01)

    await background.stop()
    tries = broker.starts
    await asyncio.sleep(0.02)

    assert broker.starts == tries == 1
    assert not background.connected.is_set()


def test_the_connection_is_a_gauge_of_the_service() -> None:
    metrics = EventMetrics(None, "reporting")
    connections = SourceConnections(metrics)

    connections.waiting("reporting.incoming_register")
    waiting = metrics.kafka_connected.labels(
        service="reporting", client="reporting.incoming_register"
    )._value.get()
    connections.connected("reporting.incoming_register")

    assert waiting == 0
    assert (
        metrics.kafka_connected.labels(service="reporting", client="reporting.incoming_register")._value.get()
        == 1
    )
