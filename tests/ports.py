"""Ports for the servers a test starts, chosen outside the kernel's ephemeral range.

A port the kernel hands out for ``bind(("127.0.0.1", 0))`` comes from the ephemeral range, the same
range every outgoing connection (Kafka and PostgreSQL clients of this run) takes its local port
from: between choosing it and the server binding it, a client may take it ("Address already in
use"). Ports below that range are never taken that way; each is handed out once per test run.
"""

from __future__ import annotations

import os
import random
import socket

_LOW, _HIGH = 20_000, 32_000  # below Linux's default ephemeral range (32768-60999)
# pytest-xdist workers (gw0, gw1, …) each take their own share of the range, so two never pick the same.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw"):
    _SHARE = (_HIGH - _LOW) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    _LOW += int(_WORKER[2:]) * _SHARE
    _HIGH = _LOW + _SHARE
_given: set[int] = set()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now and no other caller of this run was given."""
    for _ in range(1000):
        port = random.randrange(_LOW, _HIGH)
        if port in _given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _given.add(port)
        return port
    raise RuntimeError(f"no free port between {_LOW} and {_HIGH}")
