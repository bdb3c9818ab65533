"""The background loop of everything that follows a log: the outbox relay, store subscriptions.

A follower's ``step`` handles at most one page and says how much it handled. The loop runs it again
at once while there is work; when caught up it sleeps for the poll interval, or until
:meth:`FollowerLoop.notify` says the log just grew. Each step that finds nothing doubles that sleep
up to ``idle_ceiling``, and work or a notify brings it back to the poll interval: a quiet follower
costs a query a second, not twenty, and a store in the same process wakes its followers at once on
every append (:meth:`LogFollower.start` listens to it), so only appends by another process wait for
the next poll. A failing step is reported and retried after a
back-off that doubles up to ``max_backoff`` and returns to the poll interval after a success: a
follower falls behind while its source or sink is away, and never stops following, except when a
step raises :class:`~.errors.SubscriptionMustHalt`: the loop then tells ``on_halt`` and ends.
The back-off is jittered (:class:`~.backoff.Backoff`), so replicas that lost the same source do not
retry in lock step, and a notify does not cut it short, so an outage costs little CPU however fast
the log grows.
"""

from __future__ import annotations

import asyncio
import random
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Protocol

from .backoff import Backoff
from .cancelling import cancel_and_wait, end_if_cancel_requested
from .errors import SubscriptionMustHalt


class FollowerLoop:
    def __init__(
        self,
        name: str,
        step: Callable[[], Awaitable[int]],
        *,
        poll_interval: float = 0.05,
        max_backoff: float = 5.0,
        idle_ceiling: float = 1.0,
        on_error: Callable[[Exception], None] | None = None,
        after_step: Callable[[], Awaitable[None]] | None = None,
        on_idle: Callable[[float], None] | None = None,
        on_halt: Callable[[SubscriptionMustHalt], None] | None = None,
        random_fraction: Callable[[], float] = random.random,
    ) -> None:
        """``on_error`` hears a failed step (to log it and reset state); ``after_step`` runs after
        every step, failed or not (to report lag); ``on_idle`` hears how long the loop will sleep.
        ``random_fraction`` draws the jitter (tests pin it)."""
        self.name = name
        self._step = step
        self._poll_interval = poll_interval
        self._idle_ceiling = max(idle_ceiling, poll_interval)
        self._backoff = Backoff(poll_interval * 2, max_backoff, random_fraction=random_fraction)
        self._on_error = on_error
        self._after_step = after_step
        self._on_idle = on_idle
        self._on_halt = on_halt
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def notify(self) -> None:
        """Run the next step at once (the source just appended)."""
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        """Cancel the loop, also in the middle of a step, and wait until it has ended."""
        if self._task is not None:
            task, self._task = self._task, None
            await cancel_and_wait(task)

    async def _run(self) -> None:
        wait = self._poll_interval
        idle = self._poll_interval
        while True:
            # Cleared before the step, so a notify that arrives while it reads is not lost.
            self._wake.clear()
            try:
                handled = await self._step()
                wait = idle if not handled else self._poll_interval
                self._backoff.succeeded()
            except SubscriptionMustHalt as exc:
                if self._on_halt is not None:
                    self._on_halt(exc)
                elif self._on_error is not None:
                    self._on_error(exc)
                return
            except Exception as exc:  # CancelledError is no Exception: stop() still ends the loop
                end_if_cancel_requested(exc)  # ... unless a cleanup's error took the cancel's place
                if self._on_error is not None:
                    self._on_error(exc)
                handled = 0
                wait = self._backoff.failed()
            end_if_cancel_requested()  # a library under the step caught the stop's cancel and went on
            if self._after_step is not None:
                await self._after_step()
            if self._backoff.failures:
                # Backing off: appends that notify meanwhile do not cut the wait short, or a busy
                # writer would make the loop retry its broken sink at the rate of its writes.
                if self._on_idle is not None:
                    self._on_idle(wait)
                await asyncio.sleep(wait)
            elif not handled:
                if self._on_idle is not None:
                    self._on_idle(wait)
                # asyncio.timeout, not wait_for: Python 3.11's wait_for returns normally when it is
                # cancelled just as the wake-up comes, and the loop would then outlive stop()'s cancel.
                try:
                    async with asyncio.timeout(wait):
                        await self._wake.wait()
                    idle = self._poll_interval  # woken: the log grew, be quick again
                except TimeoutError:
                    idle = min(wait * 2, self._idle_ceiling)
            else:
                idle = self._poll_interval


class AppendSignal(Protocol):
    """A log that tells listeners in its own process when it has just grown (:class:`~.store.EventStore`)."""

    def listen_appends(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every committed append; returns what stops it."""
        ...


class LogFollower(ABC):
    """A follower of a log: one page at a time (``run_once``), all at once (``catch_up``), or in the
    background on a :class:`FollowerLoop` (``start``, ``notify``, ``stop``) that the subclass makes.

    A subclass that follows a log in the same process sets ``_woken_by`` to it: while started, every
    append there wakes the loop at once."""

    _loop: FollowerLoop
    _woken_by: AppendSignal | None = None
    _unlisten: Callable[[], None] | None = None

    @abstractmethod
    async def run_once(self) -> int:
        """Handle at most one page; how many entries it handled (0 when caught up)."""

    async def catch_up(self) -> None:
        """Handle everything the log holds now."""
        while await self.run_once():
            pass

    def notify(self) -> None:
        """Wake the follower at once (the log just grew)."""
        self._loop.notify()

    def start(self) -> None:
        if self._woken_by is not None and self._unlisten is None:
            self._unlisten = self._woken_by.listen_appends(self.notify)
        self._loop.start()

    async def stop(self) -> None:
        if self._unlisten is not None:
            unlisten, self._unlisten = self._unlisten, None
            unlisten()
        await self._loop.stop()
