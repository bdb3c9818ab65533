"""The command line every gRPC service shares: ``serve``, ``migrate``, ``healthcheck``, ``audit``.

``service_cli(name, Settings, bootstrap, build_server)`` builds a service's Typer app; the service
adds its own commands to it (reporting's ``rebuild-projections``). A service's ``bootstrap`` takes
the settings, ``telemetry=`` (``serve``) and ``follow_events=False`` (``migrate``: wire, bring the
schema up to date, start nothing).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import typer

from .audit_cli import audit_cli
from .cli_settings import load_settings
from .grpc_caller import channel_credentials
from .grpc_runtime import GrpcServer, HealthStatus, probe_health
from .settings import GrpcServiceSettings
from .telemetry.service import Closable, configure_process, run_grpc_service

__all__ = ["load_settings", "service_cli"]

SettingsT = TypeVar("SettingsT", bound=GrpcServiceSettings)
ContainerT = TypeVar("ContainerT", bound=Closable)


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
    app = typer.Typer(help=f"OneOffice {name} service.", no_args_is_help=True, add_completion=False)
    app.add_typer(audit or audit_cli(name, settings_type), name="audit")

    @app.command()
    def serve() -> None:
        """Migrate the database, then serve gRPC until SIGTERM or Ctrl-C."""
        settings = load_settings(settings_type)
        configure_process(name, log_level=settings.log_level, otlp_endpoint=settings.otlp_endpoint)
        asyncio.run(run_grpc_service(name, settings, bootstrap, build_server))

    @app.command()
    def migrate() -> None:
        """Bring the database schema up to date, then exit."""
        settings = load_settings(settings_type)
        logging.basicConfig(level=settings.log_level)
        asyncio.run(_migrate(settings))
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
