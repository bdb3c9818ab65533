"""Command line of the documents service: ``serve``, ``migrate``, ``healthcheck``."""

from __future__ import annotations

from oneoffice.eventcore.cli import service_cli

from ..bootstrap import bootstrap
from ..config import Settings
from .grpc_server import HEALTH_NAME, build_server

app = service_cli("documents", Settings, bootstrap, build_server, health_name=HEALTH_NAME)
