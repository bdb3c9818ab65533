"""Start everything in one asyncio loop, say where to open it, and stop cleanly on Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import secrets
import signal
from contextlib import AsyncExitStack
from pathlib import Path

from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings as GatewaySettings

from .backends import LOOPBACK, start_backends
from .demo_accounts import DemoAccount, describe
from .web import EmbeddedServer, bind, gateway_server

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _say(vietnamese: str, english: str) -> None:
    print(vietnamese, flush=True)
    print(english, flush=True)


def _make_data_dir(data_dir: Path) -> Path:
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir


async def run_embedded(*, port: int, data_dir: Path) -> None:
    """Serve until SIGINT or SIGTERM; a second signal stops without waiting for open HTTP connections."""
    data_dir = await asyncio.to_thread(_make_data_dir, data_dir)
    sock = bind(LOOPBACK, port)
    port = sock.getsockname()[1]
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    gateway: EmbeddedServer | None = None

    def on_signal() -> None:
        if gateway is not None:
            gateway.force_exit = stop.is_set()
            gateway.should_exit = True
        stop.set()

    async with AsyncExitStack() as stack:
        stack.callback(sock.close)
        # Handlers stay until the very end, so a signal during shutdown cannot kill the process
        # before the databases are closed.
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, on_signal)
            stack.callback(loop.remove_signal_handler, sig)

        accounts: list[DemoAccount] = []
        # Drawn anew at every start and held in memory only: what the gateway signs callers'
        # identities with and the services check them against (nothing outside this process has it).
        internal_secret = secrets.token_urlsafe(32)
        targets = await start_backends(stack, data_dir, accounts, internal_secret=internal_secret)
        if stop.is_set():
            return
        settings = GatewaySettings(
            host=LOOPBACK,
            port=port,
            documents_target=targets["documents"],
            staff_target=targets["staff"],
            reporting_target=targets["reporting"],
            internal_secret=internal_secret,
        )
        gateway = gateway_server(create_app(settings), sock)

        serving = asyncio.create_task(gateway.serve(sockets=[sock]))
        ready = asyncio.create_task(gateway.ready.wait())
        await asyncio.wait({serving, ready}, return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if gateway.ready.is_set():
            url = f"http://{LOOPBACK}:{port}/"
            _say(
                f"OneOffice đang chạy: mở {url} trong trình duyệt (Ctrl+C để dừng). Dữ liệu: {data_dir}",
                f"OneOffice is running: open {url} in your browser (Ctrl+C to stop). Data: {data_dir}",
            )
            _say(*describe(accounts))
        await serving
        if not gateway.ready.is_set() and not stop.is_set():
            raise RuntimeError("the gateway did not start")
        _say("Đang dừng OneOffice…", "Stopping OneOffice…")
    _say("Đã dừng.", "Stopped.")
