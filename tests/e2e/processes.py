"""Starting the real deployables as separate processes, as an operator would."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.ports import free_port

__all__ = ["Processes", "free_port", "wait_until_ready"]


@dataclass
class Processes:
    """Child processes with their logs; everything is stopped by :meth:`stop_all`."""

    started: list[tuple[str, subprocess.Popen[bytes], Path]] = field(default_factory=list)

    def start(self, name: str, args: list[str], env: Mapping[str, str]) -> subprocess.Popen[bytes]:
        log = Path(tempfile.mkstemp(prefix=f"oneoffice-{name}-", suffix=".log")[1])
        process = subprocess.Popen(
            [sys.executable, *args],
            env={**os.environ, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.started.append((name, process, log))
        return process

    def logs(self) -> str:
        return "\n".join(
            f"--- {name} (exit {p.poll()}) ---\n{log.read_text()[-4000:]}" for name, p, log in self.started
        )

    def stop_all(self, timeout: float = 15) -> dict[str, int]:
        codes: dict[str, int] = {}
        for _, process, _ in reversed(self.started):
            if process.poll() is None:
                process.terminate()
        for name, process, _ in self.started:
            try:
                codes[name] = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        return codes


async def wait_until_ready(base_url: str, processes: Processes, timeout: float = 60) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    async with httpx.AsyncClient(base_url=base_url, timeout=5) as client:
        while True:
            for name, process, _ in processes.started:
                if process.poll() is not None:
                    raise AssertionError(f"{name} exited early\n{processes.logs()}")
            try:
                if (await client.get("/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"the gateway never became ready\n{processes.logs()}")
            await asyncio.sleep(0.3)
