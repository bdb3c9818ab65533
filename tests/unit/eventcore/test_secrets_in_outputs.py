"""The database password reaches no output: not the settings' repr, a span, a log line or a traceback."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Iterator
from contextlib import AsyncExitStack

import pytest
import structlog
import typer
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.cli import run_command
from oneoffice.eventcore.clock import SystemClock
from oneoffice.eventcore.composition import open_event_store
from oneoffice.eventcore.settings import GrpcServiceSettings, shown_url
from oneoffice.eventcore.telemetry import setup_logging, setup_tracing
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

SECRET = "s3cr3t-XYZ"
# Port 1 on loopback: nothing listens, the connection is refused at once.
URL = f"postgresql+asyncpg://oneoffice:{SECRET}@127.0.0.1:1/oneoffice"


class Settings(GrpcServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_SECRETS_TEST_")


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url=URL, internal_secret="a-secret-of-this-test")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    structlog.reset_defaults()


def test_the_settings_never_show_the_database_password(settings: Settings) -> None:
    shown = [repr(settings), str(settings), repr(settings.model_dump()), settings.shown_database_url()]

    assert not any(SECRET in text for text in shown)
    assert settings.shown_database_url() == "postgresql+asyncpg://oneoffice:***@127.0.0.1:1/oneoffice"
    assert settings.database_url.get_secret_value() == URL


def test_a_failed_connect_leaves_the_password_in_no_span_log_line_or_traceback(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    exporter = InMemorySpanExporter()
    provider = setup_tracing("documents", exporter=exporter)
    setup_logging("documents", "DEBUG")
    telemetry = ServiceTelemetry.create("documents", tracer_provider=provider)
    failures: list[BaseException] = []

    async def start() -> None:
        async with AsyncExitStack() as resources:
            try:
                await open_event_store(resources, settings, clock=SystemClock(), telemetry=telemetry)
            except Exception as error:
                failures.append(error)
                raise

    with pytest.raises(typer.Exit) as exited:
        run_command("documents", settings, start(), command="serve")
    provider.shutdown()

    assert exited.value.exit_code == 1
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines()]
    assert [line["event"] for line in lines if line["level"] == "error"] == ["command_failed"]
    assert SECRET not in err
    [failure] = failures
    assert SECRET not in "".join(traceback.format_exception(failure))
    for span in exporter.get_finished_spans():
        assert SECRET not in json.dumps(
            [dict(span.attributes or {}), [(e.name, dict(e.attributes or {})) for e in span.events]],
            default=str,
        )


def test_a_url_that_is_not_a_url_is_not_shown_at_all() -> None:
    assert shown_url(SECRET) == "<not a database URL>"
