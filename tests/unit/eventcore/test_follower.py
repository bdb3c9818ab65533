"""The follower loop: runs while there is work, sleeps when caught up, wakes on notify, backs off."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from oneoffice.eventcore.follower import FollowerLoop, LogFollower


class Calls:
    """Counts calls; a test awaits a count instead of sleeping."""

    def __init__(self) -> None:
        self.count = 0
        self._changed = asyncio.Condition()

    async def tick(self) -> None:
        async with self._changed:
            self.count += 1
            self._changed.notify_all()

    async def reach(self, count: int, timeout: float = 2.0) -> None:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self.count >= count)


class ScriptedStep(Calls):
    """A step that plays a script: a number is what it handled, an exception is raised; then 0."""

    def __init__(self, *script: int | Exception) -> None:
        super().__init__()
        self._script = list(script)

    @property
    def calls(self) -> int:
        return self.count

    async def __call__(self) -> int:
        await self.tick()
        outcome = self._script.pop(0) if self._script else 0
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


async def test_started_loop_steps_again_at_once_while_there_is_work_then_sleeps() -> None:
    step = ScriptedStep(5, 5, 0)
    loop = FollowerLoop("test", step, poll_interval=60)

    loop.start()
    await step.reach(3)
    await asyncio.sleep(0.05)

    assert step.calls == 3  # caught up: asleep for the poll interval
    assert loop.running
    await loop.stop()


async def test_notify_wakes_a_sleeping_loop_at_once() -> None:
    step = ScriptedStep()
    loop = FollowerLoop("test", step, poll_interval=60)
    loop.start()
    await step.reach(1)

    loop.notify()

    await step.reach(2, timeout=1.0)
    await loop.stop()


async def test_a_notify_during_a_step_is_not_lost() -> None:
    release = asyncio.Event()
    calls = Calls()

    async def slow_step() -> int:
        await calls.tick()
        if calls.count == 1:
            await release.wait()
        return 0

    loop = FollowerLoop("test", slow_step, poll_interval=60)
    loop.start()
    await calls.reach(1)
    loop.notify()  # the first step is still reading
    release.set()

    await calls.reach(2, timeout=1.0)
    await loop.stop()


async def test_failed_steps_back_off_doubling_up_to_the_ceiling_and_reset_after_a_success() -> None:
    errors: list[Exception] = []
    sleeps: list[float] = []
    boom = RuntimeError("kafka is away")
    step = ScriptedStep(boom, boom, boom, boom, 1, 0)
    loop = FollowerLoop(
        "test",
        step,
        poll_interval=0.001,
        max_backoff=0.004,
        on_error=errors.append,
        on_idle=sleeps.append,
        random_fraction=lambda: 1.0,  # the jitter at its widest: the nominal delays
    )

    loop.start()
    await step.reach(6)
    await loop.stop()

    assert errors == [boom] * 4
    assert sleeps[:5] == [0.002, 0.004, 0.004, 0.004, 0.001]


async def test_failed_steps_wait_a_jittered_back_off_between_half_and_all_of_the_nominal_delay() -> None:
    sleeps: list[float] = []
    boom = RuntimeError("kafka is away")
    step = ScriptedStep(boom, boom, boom, boom)
    loop = FollowerLoop(
        "test",
        step,
        poll_interval=0.001,
        max_backoff=0.004,
        on_idle=sleeps.append,
        random_fraction=lambda: 0.0,
    )

    loop.start()
    await step.reach(5)
    await loop.stop()

    assert sleeps[:4] == [0.001, 0.002, 0.002, 0.002]


async def test_a_notify_does_not_cut_a_back_off_short() -> None:
    """A writer appending fast while Kafka is away must not make the relay retry at its pace."""
    boom = RuntimeError("kafka is away")
    step = ScriptedStep(boom, boom, boom, boom, boom, boom)
    loop = FollowerLoop("test", step, poll_interval=0.5, max_backoff=2.0, random_fraction=lambda: 1.0)
    loop.start()
    await step.reach(1)

    for _ in range(20):
        loop.notify()
        await asyncio.sleep(0.005)

    assert step.calls == 1, "still backing off after the first failure (1 s)"
    await loop.stop()


async def test_after_step_runs_after_every_step_failed_or_not() -> None:
    reported: list[int] = []
    step = ScriptedStep(RuntimeError("down"), 3, 0)

    async def report() -> None:
        reported.append(step.calls)

    loop = FollowerLoop("test", step, poll_interval=0.001, after_step=report)
    loop.start()
    await step.reach(4)
    await loop.stop()

    assert reported[:3] == [1, 2, 3]


async def test_stop_cancels_a_step_in_progress_and_the_loop_steps_no_more() -> None:
    started = asyncio.Event()
    cancelled = asyncio.Event()

    async def stuck_step() -> int:
        started.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return 0

    loop = FollowerLoop("test", stuck_step)
    loop.start()
    await started.wait()

    await loop.stop()

    assert cancelled.is_set()
    assert not loop.running
    await loop.stop()  # stopping twice is harmless


async def test_a_stopped_loop_can_start_again() -> None:
    step = ScriptedStep()
    loop = FollowerLoop("test", step, poll_interval=60)
    loop.start()
    await step.reach(1)
    await loop.stop()

    loop.start()

    await step.reach(2)
    await loop.stop()


@pytest.mark.parametrize("starts", [1, 2])
async def test_starting_twice_runs_one_loop(starts: int) -> None:
    step = ScriptedStep()
    loop = FollowerLoop("test", step, poll_interval=60)
    for _ in range(starts):
        loop.start()
    await step.reach(1)
    await asyncio.sleep(0.05)

    assert step.calls == 1
    await loop.stop()


async def test_a_quiet_loop_polls_less_and_less_often_up_to_its_ceiling_and_quickly_after_work() -> None:
    sleeps: list[float] = []
    step = ScriptedStep(0, 0, 0, 0, 0, 2, 0, 0)
    loop = FollowerLoop("test", step, poll_interval=0.001, idle_ceiling=0.004, on_idle=sleeps.append)

    loop.start()
    await step.reach(8)
    await loop.stop()

    assert sleeps[:7] == [0.001, 0.002, 0.004, 0.004, 0.004, 0.001, 0.002]


async def test_a_notify_makes_a_quiet_loop_quick_again() -> None:
    sleeps: list[float] = []
    step = ScriptedStep()
    loop = FollowerLoop("test", step, poll_interval=0.001, idle_ceiling=60, on_idle=sleeps.append)

    loop.start()
    await step.reach(5)  # 0.001 + 0.002 + 0.004 + 0.008: the next sleep is 0.016
    loop.notify()
    await step.reach(7)
    await loop.stop()

    assert sleeps[:4] == [0.001, 0.002, 0.004, 0.008]
    assert 0.001 in sleeps[5:7], sleeps


class Log:
    """A log in the same process that says when it grew (what :class:`EventStore` does)."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[], None]] = []

    def listen_appends(self, listener: Callable[[], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def append(self) -> None:
        for listener in tuple(self.listeners):
            listener()


class Follower(LogFollower):
    def __init__(self, log: Log, step: ScriptedStep) -> None:
        self._woken_by = log
        self._loop = FollowerLoop("test", step, poll_interval=60)

    async def run_once(self) -> int:
        return 0


async def test_a_follower_is_woken_by_every_append_to_its_log_while_started_and_stops_listening() -> None:
    log, step = Log(), ScriptedStep()
    follower = Follower(log, step)

    follower.start()
    await step.reach(1)
    log.append()
    await step.reach(2)  # the poll interval is a minute: only the append woke it
    await follower.stop()

    assert log.listeners == []


async def test_a_stop_that_comes_with_a_wake_up_still_ends_the_loop() -> None:
    """The wake-up and the cancel land in the same turn of the event loop: the wait must still end in
    the cancel (Python 3.11's ``asyncio.wait_for`` returned the wake-up instead, and the loop ran on)."""
    step = ScriptedStep(0)
    loop = FollowerLoop("test", step, poll_interval=60)
    loop.start()
    await step.reach(1)
    await asyncio.sleep(0.01)  # asleep, waiting to be woken

    loop.notify()
    async with asyncio.timeout(2):
        await loop.stop()

    assert not loop.running


async def _stop_while_the_step_waits(
    when_cancelled: Callable[[], int], *, poll_interval: float, max_backoff: float = 5.0
) -> FollowerLoop:
    """A loop whose step waits until it is cancelled, then returns ``when_cancelled()`` (or raises
    what it raises), stopped there within two seconds."""
    started = asyncio.Event()

    async def step() -> int:
        started.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            return when_cancelled()
        return 0

    loop = FollowerLoop("test", step, poll_interval=poll_interval, max_backoff=max_backoff)
    loop.start()
    await started.wait()
    async with asyncio.timeout(2):
        await loop.stop()
    return loop


async def test_a_stop_ends_the_loop_even_when_the_step_fails_otherwise_as_it_is_cancelled() -> None:
    """A cleanup that fails during the cancel (closing a client, releasing a lock) raises its own
    error instead of the ``CancelledError``: the loop must not take it for one more failed step."""

    def cleanup_fails() -> int:
        raise RuntimeError("the client would not close")

    loop = await _stop_while_the_step_waits(cleanup_fails, poll_interval=0.01, max_backoff=0.01)

    assert not loop.running


async def test_a_stop_ends_the_loop_even_when_the_step_swallows_the_cancel() -> None:
    # As some client libraries do in their cleanups; 1: handled something, the loop would step again.
    loop = await _stop_while_the_step_waits(lambda: 1, poll_interval=60)

    assert not loop.running
