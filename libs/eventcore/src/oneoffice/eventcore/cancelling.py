"""Ending a background task from the code that owns it.

``task.cancel()`` then ``with suppress(CancelledError): await task`` is the usual spelling, and it has a
flaw: when the caller is itself cancelled while it waits (a service stopping, a timeout around the
stop), the suppress swallows the caller's own cancellation too, and the caller goes on as if nothing
happened. :func:`cancel_and_wait` tells the two apart with :meth:`asyncio.Task.cancelling` (Python
3.11): the task's end is awaited and its cancellation absorbed; a cancellation of the caller is raised.

A loop that survives its step's errors (``except Exception``) has a second way to lose a stop: a
cleanup that fails while the step is being cancelled (a ``finally`` closing a client, an ``except
BaseException`` releasing a lock) raises its own error in place of the ``CancelledError``, the loop
catches it as one more failed step and goes on, and whoever cancelled it waits for ever.
:func:`end_if_cancel_requested` ends such a loop when it was asked to stop.
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
        if cancel_requested():
            raise


def cancel_requested() -> bool:
    """Whether the current task has been cancelled and has not handled it (an error raised in place of
    the ``CancelledError`` leaves the request pending: the task must end all the same)."""
    current = asyncio.current_task()
    return current is not None and current.cancelling() > 0


def end_if_cancel_requested(cause: BaseException | None = None) -> None:
    """Raise ``CancelledError`` (from ``cause``, the error that took its place) if the current task
    was asked to stop: what a retrying loop calls after a step, or after catching an error."""
    if cancel_requested():
        raise asyncio.CancelledError() from cause
