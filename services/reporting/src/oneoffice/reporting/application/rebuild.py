"""Rebuilding a projection from the log while its live subscription keeps it current.

The runner fills a fresh generation through ``replay`` and then moves the live subscription's
checkpoints to where the replay stopped. Events the live subscription applies to the old generation
after the replay's last read would be missing from the new one until the next event reaches their
partition. So the replay runs twice: the bulk while the live subscription follows, then, with the
live subscription paused, the short tail it may have reached meanwhile; the live subscription is
resumed after the switch and follows from the moved checkpoints.

One rebuild at a time, whichever process asks (the server or the command line): a second one is
refused with :class:`RebuildAlreadyRunning`. A log known to have lost events is refused before
anything changes.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from oneoffice.eventcore import projection
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.projection import Replay

from .errors import RebuildAlreadyRunning, RebuildInterrupted


class Rebuildable(Protocol):
    @property
    def name(self) -> str: ...

    async def rebuild(self, subscription: str, replay: Replay) -> int:
        """Rebuild into a fresh generation, switch to it, and return its number."""
        ...


@runtime_checkable
class CheckedLog(Protocol):
    """A replay that can tell, before a rebuild starts, whether its log still holds every event."""

    async def ensure_complete(self) -> None:
        """Raise a :class:`~.errors.ReportingError` when events are known to be missing."""
        ...


class ReplayProgress(Protocol):
    """What a replay reports as it goes (the command line draws it); the replay adapters call it."""

    def started(self, total: int | None) -> None:
        """A replay pass begins with about ``total`` events to read (None: not known)."""
        ...

    def advanced(self, count: int) -> None: ...


@runtime_checkable
class ReportsProgress(Protocol):
    def with_progress(self, progress: ReplayProgress) -> Replay:
        """The same replay, reporting to ``progress``."""
        ...


class LiveFollower(Protocol):
    async def pause(self) -> None: ...

    async def resume(self) -> None: ...


async def rebuild_projection(
    runner: Rebuildable,
    live_subscription: str,
    replay: Replay,
    live: LiveFollower | None = None,
    progress: ReplayProgress | None = None,
) -> int:
    """Rebuild ``runner``'s projection from ``replay``; returns the new generation."""
    paused = False
    if progress is not None and isinstance(replay, ReportsProgress):
        replay = replay.with_progress(progress)

    async def replay_then_tail(handler: EventHandler, subscription: str) -> None:
        nonlocal paused
        await replay(handler, subscription)
        if live is not None:
            paused = True
            await live.pause()
            await replay(handler, subscription)

    if isinstance(replay, CheckedLog):
        await replay.ensure_complete()
    try:
        return await runner.rebuild(live_subscription, replay_then_tail)
    except projection.RebuildLeaseHeld as held:
        raise RebuildAlreadyRunning(runner.name, held.owner, held.expires_at.isoformat()) from None
    except projection.RebuildLeaseLost:
        raise RebuildInterrupted(runner.name) from None
    finally:
        if live is not None and paused:
            await live.resume()
