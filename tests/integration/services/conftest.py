"""The three services started for real, as their own processes would start them, on port 0."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from oneoffice.documents import bootstrap as documents_bootstrap
from oneoffice.documents import config as documents_config
from oneoffice.documents.entrypoints import grpc_server as documents_grpc
from oneoffice.eventcore.grpc_runtime import GrpcServer
from oneoffice.reporting import bootstrap as reporting_bootstrap
from oneoffice.reporting import config as reporting_config
from oneoffice.reporting.entrypoints import grpc_server as reporting_grpc
from oneoffice.staff import bootstrap as staff_bootstrap
from oneoffice.staff import config as staff_config
from oneoffice.staff.entrypoints import grpc_server as staff_grpc
from tests.known_units import KnownUnits


@dataclass(frozen=True)
class ServiceModules:
    config: ModuleType
    bootstrap: ModuleType
    grpc_server: ModuleType


SERVICES = {
    "documents": ServiceModules(documents_config, documents_bootstrap, documents_grpc),
    "staff": ServiceModules(staff_config, staff_bootstrap, staff_grpc),
    "reporting": ServiceModules(reporting_config, reporting_bootstrap, reporting_grpc),
}
# Documents knows the communes the tests register for (nothing here seeds the staff units).
OPTIONS: dict[str, dict[str, Any]] = {"documents": {"units": KnownUnits.test_communes()}}


@dataclass
class RunningService:
    container: Any
    server: GrpcServer


@pytest.fixture
async def running_services(tmp_path: Path) -> AsyncIterator[dict[str, RunningService]]:
    """documents, staff and reporting serving gRPC on loopback, each on its own SQLite file."""
    running: dict[str, RunningService] = {}
    try:
        for name, modules in SERVICES.items():
            settings = modules.config.Settings(
                database_url=f"sqlite+aiosqlite:///{tmp_path / name / 'events.db'}",
                grpc_host="127.0.0.1",
                grpc_port=0,
            )
            container = await modules.bootstrap.bootstrap(settings, **OPTIONS.get(name, {}))
            server = modules.grpc_server.build_server(container)
            running[name] = RunningService(container, server)
            await server.start()
        yield running
    finally:
        for service in running.values():
            await service.server.stop(grace=None)
            await service.container.aclose()
