"""Command line of the staff service: ``serve``, ``migrate``, ``healthcheck``, ``create-admin``,
``seed-units``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from oneoffice.eventcore.cli import configure_logging, load_settings, run_command, service_cli

from ..adapters.unit_data import body_codes, tuong_duong_rows
from ..application.accounts import Caller
from ..application.unit_seed import seed_tuong_duong
from ..bootstrap import bootstrap
from ..config import Settings
from ..domain.errors import StaffError
from .grpc_server import HEALTH_NAME, build_server

app = service_cli("staff", Settings, bootstrap, build_server, health_name=HEALTH_NAME)

# Recorded as the actor of an account the command line creates.
CLI_ACTOR = "cli:create-admin"
SEED_ACTOR = "cli:seed-units"


@app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option(help="Login name of the new administrator.")],
    display_name: Annotated[str, typer.Option(help="Name shown for the account.")] = "Quản trị hệ thống",
) -> None:
    """Create an administrator account (the distributed mode has no default accounts).

    The password is asked for at a terminal (twice), or read from the first line of stdin.
    """
    settings = load_settings(Settings)
    if sys.stdin.isatty():
        password = typer.prompt("Mật khẩu / Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    configure_logging("staff", settings)
    try:
        run_command(
            "staff",
            settings,
            _create_admin(settings, username, display_name, password),
            command="create-admin",
            answered=(StaffError,),
        )
    except StaffError as refused:
        typer.echo(f"{refused.message_vi}\n{refused.message_en}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"staff: administrator '{username}' created")


async def _create_admin(settings: Settings, username: str, display_name: str, password: str) -> None:
    container = await bootstrap(settings, follow_events=False)
    try:
        await container.accounts.create(
            Caller(actor=CLI_ACTOR),
            username=username,
            display_name=display_name,
            roles=["admin"],
            scope=[],
            password=password,
        )
    finally:
        await container.aclose()


@app.command("seed-units")
def seed_units() -> None:
    """Record Tương Dương's administrative units, 2017 to 2025 (applying it again records nothing)."""
    settings = load_settings(Settings)
    configure_logging("staff", settings)
    recorded = run_command("staff", settings, _seed_units(settings), command="seed-units")
    typer.echo(f"staff: {recorded} reorganisations recorded")


async def _seed_units(settings: Settings) -> int:
    container = await bootstrap(settings, follow_events=False)
    try:
        return await seed_tuong_duong(
            container.units, Caller(actor=SEED_ACTOR), tuong_duong_rows(), body_codes()
        )
    finally:
        await container.aclose()
