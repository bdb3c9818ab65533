"""Command line of the documents service: ``serve``, ``migrate``, ``healthcheck``, ``audit``."""

from __future__ import annotations

from oneoffice.eventcore.cli import service_cli

from ..bootstrap import bootstrap
from ..config import Settings
from .cli_audit import documents_audit
from .grpc_server import HEALTH_NAME, build_server

app = service_cli(
    "documents", Settings, bootstrap, build_server, health_name=HEALTH_NAME, audit=documents_audit()
)
