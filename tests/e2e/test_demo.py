"""The one-process demo, run as a user would: start it, open the page, stop it with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.ports import free_port

pytestmark = pytest.mark.e2e

STARTUP_SECONDS = 60.0
SHUTDOWN_SECONDS = 20.0


def _output(log: Path) -> str:
    return log.read_text(encoding="utf-8")


def _wait_until_ready(http: httpx.Client, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the demo exited with {process.returncode}:\n{_output(log)}")
        try:
            if http.get("/readyz", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the demo was not ready within {STARTUP_SECONDS}s:\n{_output(log)}")


def test_demo_serves_the_vietnamese_page_and_exits_cleanly_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    data_dir = tmp_path / "data"
    log = tmp_path / "demo.log"
    base_url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "oneoffice.embedded", "--port", str(port), "--data-dir", str(data_dir)],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    # trust_env=False: a proxy from the environment must not stand between the test and loopback.
    try:
        with httpx.Client(base_url=base_url, timeout=5.0, trust_env=False) as http:
            _wait_until_ready(http, process, log)
            page = http.get("/")
        assert page.status_code == 200
        assert "OneOffice — Một văn phòng" in page.text
        assert page.text.count("Đang hoạt động") == 3
        announced = _output(log)
        assert f"mở http://127.0.0.1:{port}/" in announced
        assert f"open http://127.0.0.1:{port}/" in announced

        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=SHUTDOWN_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert returncode == 0, _output(log)
    assert "Stopped." in _output(log)
    assert {p.name for p in data_dir.iterdir()} >= {"documents.db", "staff.db", "reporting.db"}
