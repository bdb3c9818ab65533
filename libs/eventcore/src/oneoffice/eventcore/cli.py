"""The command line every gRPC service shares: ``serve``, ``migrate``, ``healthcheck``, ``audit``.

``service_cli(name, Settings, bootstrap, build_server)`` builds a service's Typer app; the service
adds its own commands to it (reporting's ``rebuild-projections``). A service's ``bootstrap`` takes
the settings, ``telemetry=`` (``serve``) and ``follow_events=False`` (``migrate``: wire, bring the
schema up to date, start nothing).

Every command writes its log as JSON lines on stderr (``configure_process``) and its result alone
on stdout. Nothing prints a traceback with local variables (Typer's pretty exceptions are off:
the settings, with the database URL, are among a command's locals): a command that fails writes one
JSON line saying what went wrong (``command_failed``, the database URL with its password masked) and
exits 1 (:func:`run_command`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any, TypeVar

import typer
from sqlalchemy.exc import DBAPIError

from .audit_cli import audit_cli
from .cli_settings import load_settings
from .gc_tuning import tune_garbage_collector
from .grpc_caller import channel_credentials
from .grpc_runtime import GrpcServer, HealthStatus, probe_health
from .settings import GrpcServiceSettings, ServiceSettings
from .telemetry.logging import get_logger, setup_logging
from .telemetry.service import Closable, configure_process, run_grpc_service

__all__ = ["command_app", "configure_logging", "load_settings", "run_command", "service_cli"]

SettingsT = TypeVar("SettingsT", bound=GrpcServiceSettings)
ContainerT = TypeVar("ContainerT", bound=Closable)
ResultT = TypeVar("ResultT")

_log = get_logger("oneoffice.cli")


def command_app(**options: Any) -> typer.Typer:
    """A Typer app whose failures never print local variables (Typer's pretty exceptions off)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, **options)


def run_command(
    name: str,
    settings: ServiceSettings,
    work: Coroutine[Any, Any, ResultT],
    *,
    command: str,
    answered: tuple[type[Exception], ...] = (),
) -> ResultT:
    """Run ``work``; if it fails, write one JSON line naming the problem and exit 1.

    ``answered``: errors the command answers itself (a refusal with its bilingual message), raised.

    The line has the error's type and message (a database's own words: ``database "x" does not
    exist``, ``password authentication failed``) and, for a service, its database URL with the
    password masked; never the settings or a traceback.
    """
    try:
        return asyncio.run(work)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as error:
        if isinstance(error, answered):
            raise
        details: dict[str, str] = {"error_type": type(error).__name__, "error": describe_error(error)}
        if isinstance(settings, GrpcServiceSettings):
            details["database"] = settings.shown_database_url()
        _log.error(
            "command_failed",
            service=name,
            command=command,
            message=f"{name} {command}: lỗi / failed: {details['error']}",
            **details,
        )
        raise typer.Exit(1) from None


def describe_error(error: BaseException) -> str:
    """What went wrong, in the words of whoever refused (the database's message for a DB error)."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        text = str(error.orig)
        # asyncpg's errors, adapted by SQLAlchemy, read "<class 'asyncpg....Error'>: message".
        text = text.split(">: ", 1)[1] if text.startswith("<class ") and ">: " in text else text
        return text.strip() or type(error.orig).__name__
    return str(error).strip() or type(error).__name__


def configure_logging(name: str, settings: ServiceSettings) -> None:
    """A one-shot command's logs: JSON lines on stderr (its result goes alone to stdout); the garbage
    collector's pace (a rebuild or an audit walks millions of events)."""
    setup_logging(name, settings.log_level)
    tune_garbage_collector(settings.gc_young_threshold)


def service_cli(
    name: str,
    settings_type: type[SettingsT],
    bootstrap: Callable[..., Awaitable[ContainerT]],
    build_server: Callable[[ContainerT], GrpcServer],
    *,
    health_name: str,
    audit: typer.Typer | None = None,
) -> typer.Typer:
    """The Typer app of service ``name`` with its ``serve``, ``migrate``, ``healthcheck`` commands and
    its ``audit`` sub-app (``audit``: one the service extended, see :func:`.audit_cli.audit_cli`)."""
    app = command_app(help=f"OneOffice {name} service.", no_args_is_help=True)
    app.add_typer(audit or audit_cli(name, settings_type), name="audit")

    @app.command()
    def serve() -> None:
        """Migrate the database, then serve gRPC until SIGTERM or Ctrl-C."""
        settings = load_settings(settings_type)
        configure_process(
            name,
            log_level=settings.log_level,
            otlp_endpoint=settings.otlp_endpoint,
            gc_young_threshold=settings.gc_young_threshold,
        )
        run_command(
            name, settings, run_grpc_service(name, settings, bootstrap, build_server), command="serve"
        )

    @app.command()
    def migrate() -> None:
        """Bring the database schema up to date, then exit."""
        settings = load_settings(settings_type)
        configure_logging(name, settings)
        run_command(name, settings, _migrate(settings), command="migrate")
        typer.echo(f"{name}: database schema is up to date")

    async def _migrate(settings: Any) -> None:
        container = await bootstrap(settings, follow_events=False)
        await container.aclose()

    @app.command()
    def healthcheck(
        host: Annotated[str | None, typer.Option(help="Default: the configured gRPC host.")] = None,
        port: Annotated[int | None, typer.Option(help="Default: the configured gRPC port.")] = None,
        deadline: Annotated[float, typer.Option(help="Seconds to wait for the answer.")] = 2.0,
    ) -> None:
        """Exit 0 if the service answers SERVING on gRPC health, else 1."""
        settings = load_settings(settings_type)
        target = f"{host or settings.grpc_host}:{settings.grpc_port if port is None else port}"
        # In the mtls mode the probe shows the service's own certificate (the CA must allow it as a
        # client certificate too).
        credentials = channel_credentials(settings)
        status = asyncio.run(probe_health(target, health_name, deadline=deadline, credentials=credentials))
        if status is not HealthStatus.SERVING:
            typer.echo(f"{name} at {target}: {status}", err=True)
            raise typer.Exit(1)
        typer.echo(f"{name} at {target}: {status}")

    return app
