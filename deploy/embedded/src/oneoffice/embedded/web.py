"""The gateway under a programmatic uvicorn server that leaves signals to the runner."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server that says when it is serving and leaves signal handling to its owner."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = asyncio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self.ready.set()

    # uvicorn would install its own SIGINT/SIGTERM handlers and re-raise the signal once stopped,
    # killing the process before the gRPC servers and databases are closed. The runner owns signals.
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    """Bind the HTTP port first, so a port already in use fails before anything else starts."""
    return socket.create_server((host, port), reuse_port=False)


def gateway_server(app: FastAPI, sock: socket.socket) -> EmbeddedServer:
    host, port = sock.getsockname()[:2]
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        log_config=None,  # the process's JSON logging (configure_process) stays in charge
    )
    return EmbeddedServer(config)
