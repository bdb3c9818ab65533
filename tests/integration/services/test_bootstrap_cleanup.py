"""A bootstrap that fails half-way undoes exactly what it made; a container's aclose() undoes it all."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from oneoffice.documents import bootstrap as documents_bootstrap
from oneoffice.documents import config as documents_config
from oneoffice.eventcore.kafka.producer import OutgoingMessage
from oneoffice.eventcore.telemetry.service import ServiceTelemetry
from oneoffice.reporting import bootstrap as reporting_bootstrap
from oneoffice.reporting import config as reporting_config

from .conftest import SERVICES


class Boom(Exception):
    """The injected failure."""


class TelemetryFailingAt(ServiceTelemetry):
    """Real telemetry, except that asking for one hook fails: bootstrap breaks off at that step."""

    failing_hook: str = ""

    @classmethod
    def failing(cls, service: str, hook: str) -> TelemetryFailingAt:
        telemetry = cls.create(service)
        telemetry.failing_hook = hook
        return telemetry

    def _check(self, hook: str) -> None:
        if hook == self.failing_hook:
            raise Boom(hook)

    def on_published(self, topic: str):  # type: ignore[no-untyped-def]
        self._check("on_published")
        return super().on_published(topic)

    def on_consumed(self, subscription: str):  # type: ignore[no-untyped-def]
        self._check("on_consumed")
        return super().on_consumed(subscription)


class UnusedProducer:
    async def publish(self, topic: str, messages: Sequence[OutgoingMessage]) -> None:
        raise AssertionError("nothing is published in these tests")


@pytest.fixture
def disposed_engines() -> Iterator[list[str]]:
    """The database URL of every engine disposed while the test runs."""
    disposed: list[str] = []

    def record(engine: Engine) -> None:
        disposed.append(engine.url.render_as_string(hide_password=True))

    sa.event.listen(Engine, "engine_disposed", record)
    yield disposed
    sa.event.remove(Engine, "engine_disposed", record)


def running_followers() -> set[str]:
    return {
        task.get_name()
        for task in asyncio.all_tasks()
        if not task.done() and task.get_name().startswith(("subscription:", "relay:", "connect:"))
    }


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def test_documents_bootstrap_failing_after_its_subscription_started_stops_it_and_disposes_the_engine(
    tmp_path: Path, disposed_engines: list[str]
) -> None:
    url = sqlite_url(tmp_path / "documents.db")
    settings = documents_config.Settings(database_url=url, kafka_bootstrap="kafka.invalid:9092")
    before = running_followers()

    with pytest.raises(Boom):
        # The relay is made after the store's subscription has started; making it fails.
        await documents_bootstrap.bootstrap(
            settings,
            producer=UnusedProducer(),
            telemetry=TelemetryFailingAt.failing("documents", "on_published"),
        )

    assert running_followers() == before
    assert disposed_engines == [url]


async def test_documents_bootstrap_that_succeeds_leaves_its_followers_to_aclose(
    tmp_path: Path, disposed_engines: list[str]
) -> None:
    url = sqlite_url(tmp_path / "documents.db")
    settings = documents_config.Settings(database_url=url, kafka_bootstrap="kafka.invalid:9092")
    before = running_followers()

    container = await documents_bootstrap.bootstrap(settings, producer=UnusedProducer())
    started = running_followers() - before
    await container.aclose()

    # The followers of the staff topic keep trying to reach the broker (in the background, #14)
    # until they are stopped; the relay samples its lag from the store's head on its own task.
    assert started == {
        "subscription:documents.incoming_documents",
        "connect:documents.known_units",
        "subscription:documents.outgoing_documents",
        "relay:oneoffice.documents.events.v1",
        "relay:oneoffice.documents.events.v1:lag",
        "subscription:documents.open_work",
        # Tracked work (#12): its read model, and the staff of the communes from the staff topic.
        "subscription:documents.tracked_work",
        "connect:documents.commune_staff",
    }
    assert running_followers() == before
    assert disposed_engines == [url]


async def test_reporting_bootstrap_failing_half_way_closes_the_stores_it_opened(
    tmp_path: Path, disposed_engines: list[str]
) -> None:
    reporting_url = sqlite_url(tmp_path / "reporting.db")
    documents_url = sqlite_url(tmp_path / "documents.db")

    with pytest.raises(Boom):
        # The documents store is opened here, then wiring its follower fails.
        await reporting_bootstrap.bootstrap(
            reporting_config.Settings(database_url=reporting_url),
            documents_database_url=documents_url,
            telemetry=TelemetryFailingAt.failing("reporting", "on_consumed"),
        )

    assert disposed_engines == [documents_url, reporting_url]


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_bootstrap_failing_at_the_migration_disposes_the_engine(
    name: str, tmp_path: Path, disposed_engines: list[str]
) -> None:
    modules = SERVICES[name]
    # Not a database: the migration fails on the first statement.
    (tmp_path / "events.db").write_text("this is not an SQLite file " * 100)
    url = sqlite_url(tmp_path / "events.db")

    with pytest.raises(sa.exc.DatabaseError):
        await modules.bootstrap.bootstrap(modules.config.Settings(database_url=url))

    assert disposed_engines == [url]
