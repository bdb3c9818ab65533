"""A halted subscription raises its alarm: the reporting service's health turns NOT_SERVING."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.grpc_runtime import HealthStatus, probe_health
from oneoffice.eventcore.schema import dead_letters
from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.bootstrap import INCOMING_REGISTER_SUBSCRIPTION, ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.entrypoints.grpc_server import HEALTH_NAME, build_server

from .conftest import close_store, open_documents_store, wait_until

pytestmark = pytest.mark.integration


class GarbledRegistration(DomainEvent):
    """Claims to be a registration but lacks every field of one: its payload fails validation."""

    event_type: ClassVar[str] = IncomingDocumentRegistered.event_type
    schema_version: ClassVar[int] = IncomingDocumentRegistered.schema_version
    commune_id: str


@pytest.fixture
async def documents_store(tmp_path: Path) -> AsyncIterator[EventStore]:
    store = await open_documents_store(f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}")
    yield store
    await close_store(store)


@pytest.fixture
async def reporting(tmp_path: Path, documents_store: EventStore) -> AsyncIterator[ReportingContainer]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}",
        grpc_host="127.0.0.1",
        grpc_port=0,
        kafka_bootstrap=None,
    )
    container = await bootstrap(settings, documents_store=documents_store)
    yield container
    await container.aclose()


async def _dead_letters(container: ReportingContainer) -> int:
    """The incoming register's dead letters (the service's other projections follow the same store)."""
    async with container.engine.connect() as conn:
        query = (
            sa.select(sa.func.count())
            .select_from(dead_letters)
            .where(dead_letters.c.subscription == INCOMING_REGISTER_SUBSCRIPTION)
        )
        return int((await conn.execute(query)).scalar_one())


async def test_breaker_halts_the_subscription_and_the_service_reports_not_serving(
    documents_store: EventStore, reporting: ReportingContainer
) -> None:
    server = build_server(reporting)
    await server.start()
    try:
        assert await probe_health(server.target, HEALTH_NAME) is HealthStatus.SERVING
        for n in range(7):  # more garbled events in a row than the breaker lets through (5)
            await documents_store.append(
                f"garbled-{n}",
                "16876",
                [GarbledRegistration(commune_id="16876")],
                expected_version=0,
                metadata=Metadata(actor="user-vanthu-01", correlation_id=str(uuid.uuid4())),
            )
        assert reporting.follower is not None

        async def not_serving() -> bool:
            # The register's own subscription: the service's other projections of the same store
            # halt on the same events too, and any one of them makes the service NOT_SERVING.
            return (
                await probe_health(server.target, INCOMING_REGISTER_SUBSCRIPTION) is HealthStatus.NOT_SERVING
            )

        await wait_until(not_serving, "the reporting service to report NOT_SERVING")
        assert await probe_health(server.target) is HealthStatus.NOT_SERVING
        assert await probe_health(server.target, HEALTH_NAME) is HealthStatus.NOT_SERVING
    finally:
        await server.stop(grace=None)

    assert await _dead_letters(reporting) == 5, "the breaker stops before draining the log into dead letters"
    halted = reporting.telemetry.registry.get_sample_value(
        "oneoffice_subscription_halted",
        {"service": "reporting", "subscription": INCOMING_REGISTER_SUBSCRIPTION, "reason": "breaker"},
    )
    assert halted == 1
    dead = await _dead_letter_errors(reporting)
    assert dead and all(error.startswith("ValidationError: ") for error in dead)


async def test_a_halt_before_the_server_starts_is_reported_once_it_serves(
    reporting: ReportingContainer,
) -> None:
    reporting.telemetry.on_halt(INCOMING_REGISTER_SUBSCRIPTION)("chain_break")
    server = build_server(reporting)
    await server.start()
    try:
        assert await probe_health(server.target, HEALTH_NAME) is HealthStatus.NOT_SERVING
    finally:
        await server.stop(grace=None)


async def _dead_letter_errors(container: ReportingContainer) -> list[str]:
    async with container.engine.connect() as conn:
        return list((await conn.execute(sa.select(dead_letters.c.error))).scalars())
