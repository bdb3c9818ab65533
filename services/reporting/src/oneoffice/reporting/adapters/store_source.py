"""Embedded mode: events followed from the documents service's event store, in the same process."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.halting import OnHalt
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription

from ..application.rebuild import ReplayProgress

DOCUMENTS = "documents"


class StoreFollower:
    """The live catch-up subscription on the documents store.

    Pausing stops it; resuming starts a fresh one, which reads its checkpoint from the database
    again (a rebuild has moved it meanwhile).
    """

    def __init__(
        self,
        source: EventStore,
        applier: BatchApplier,
        *,
        source_name: str = DOCUMENTS,
        on_consumed: Callable[[int], None] | None = None,
        on_lag: Callable[[int], None] | None = None,
        on_retry: Callable[[str], None] | None = None,
        on_halt: OnHalt | None = None,
    ) -> None:
        self._on_consumed = on_consumed
        self._on_lag = on_lag
        self._on_retry = on_retry
        self._on_halt = on_halt
        self._source = source
        self._applier = applier
        self._source_name = source_name
        self._subscription: StoreSubscription | None = None

    @property
    def subscription(self) -> StoreSubscription | None:
        return self._subscription

    async def start(self) -> None:
        if self._subscription is None:
            self._subscription = StoreSubscription(
                self._source,
                self._applier,
                source_name=self._source_name,
                on_consumed=self._on_consumed,
                on_lag=self._on_lag,
                on_retry=self._on_retry,
                on_halt=self._on_halt,
            )
            self._subscription.start()

    async def stop(self) -> None:
        if self._subscription is not None:
            subscription, self._subscription = self._subscription, None
            await subscription.stop()

    async def pause(self) -> None:
        await self.stop()

    async def resume(self) -> None:
        await self.start()

    def notify(self) -> None:
        """Wake the subscription at once (the documents store just appended)."""
        if self._subscription is not None:
            self._subscription.notify()


class StoreReplay:
    """Replays the documents store from its first event into a rebuild's handler, until caught up.

    Called again with the same subscription name, it continues from that subscription's checkpoint.
    """

    def __init__(
        self,
        source: EventStore,
        engine: AsyncEngine,
        *,
        source_name: str = DOCUMENTS,
        clock: Clock | None = None,
        progress: ReplayProgress | None = None,
    ) -> None:
        self._source = source
        self._engine = engine
        self._source_name = source_name
        self._clock = clock
        self._progress = progress

    def with_progress(self, progress: ReplayProgress) -> StoreReplay:
        return StoreReplay(
            self._source, self._engine, source_name=self._source_name, clock=self._clock, progress=progress
        )

    async def __call__(self, handler: EventHandler, subscription: str) -> None:
        applier = BatchApplier(self._engine, subscription, handler, clock=self._clock)
        progress = self._progress
        if progress is not None:
            # Positions may have holes: the last one is an upper bound of the events to read.
            progress.started(await self._source.last_position())
        await StoreSubscription(
            self._source,
            applier,
            source_name=self._source_name,
            on_consumed=None if progress is None else progress.advanced,
        ).catch_up()
