"""What a test that hangs was waiting for: its event loop's tasks, printed before pytest-timeout ends it.

pytest-timeout prints every thread's stack when a test overruns, but a hung asyncio test shows only
its event loop polling: the coroutine that waits forever is a task's stack, not a thread's. So,
shortly before the timeout, a timer thread asks the session's event loop (it polls, so it runs the
callback) to print every pending task's stack into the test's captured output.
"""

from __future__ import annotations

import asyncio
import sys
import threading

import pytest

_EARLY = 15.0  # seconds before pytest-timeout's own report
_loop: asyncio.AbstractEventLoop | None = None
_timers: dict[str, threading.Timer] = {}


def remember_loop(loop: asyncio.AbstractEventLoop) -> None:
    global _loop
    _loop = loop


def _print_tasks(nodeid: str) -> None:
    loop = _loop
    if loop is None or loop.is_closed():
        return
    tasks = asyncio.all_tasks(loop)
    said = f"{nodeid}: {len(tasks)} pending asyncio tasks, shortly before the timeout"
    print(f"\n+++ {said} +++", file=sys.stderr)
    for task in tasks:
        print(f"--- {task!r}", file=sys.stderr)
        task.print_stack(limit=25, file=sys.stderr)


def _fire(nodeid: str) -> None:
    loop = _loop
    if loop is not None and not loop.is_closed():
        loop.call_soon_threadsafe(_print_tasks, nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    timeout = float(item.config.getini("timeout") or 0)
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        timeout = float(marker.args[0])
    if timeout > 2 * _EARLY:
        timer = threading.Timer(timeout - _EARLY, _fire, args=(item.nodeid,))
        timer.daemon = True
        timer.start()
        _timers[item.nodeid] = timer


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    timer = _timers.pop(item.nodeid, None)
    if timer is not None:
        timer.cancel()
