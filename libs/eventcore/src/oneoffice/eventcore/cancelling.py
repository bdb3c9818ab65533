"""Ending a background task from the code that owns it.

``task.cancel()`` then ``with suppress(CancelledError): await task`` is the usual spelling, and it has a
flaw: when the caller is itself cancelled while it waits (a service stopping, a timeout around the
stop), the suppress swallows the caller's own cancellation too, and the caller goes on as if nothing
happened. :func:`cancel_and_wait` tells the two apart with :meth:`asyncio.Task.cancelling` (Python
3.11): the task's end is awaited and its cancellation absorbed; a cancellation of the caller is raised.
"""

from __future__ import annotations

import asyncio
from typing import Any


async def cancel_and_wait(task: asyncio.Task[Any]) -> None:
    """Cancel ``task`` and wait until it has ended; raise only if the caller is being cancelled."""
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise
