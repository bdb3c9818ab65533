"""Command line of the gateway: ``serve``."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from oneoffice.eventcore.cli import command_app, load_settings
from oneoffice.eventcore.telemetry.service import configure_process

from ..bootstrap import create_app
from ..config import Settings

app = command_app(help="OneOffice gateway.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """OneOffice gateway: HTTP JSON API and Vietnamese web UI over the services' gRPC."""


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: the configured host.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: the configured port.")] = None,
) -> None:
    """Serve HTTP with uvicorn until SIGTERM or Ctrl-C."""
    settings = load_settings(Settings)
    configure_process(
        "gateway",
        log_level=settings.log_level,
        otlp_endpoint=settings.otlp_endpoint,
        gc_young_threshold=settings.gc_young_threshold,
    )
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=settings.port if port is None else port,
        log_level=settings.log_level.lower(),
        log_config=None,  # our JSON logging (configure_process) stays in charge
    )
