"""Catch-up subscription on an event store: the embedded mode's event delivery.

Follows another store by global position (which never skips a late commit, see :mod:`.store`) and
applies each page through a :class:`~.applier.BatchApplier` on the consumer's own database, so the
consumer's checkpoint commits with its state. Each page carries the source store's epoch (read
from the store when the subscription starts or goes idle), so a replaced store halts it (see
:mod:`.continuity`). A failed page is retried from the stored checkpoint after a growing back-off
(counted by reason through ``on_retry``); a :class:`~.errors.SubscriptionMustHalt` ends the loop
and raises the alarm through ``on_halt``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import structlog

from .applier import BatchApplier, Deliveries
from .checkpoints import Checkpoint
from .continuity import read_store_epoch
from .db_errors import describe, transient_reason
from .errors import SubscriptionMustHalt
from .follower import FollowerLoop, LogFollower
from .halting import OnHalt
from .store import EventStore

log = structlog.get_logger("oneoffice.eventcore.store_subscription")


class StoreSubscription(LogFollower):
    def __init__(
        self,
        source: EventStore,
        applier: BatchApplier,
        *,
        source_name: str,
        batch_size: int = 500,
        poll_interval: float = 0.05,
        on_consumed: Callable[[int], None] | None = None,
        on_lag: Callable[[int], None] | None = None,
        on_retry: Callable[[str], None] | None = None,
        on_halt: OnHalt | None = None,
        max_backoff: float = 5.0,
    ) -> None:
        self._source = source
        self._woken_by = source
        self._applier = applier
        self.source_key = f"store:{source_name}"
        self._batch_size = batch_size
        self._checkpoint: Checkpoint | None = None
        self._epoch: str | None = None
        self._on_consumed = on_consumed
        self._on_lag = on_lag
        self._on_retry = on_retry
        self._on_halt = on_halt
        # Set once a SubscriptionMustHalt stopped this subscription's loop.
        self.halted: SubscriptionMustHalt | None = None
        self._loop = FollowerLoop(
            f"subscription:{self.name}",
            self.run_once,
            poll_interval=poll_interval,
            max_backoff=max_backoff,
            on_error=self._retry_from_checkpoint,
            on_halt=self._halt,
        )

    @property
    def name(self) -> str:
        return self._applier.subscription

    async def position(self) -> int:
        """The last source position applied (0 before the first)."""
        stored = (await self._applier.stored_checkpoints(self.source_key)).get(0)
        return stored.source_position if stored else 0

    async def reached(self, position: int, *, timeout: float = 2.0, poll: float = 0.01) -> bool:
        """Wait (at most ``timeout`` seconds) until the source position ``position`` is applied; whether
        it was. Read-your-writes: a command on the source store waits for its read model before it
        answers, so the page it redirects to shows what it did."""
        deadline = time.monotonic() + timeout
        while await self.position() < position:
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(poll)
        return True

    async def lag(self) -> int:
        return max(0, await self._source.last_position() - await self.position())

    async def run_once(self) -> int:
        """Apply at most one page; returns how many events were delivered (0 when caught up)."""
        if self._checkpoint is None:
            self._checkpoint = (await self._applier.stored_checkpoints(self.source_key)).get(0)
            self._epoch = await read_store_epoch(self._source.engine)
        after = self._checkpoint.source_position if self._checkpoint else 0
        page = await self._source.read_all(after=after, limit=self._batch_size)
        if not page:
            # Idle: notice a checkpoint moved by someone else (a projection rebuild switched over).
            self._checkpoint = (await self._applier.stored_checkpoints(self.source_key)).get(0)
            self._epoch = await read_store_epoch(self._source.engine)
            return 0
        deliveries = Deliveries.from_store(page, self._epoch)
        outcome = await self._applier.apply(self.source_key, 0, deliveries, expected=self._checkpoint)
        if outcome.rewind_to is not None:
            log.info("checkpoint moved elsewhere; following it", subscription=self.name, to=outcome.rewind_to)
        self._checkpoint = outcome.checkpoint
        if self._on_consumed is not None:
            self._on_consumed(outcome.applied)
        if self._on_lag is not None and self._checkpoint is not None:
            self._on_lag(max(0, page[-1][0] - self._checkpoint.source_position))
        return len(page)

    def _retry_from_checkpoint(self, exc: Exception) -> None:
        self._checkpoint = None
        reason = transient_reason(exc)
        if reason is None:  # not the database: a handler failed on an event it was not proven bad
            reason = "handler"
            log.error(
                "handler failed; retrying from the checkpoint", subscription=self.name, error=describe(exc)
            )
        else:
            log.warning(
                "database unavailable; retrying from the checkpoint",
                subscription=self.name,
                reason=reason,
                error=describe(exc),
            )
        if self._on_retry is not None:
            self._on_retry(reason)

    def _halt(self, exc: SubscriptionMustHalt) -> None:
        self.halted = exc
        log.error("subscription halted", subscription=self.name, reason=exc.reason, detail=str(exc))
        if self._on_halt is not None:
            self._on_halt(exc.reason)
