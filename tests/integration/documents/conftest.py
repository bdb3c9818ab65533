"""The documents service as its process runs it: bootstrap on a real PostgreSQL, real gRPC on loopback."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import grpc
import pytest

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as pb_grpc
from oneoffice.documents.application.unit_directory import UnitDirectory
from oneoffice.documents.bootstrap import DocumentsContainer, bootstrap
from oneoffice.documents.config import Settings
from oneoffice.documents.entrypoints.grpc_server import build_server
from oneoffice.eventcore.grpc_runtime import GrpcServer
from oneoffice.eventcore.store import EventStore
from tests.caller import ActingAs
from tests.conftest import CreateDatabase
from tests.known_units import KnownUnits

COMMUNE = "16876"


@dataclass
class RunningDocuments:
    container: DocumentsContainer
    server: GrpcServer
    channel: grpc.aio.Channel
    stub: pb_grpc.DocumentsServiceStub


StartDocuments = Callable[..., Awaitable[RunningDocuments]]


@pytest.fixture
async def start_documents(create_pg_database: CreateDatabase) -> AsyncIterator[StartDocuments]:
    """Factory: one documents service (settings as keyword arguments); all are stopped at the end.

    Asks for ``create_pg_database`` so the services stop before their databases are dropped.
    """
    started: list[RunningDocuments] = []

    async def start(
        *,
        max_register_attempts: int = 5,
        units: UnitDirectory | Literal["test communes"] | None = "test communes",
        staff_store: EventStore | None = None,
        **settings: Any,
    ) -> RunningDocuments:
        # Tests of other things know the communes they register for; ``units=None``: the units
        # followed from the staff events, as the service runs.
        container = await bootstrap(
            Settings(grpc_host="127.0.0.1", grpc_port=0, **settings),
            max_register_attempts=max_register_attempts,
            units=KnownUnits.test_communes() if units == "test communes" else units,
            staff_store=staff_store,
        )
        server = build_server(container)
        await server.start()
        # The channel calls as the clerk of COMMUNE unless a call names another caller.
        channel = grpc.aio.insecure_channel(
            server.target, interceptors=[ActingAs("vanthu-16876", ["clerk"], [COMMUNE])]
        )
        running = RunningDocuments(container, server, channel, pb_grpc.DocumentsServiceStub(channel))
        started.append(running)
        return running

    yield start
    for running in reversed(started):
        await running.channel.close()
        await running.server.stop(grace=None)
        await running.container.aclose()


@pytest.fixture
async def documents(start_documents: StartDocuments, pg_url: str) -> RunningDocuments:
    return await start_documents(database_url=pg_url)


def register_request(key: str, **changes: Any) -> pb.RegisterIncomingDocumentRequest:
    fields: dict[str, Any] = {
        "commune_id": COMMUNE,
        "body_code": "UBND",
        "issuer": "UBND tỉnh Nghệ An",
        "number_symbol": "125/QĐ-UBND",
        "document_date": "2026-01-02",
        "document_type": "QD",
        "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
        "urgency": pb.URGENCY_KHAN,
        "received_date": "2026-01-05",
        "idempotency_key": key,
    }
    fields.update(changes)
    return pb.RegisterIncomingDocumentRequest(**fields)


async def eventually(check: Callable[[], Awaitable[Any]], *, within: float = 10.0) -> Any:
    """The first result of ``check`` that does not raise, polling for at most ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        try:
            return await check()
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)
