"""Settings of a command-line run: a refused default secret ends the command with exit 2."""

from __future__ import annotations

from typing import TypeVar

import typer

from .settings import DefaultSecretRefused, ServiceSettings

SettingsT = TypeVar("SettingsT", bound=ServiceSettings)


def load_settings(settings_type: type[SettingsT]) -> SettingsT:
    """The settings from the environment; a refused default password ends the command with exit 2."""
    try:
        return settings_type()
    except DefaultSecretRefused as refused:
        typer.echo(f"{refused.message_vi}\n{refused.message_en}", err=True)
        raise typer.Exit(2) from None
