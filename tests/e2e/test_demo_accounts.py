"""The demo's accounts, as a user would use them: start the demo, get a token, read who you are."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.e2e.test_demo import _output, _wait_until_ready
from tests.ports import free_port

pytestmark = pytest.mark.e2e


def test_a_demo_clerk_gets_a_token_and_reads_their_account(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "demo.log"
    data_dir = tmp_path / "data"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "oneoffice.embedded",
                "--port",
                str(port),
                "--data-dir",
                str(data_dir),
            ],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10.0, trust_env=False) as http:
            _wait_until_ready(http, process, log)
            refused = http.post("/api/v1/auth/token", data={"username": "vanthu-16876", "password": "wrong"})
            issued = http.post("/api/v1/auth/token", data={"username": "vanthu-16876", "password": "demo"})
            assert issued.status_code == 200, issued.text
            token = issued.json()["access_token"]
            me = http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
            viewer = http.post(
                "/api/v1/auth/token", data={"username": "huyen-tuongduong", "password": "demo"}
            )
        assert refused.status_code == 401
        assert me.status_code == 200, me.text
        assert me.json()["roles"] == ["clerk"] and me.json()["scope"] == ["16876"]
        assert viewer.status_code == 200, viewer.text
        announced = _output(log)
        for username in ("vanthu-16876", "canbo-16882", "lanhdao-16936", "totruong-16903", "quantri"):
            assert username in announced
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20.0) == 0, _output(log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
