"""Command line of the reporting service: ``serve``, ``migrate``, ``rebuild-projections``, ``healthcheck``."""

from __future__ import annotations

from typing import Annotated

import typer

from oneoffice.eventcore.cli import configure_logging, load_settings, run_command, service_cli

from ..application.errors import ReportingError
from ..bootstrap import bootstrap
from ..config import Settings
from .grpc_server import HEALTH_NAME, build_server

app = service_cli("reporting", Settings, bootstrap, build_server, health_name=HEALTH_NAME)


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
    settings = load_settings(Settings)
    configure_logging("reporting", settings)  # JSON lines on stderr; the result alone on stdout
    try:
        generation, board_generation, registers_generation = run_command(
            "reporting",
            settings,
            _rebuild(settings, documents_database),
            command="rebuild-projections",
            answered=(ReportingError,),
        )
    except ReportingError as error:
        typer.echo(f"{error.message_vi}\n{error.message_en}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"reporting.incoming_register: rebuilt, now serving generation {generation}")
    typer.echo(f"reporting.work_board: rebuilt, now serving generation {board_generation}")
    typer.echo(f"reporting.document_registers: rebuilt, now serving generation {registers_generation}")


async def _rebuild(settings: Settings, documents_database: str | None) -> tuple[int, int, int]:
    # The serving process keeps following events; this one only replays and switches.
    container = await bootstrap(settings, documents_database_url=documents_database, follow_events=False)
    try:
        registers = container.registers
        assert registers is not None
        return (
            await container.rebuild_incoming_register(),
            await container.rebuild_work_board(),
            await registers.rebuild(),
        )
    finally:
        await container.aclose()
