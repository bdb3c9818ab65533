"""Command line of the reporting service: ``serve``, ``migrate``, ``rebuild`` (also spelled
``rebuild-projections``), ``audit``, ``healthcheck``.

A rebuild draws a progress bar per projection on stderr (events, events/s, ETA); the result goes to
stdout.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress, TaskID

from oneoffice.eventcore.cli import configure_logging, load_settings, run_command, service_cli
from oneoffice.eventcore.cli_progress import progress_bars

from ..application.errors import ReportingError
from ..bootstrap import bootstrap
from ..config import Settings
from .grpc_server import HEALTH_NAME, build_server

app = service_cli("reporting", Settings, bootstrap, build_server, health_name=HEALTH_NAME)


class BarProgress:
    """The replay's progress port, drawn as one rich bar."""

    def __init__(self, bars: Progress, description: str) -> None:
        self._bars = bars
        self._task: TaskID = bars.add_task(description, total=None)

    def started(self, total: int | None) -> None:
        if total is not None:
            done = self._bars.tasks[self._task].completed
            self._bars.update(self._task, total=done + total)

    def advanced(self, count: int) -> None:
        self._bars.update(self._task, advance=count)

    def finish(self) -> None:
        done = self._bars.tasks[self._task].completed
        self._bars.update(self._task, total=done, completed=done)


DocumentsDatabase = Annotated[
    str | None,
    typer.Option(
        help="Embedded mode: the documents service's database URL to replay "
        "(default: the Kafka topic when Kafka is configured)."
    ),
]


@app.command("rebuild")
def rebuild(documents_database: DocumentsDatabase = None) -> None:
    """Rebuild every projection from the event log (Kafka's earliest offsets or the store) into a
    fresh generation, then switch to it; with progress bars on stderr."""
    settings = load_settings(Settings)
    configure_logging("reporting", settings)  # JSON lines on stderr; the result alone on stdout
    try:
        generation, board_generation, registers_generation, dashboard_generation = run_command(
            "reporting",
            settings,
            _rebuild(settings, documents_database),
            command="rebuild",
            answered=(ReportingError,),
        )
    except ReportingError as error:
        typer.echo(f"{error.message_vi}\n{error.message_en}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"reporting.incoming_register: rebuilt, now serving generation {generation}")
    typer.echo(f"reporting.work_board: rebuilt, now serving generation {board_generation}")
    typer.echo(f"reporting.document_registers: rebuilt, now serving generation {registers_generation}")
    if dashboard_generation is None:
        typer.echo("reporting.dashboard: not rebuilt (it needs the staff events too: rebuild it from Kafka)")
    else:
        typer.echo(f"reporting.dashboard: rebuilt, now serving generation {dashboard_generation}")


# The name of the first slice's command: kept working.
app.command("rebuild-projections", help="Same as ``rebuild``.")(rebuild)


async def _rebuild(settings: Settings, documents_database: str | None) -> tuple[int, int, int, int | None]:
    # The serving process keeps following events; this one only replays and switches.
    container = await bootstrap(settings, documents_database_url=documents_database, follow_events=False)
    try:
        registers, dashboard = container.registers, container.dashboard
        assert registers is not None and dashboard is not None and container.work_board is not None
        labelled = [
            ("reporting.incoming_register", container.incoming_register),
            ("reporting.work_board", container.work_board),
            ("reporting.document_registers", registers.runner),
        ]
        # From the documents store alone the dashboard would lose the staff and figures events.
        if settings.kafka_bootstrap:
            labelled.append(("reporting.dashboard", dashboard.runner))
        with progress_bars() as bars:
            # One bar per projection; from Kafka they move together (one pass feeds them all).
            progress = {runner.name: BarProgress(bars, label) for label, runner in labelled}
            rebuilt = await container.rebuild_every_projection(progress)
            for bar in progress.values():
                bar.finish()
        return rebuilt.incoming_register, rebuilt.work_board, rebuilt.document_registers, rebuilt.dashboard
    finally:
        await container.aclose()
