"""Command line of the staff service: ``serve``, ``migrate``, ``healthcheck``."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

import typer

from oneoffice.eventcore.grpc_runtime import HealthStatus, probe_health
from oneoffice.eventcore.telemetry.service import configure_process, run_grpc_service

from ..bootstrap import bootstrap
from ..config import Settings
from .grpc_server import HEALTH_NAME, build_server

SERVICE = "staff"
app = typer.Typer(help="OneOffice staff service.", no_args_is_help=True, add_completion=False)
log = logging.getLogger("oneoffice.staff")


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
    typer.echo("staff: database schema is up to date")


async def _migrate(settings: Settings) -> None:
    container = await bootstrap(settings)
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
        typer.echo(f"staff at {target}: {status}", err=True)
        raise typer.Exit(1)
    typer.echo(f"staff at {target}: {status}")
