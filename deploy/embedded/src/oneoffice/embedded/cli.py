"""Command line of the embedded runner."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from oneoffice.eventcore.cli import command_app
from oneoffice.eventcore.telemetry.service import configure_process

from .runner import run_embedded

app = command_app()


@app.command()
def main(
    port: Annotated[int, typer.Option(help="HTTP port of the gateway on 127.0.0.1.")] = 8000,
    data_dir: Annotated[Path, typer.Option(help="Folder of the SQLite files.")] = Path("var"),
) -> None:
    """Run OneOffice in one process: the services on loopback gRPC and the gateway on HTTP."""
    configure_process("embedded")  # JSON logs on stderr, one tracer provider for all services
    try:
        asyncio.run(run_embedded(port=port, data_dir=data_dir))
    except (OSError, RuntimeError) as exc:
        typer.echo(f"Không khởi động được / Could not start: {exc}", err=True)
        raise typer.Exit(1) from exc
