"""Command line of the reporting service: ``serve``, ``migrate``, ``rebuild-projections``, ``healthcheck``."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

import typer

from oneoffice.eventcore.grpc_runtime import HealthStatus, probe_health
from oneoffice.eventcore.telemetry.service import configure_process, run_grpc_service

from ..application.errors import ReportingError
from ..bootstrap import bootstrap
from ..config import Settings
from .grpc_server import HEALTH_NAME, build_server

SERVICE = "reporting"
app = typer.Typer(help="OneOffice reporting service.", no_args_is_help=True, add_completion=False)
log = logging.getLogger("oneoffice.reporting")


@app.command()
def serve() -> None:
    """Migrate the database, then serve gRPC until SIGTERM or Ctrl-C."""
    settings = Settings()
    configure_process(SERVICE, log_level=settings.log_level, otlp_endpoint=settings.otlp_endpoint)
    asyncio.run(_serve(settings))


async def _serve(settings: Settings) -> None:
    await run_grpc_service(SERVICE, settings, bootstrap, build_server)


@app.command()
def migrate() -> None:
    """Bring the database schema up to date, then exit."""
    settings = Settings()
    logging.basicConfig(level=settings.log_level)
    asyncio.run(_migrate(settings))
    typer.echo("reporting: database schema is up to date")


async def _migrate(settings: Settings) -> None:
    container = await bootstrap(settings, follow_events=False)
    await container.aclose()


@app.command("rebuild-projections")
def rebuild_projections(
    documents_database: Annotated[
        str | None,
        typer.Option(
            help="Embedded mode: the documents service's database URL to replay "
            "(default: the Kafka topic when Kafka is configured)."
        ),
    ] = None,
) -> None:
    """Rebuild every projection from the event log into a fresh generation, then switch to it."""
    settings = Settings()
    logging.basicConfig(level=settings.log_level)
    try:
        generation = asyncio.run(_rebuild(settings, documents_database))
    except ReportingError as error:
        typer.echo(f"{error.message_vi}\n{error.message_en}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"reporting.incoming_register: rebuilt, now serving generation {generation}")


async def _rebuild(settings: Settings, documents_database: str | None) -> int:
    # The serving process keeps following events; this one only replays and switches.
    container = await bootstrap(settings, documents_database_url=documents_database, follow_events=False)
    try:
        return await container.rebuild_incoming_register()
    finally:
        await container.aclose()


@app.command()
def healthcheck(
    host: Annotated[str | None, typer.Option(help="Default: the configured gRPC host.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: the configured gRPC port.")] = None,
    deadline: Annotated[float, typer.Option(help="Seconds to wait for the answer.")] = 2.0,
) -> None:
    """Exit 0 if the service answers SERVING on gRPC health, else 1."""
    settings = Settings()
    target = f"{host or settings.grpc_host}:{settings.grpc_port if port is None else port}"
    status = asyncio.run(probe_health(target, HEALTH_NAME, deadline=deadline))
    if status is not HealthStatus.SERVING:
        typer.echo(f"reporting at {target}: {status}", err=True)
        raise typer.Exit(1)
    typer.echo(f"reporting at {target}: {status}")
