"""The reporting service as its own process through Kafka outages: start order never matters, and an
outage costs little CPU.

One test, one outage of the tests' own broker (restarted mid-run) for every assertion: a reporting
process started before it follows the documents topic, rides the outage out answering its register
at a small share of one core, and follows again; one started during it serves its register from
PostgreSQL, reports its Kafka subscription NOT_SERVING, costs little while it waits, and follows the
topic once Kafka is back.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import httpx
import pytest

from oneoffice.contracts.grpc.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.grpc_runtime import HealthStatus, probe_health
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.bootstrap import INCOMING_REGISTER_SUBSCRIPTION
from oneoffice.reporting.entrypoints.grpc_server import HEALTH_NAME
from tests.caller import ActingAs
from tests.conftest import CreateDatabase, unique_name
from tests.e2e.processes import Processes
from tests.ports import free_port
from tests.unit.reporting.samples import registration

from .conftest import append_registrations, close_store, open_documents_store

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
# Once Kafka answers again: the background connection's back-off (capped at 30 s, jittered) plus a
# consumer group's join.
FOLLOW_BOUND_S = 60.0
OUTAGE_S = 10.0
# What an outage may cost the process, as a share of one core (it used a full one).
MAX_CPU_SHARE = 0.20


def _kafka(action: str) -> None:
    subprocess.run(
        ["bash", str(REPO / "deploy/local/kafka.sh"), action],
        check=True,
        # This run's topics come back; a loaded machine may take minutes to start the JVM.
        env={"KAFKA_START_TIMEOUT": "240", **os.environ, "ONEOFFICE_KAFKA_KEEP_DATA": "1"},
        capture_output=True,
        timeout=300,
    )


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _cpu_share_over(pid: int, seconds: float) -> float:
    loop = asyncio.get_running_loop()
    cpu, wall = _cpu_seconds(pid), loop.time()
    await asyncio.sleep(seconds)
    return (_cpu_seconds(pid) - cpu) / (loop.time() - wall)


class Reporting:
    def __init__(self, target: str, metrics_url: str, processes: Processes, pid: int) -> None:
        self.target = target
        self.metrics_url = metrics_url
        self.processes = processes
        self.pid = pid

    async def register_numbers(self) -> list[int]:
        async with grpc.aio.insecure_channel(
            self.target, interceptors=[ActingAs("vanthu-16876", ["clerk"], ["16876"])]
        ) as channel:
            stub = reporting_pb2_grpc.ReportingServiceStub(channel)  # type: ignore[no-untyped-call]
            page = await stub.ListIncomingRegister(
                reporting_pb2.ListIncomingRegisterRequest(commune_id="16876", body_code="UBND", year=2026),
                timeout=5,
            )
        return [row.incoming_number for row in page.rows]

    async def wait_for_register(self, expected: list[int], timeout: float = FOLLOW_BOUND_S) -> float:
        """Seconds until the register lists ``expected``."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        while (numbers := await self.register_numbers()) != expected:
            if loop.time() - start > timeout:
                raise AssertionError(f"register {numbers} after {timeout} s\n{self.processes.logs()}")
            await asyncio.sleep(0.2)
        return loop.time() - start

    async def metrics(self) -> str:
        async with httpx.AsyncClient(timeout=5) as client:
            return (await client.get(self.metrics_url)).text


@pytest.fixture
async def documents(create_pg_database: CreateDatabase) -> AsyncIterator[EventStore]:
    store = await open_documents_store(await create_pg_database("documents"))
    yield store
    await close_store(store)


