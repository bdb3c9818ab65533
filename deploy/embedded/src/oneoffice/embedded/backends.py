"""The three services, each built by its own bootstrap and gRPC server module, on loopback."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from oneoffice.documents import bootstrap as documents_bootstrap
from oneoffice.documents import config as documents_config
from oneoffice.documents.entrypoints import grpc_server as documents_grpc
from oneoffice.eventcore.grpc_runtime import GrpcServer
from oneoffice.reporting import bootstrap as reporting_bootstrap
from oneoffice.reporting import config as reporting_config
from oneoffice.reporting.entrypoints import grpc_server as reporting_grpc
from oneoffice.staff import bootstrap as staff_bootstrap
from oneoffice.staff import config as staff_config
from oneoffice.staff.adapters.passwords import Argon2Passwords
from oneoffice.staff.entrypoints import grpc_server as staff_grpc

from .demo_accounts import DemoAccount, create_demo_accounts
from .demo_duties import seed_demo_duties
from .demo_figures import seed_demo_figures
from .demo_people import seed_demo_people
from .demo_units import seed_demo_units

LOOPBACK = "127.0.0.1"
GRACE_SECONDS = 3.0


def _settings(data_dir: Path, name: str, internal_secret: str) -> dict[str, Any]:
    """Settings of one service: its own SQLite file, any free loopback port, no Kafka, the run's secret."""
    return {
        "internal_secret": internal_secret,
        "database_url": f"sqlite+aiosqlite:///{(data_dir / f'{name}.db').resolve()}",
        "grpc_host": LOOPBACK,
        "grpc_port": 0,
        "kafka_bootstrap": None,
    }


async def _serve(stack: AsyncExitStack, server: GrpcServer) -> str:
    await server.start()
    stack.push_async_callback(server.stop, GRACE_SECONDS)
    return server.target


async def start_backends(
    stack: AsyncExitStack,
    data_dir: Path,
    demo_accounts: list[DemoAccount] | None = None,
    *,
    internal_secret: str,
) -> dict[str, str]:
    """Start documents, staff and reporting; their gRPC targets by name. ``stack`` stops them.

    They trust calls whose identity is signed with ``internal_secret`` (the gateway's). The demo
    accounts are created in staff (when missing) and listed into ``demo_accounts``.
    """
    targets: dict[str, str] = {}

    passwords = Argon2Passwords()
    staff = await staff_bootstrap.bootstrap(
        staff_config.Settings(**_settings(data_dir, "staff", internal_secret)), passwords=passwords
    )
    stack.push_async_callback(staff.aclose)
    created = await create_demo_accounts(staff, passwords)
    await seed_demo_units(staff)
    await seed_demo_people(staff)
    await seed_demo_duties(staff)
    if demo_accounts is not None:
        demo_accounts.extend(created)
    targets["staff"] = await _serve(stack, staff_grpc.build_server(staff))

    # Embedded mode: documents follows the units of the staff store directly (no Kafka in between),
    # and serves once it knows the units seeded above.
    documents = await documents_bootstrap.bootstrap(
        documents_config.Settings(
            **_settings(data_dir, "documents", internal_secret), blob_dir=data_dir / "documents-blobs"
        ),
        staff_store=staff.store,
    )
    stack.push_async_callback(documents.aclose)
    await _caught_up(documents)
    targets["documents"] = await _serve(stack, documents_grpc.build_server(documents))

    # Embedded mode: reporting follows the documents store directly (no Kafka in between).
    reporting = await reporting_bootstrap.bootstrap(
        reporting_config.Settings(**_settings(data_dir, "reporting", internal_secret)),
        documents_store=documents.store,
        staff_store=staff.store,  # the dashboard (#13) follows the staff store too
    )
    stack.push_async_callback(reporting.aclose)
    await seed_demo_figures(reporting)
    targets["reporting"] = await _serve(stack, reporting_grpc.build_server(reporting))

    return targets


async def _caught_up(documents: documents_bootstrap.DocumentsContainer, *, within: float = 60.0) -> None:
    """Wait until documents has applied every event the staff store holds (polled, bounded)."""
    assert documents.known_units is not None and documents.known_units.store_follower is not None
    follower = documents.known_units.store_follower
    async with asyncio.timeout(within):
        while await follower.lag() > 0:
            follower.notify()
            await asyncio.sleep(0.05)
