"""Ending a background task: its cancellation is absorbed, the caller's own is not."""

from __future__ import annotations

import asyncio

import pytest

from oneoffice.eventcore.cancelling import cancel_and_wait


async def test_the_cancelled_task_has_ended_and_the_caller_goes_on() -> None:
    task = asyncio.create_task(asyncio.sleep(60))
    await asyncio.sleep(0)

    await cancel_and_wait(task)

    assert task.cancelled()


async def test_a_caller_cancelled_while_it_waits_is_cancelled_still() -> None:
    ending = asyncio.Event()

    async def slow_to_end() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            await ending.wait()  # cleans up for a while

    task = asyncio.create_task(slow_to_end())
    await asyncio.sleep(0)
    stopping = asyncio.create_task(cancel_and_wait(task))
    await asyncio.sleep(0.01)
    stopping.cancel()  # e.g. a timeout around a service's stop
    ending.set()

    with pytest.raises(asyncio.CancelledError):
        await stopping
    assert stopping.cancelled()
