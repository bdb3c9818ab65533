"""The embedded demo (``python -m oneoffice.embedded``) as a running process for the API tests.

Started once per test session by the ``live_demo`` fixture of ``tests/e2e/conftest.py``: on a free
port, with its own data folder, stopped (and its log shown on failure) at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.ports import free_port

STARTUP_SECONDS = 60.0
DEMO_PASSWORD = "demo"


@dataclass(frozen=True, slots=True)
class LiveDemo:
    base_url: str
    log: Path

    @property
    def openapi_url(self) -> str:
        return f"{self.base_url}/openapi.json"

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=30.0, trust_env=False)

    def token(self, username: str, password: str = DEMO_PASSWORD) -> str:
        with self.client() as http:
            answer = http.post("/api/v1/auth/token", data={"username": username, "password": password})
        if answer.status_code != 200:
            raise AssertionError(f"no token for {username}: {answer.status_code} {answer.text}")
        return str(answer.json()["access_token"])


def _wait_until_ready(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    with httpx.Client(base_url=base_url, trust_env=False) as http:
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the demo exited with {process.returncode}:\n{log.read_text()}")
            try:
                if http.get("/readyz", timeout=2.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"the demo was not ready within {STARTUP_SECONDS}s:\n{log.read_text()}")
            time.sleep(0.2)


@contextmanager
def running_demo(folder: Path) -> Iterator[LiveDemo]:
    """The embedded demo on a free port with its data under ``folder``, until the block ends."""
    port = free_port()
    log = folder / "embedded.log"
    args = ["-m", "oneoffice.embedded", "--port", str(port), "--data-dir", str(folder / "data")]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, *args],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base_url, process, log)
        yield LiveDemo(base_url, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