@pytest.mark.serial  # stops the broker every other test uses, and measures CPU time
async def test_reporting_starts_while_kafka_is_down_and_rides_out_outages_cheaply(
    create_pg_database: CreateDatabase, documents: EventStore, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"{unique_name(run_id, 'outages')}."
    producer = AiokafkaEventProducer(kafka_bootstrap, request_timeout_ms=3000)
    relay = OutboxRelay(documents, producer, topic_for("documents", prefix), poll_interval=0.05)
    await append_registrations(documents, [registration(1)])
    await _publish_all(relay)  # the topic exists and holds the first registration
    await producer.stop()
    processes = Processes()

    async def start_reporting(name: str) -> Reporting:
        grpc_port, metrics_port = free_port(), free_port()
        process = processes.start(
            name,
            ["-m", "oneoffice.reporting", "serve"],
            {
                "ONEOFFICE_REPORTING_DATABASE_URL": await create_pg_database(name),
                "ONEOFFICE_REPORTING_GRPC_PORT": str(grpc_port),
                "ONEOFFICE_REPORTING_METRICS_PORT": str(metrics_port),
                "ONEOFFICE_REPORTING_KAFKA_BOOTSTRAP": kafka_bootstrap,
                "ONEOFFICE_REPORTING_KAFKA_TOPIC_PREFIX": prefix,
                "ONEOFFICE_REPORTING_KAFKA_GROUP_ID": f"{prefix}{name}",
            },
        )
        reporting = Reporting(
            f"127.0.0.1:{grpc_port}", f"http://127.0.0.1:{metrics_port}/metrics", processes, process.pid
        )
        await _wait_serving(reporting)
        return reporting

    try:
        # Started with Kafka up: it follows the topic.
        early = await start_reporting("early")
        await early.wait_for_register([1])
        # One outage of the tests' broker for every assertion below.
        await asyncio.to_thread(_kafka, "stop")
        try:
            await append_registrations(documents, [registration(2)])
            # Started with Kafka down: it serves what it can from its own database, and reports
            # NOT_SERVING (gRPC health, gauge) for what needs Kafka.
            late = await start_reporting("late")
            assert await late.register_numbers() == []
            subscription = await probe_health(late.target, INCOMING_REGISTER_SUBSCRIPTION)
            assert subscription is HealthStatus.NOT_SERVING
            metrics = await late.metrics()
            client = f'client="{INCOMING_REGISTER_SUBSCRIPTION}"'
            assert any(
                line.startswith("oneoffice_kafka_connected{") and client in line and line.endswith(" 0.0")
                for line in metrics.splitlines()
            ), "the gauge says it waits for Kafka"
            assert "process_resident_memory_bytes" in metrics
            # What the outage costs each: the one that was connected, the one still connecting.
            early_share, late_share = await asyncio.gather(
                _cpu_share_over(early.pid, OUTAGE_S), _cpu_share_over(late.pid, OUTAGE_S)
            )
            assert await early.register_numbers() == [1], "the register answers through the outage"
        finally:
            await asyncio.to_thread(_kafka, "start")
        await _publish_all(relay)  # the documents relay publishes what waited
        await early.wait_for_register([1, 2])
        followed_after = await late.wait_for_register([1, 2])
        assert await probe_health(late.target, INCOMING_REGISTER_SUBSCRIPTION) is HealthStatus.SERVING
    finally:
        await producer.stop()
        codes = processes.stop_all()
    print(f"CPU during the outage: connected before {early_share:.1%}, connecting {late_share:.1%}")
    assert early_share < MAX_CPU_SHARE, f"{early_share:.0%} of a core during a {OUTAGE_S:.0f} s outage"
    assert late_share < MAX_CPU_SHARE, f"{late_share:.0%} of a core while waiting for Kafka"
    assert followed_after < FOLLOW_BOUND_S
    assert set(codes.values()) <= {0, -15}, processes.logs()


async def _wait_serving(reporting: Reporting, timeout: float = 60) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while await probe_health(reporting.target, HEALTH_NAME, deadline=1) is not HealthStatus.SERVING:
        exited = any(process.poll() is not None for _, process, _ in reporting.processes.started)
        if exited or loop.time() > deadline:
            raise AssertionError(f"reporting never served while Kafka was down\n{reporting.processes.logs()}")
        await asyncio.sleep(0.2)


async def _publish_all(relay: OutboxRelay, timeout: float = 60) -> None:
    """Catch the relay up, trying again while the broker that just started settles."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            await relay.catch_up()
            return
        except Exception:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.5)
