"""Part of the composition root: what reacts to time and to the staff service's coverage of absences.

- the open-work read model (:mod:`.adapters.open_work_projection`), a catch-up subscription on the
  documents store;
- the deadline watcher, ticked by a :class:`~oneoffice.eventcore.follower.FollowerLoop` every
  ``watch_tick_seconds`` (and at once when it raised something);
- the coverage reaction, fed by the coverage inbox (a second read model on the follower of the staff
  events, see :mod:`.units_wiring`), polled by its own loop, acting only once the open-work read model
  has caught up with the store.

Every replica runs them: what they append is exactly once by construction (see
:mod:`.application.work_streams`). Metrics: ``oneoffice_work_events_raised_total{service, event_type}``;
a loop halted for good is reported with the service's halted subscriptions (readiness).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date, timedelta

import structlog
from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.errors import SubscriptionMustHalt
from oneoffice.eventcore.follower import FollowerLoop
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.coverage_inbox_projection import CoverageInboxProjection, SqlCoverageInbox
from .adapters.open_work_projection import OpenWorkProjection, SqlOpenWork
from .application.coverage_reaction import CoverageReaction
from .application.deadline_watcher import DeadlineWatcher, WorkingDays
from .application.work_streams import WorkStreams
from .config import Settings

log = structlog.get_logger("oneoffice.documents.work_watch")

WATCHER = "documents.deadline_watcher"
REACTION = "documents.coverage_reaction"


class WeekendsOnly:
    """A working-day calendar knowing only weekends (Saturday, Sunday): the stand-in until the
    office calendar with public holidays is wired (TODO: the lead wires ``domain/working_calendar``)."""

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5

    def working_days_between(self, a: date, b: date) -> int:
        return sum(1 for n in range(1, (b - a).days + 1) if self.is_working_day(a + timedelta(days=n)))

    def add_working_days(self, d: date, n: int) -> date:
        while n > 0:
            d += timedelta(days=1)
            n -= self.is_working_day(d)
        return d


@dataclass(slots=True)
class WorkWatch:
    open_work: SqlOpenWork
    open_work_runner: ProjectionRunner
    subscription: StoreSubscription
    watcher: DeadlineWatcher
    coverage_inbox: ProjectionRunner
    coverage: CoverageReaction
    watcher_loop: FollowerLoop | None = None
    coverage_loop: FollowerLoop | None = None


def _raised_counter(telemetry: ServiceTelemetry) -> Callable[[str], None]:
    counter = Counter(
        "oneoffice_work_events_raised",
        "Events the documents service raised by itself (time: due soon, overdue, untracked; "
        "staff coverage: tasks moved)",
        ["service", "event_type"],
        registry=telemetry.registry,
    )
    return lambda event_type: counter.labels(telemetry.service, event_type).inc()


def coverage_inbox(engine: AsyncEngine, clock: Clock) -> ProjectionRunner:
    """The inbox of coverage events (start it, and give it to the follower of the staff events)."""
    return ProjectionRunner(engine, CoverageInboxProjection(), clock)


async def open_work(
    settings: Settings,
    store: EventStore,
    inbox: ProjectionRunner,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    working_days: WorkingDays,
    streams: WorkStreams,
) -> WorkWatch:
    """The open-work read model (started), the watcher and the coverage reaction (see ``start``)."""
    engine: AsyncEngine = store.engine
    runner = ProjectionRunner(engine, OpenWorkProjection(), clock)
    await runner.start()
    name = OpenWorkProjection.name
    subscription = StoreSubscription(
        store,
        BatchApplier(engine, name, runner, clock=clock),
        source_name="documents",
        on_consumed=telemetry.on_consumed(name),
        on_lag=telemetry.on_lag(name),
        on_retry=telemetry.on_retry(name),
        on_halt=telemetry.on_halt(name),
    )
    reader = SqlOpenWork(engine, runner)
    raised = _raised_counter(telemetry)

    async def caught_up() -> bool:
        return await subscription.lag() == 0

    watcher = DeadlineWatcher(
        streams,
        reader,
        clock,
        working_days,
        due_soon_days=settings.due_soon_working_days,
        on_raised=raised,
        caught_up=caught_up,
    )

    coverage = CoverageReaction(
        streams,
        reader,
        SqlCoverageInbox(engine, inbox),
        caught_up=caught_up,
        on_moved=lambda kind: raised(f"documents.TaskReassigned:{kind}"),
    )
    return WorkWatch(reader, runner, subscription, watcher, inbox, coverage)


def start(
    watch: WorkWatch, resources: AsyncExitStack, settings: Settings, telemetry: ServiceTelemetry
) -> None:
    """Start the read model's subscription and the two loops (stopped by ``resources``)."""
    watch.subscription.start()
    resources.push_async_callback(watch.subscription.stop)
    watch.watcher_loop = _loop(
        WATCHER, _unless_halted(watch, watch.watcher.tick), settings.watch_tick_seconds, telemetry
    )
    watch.coverage_loop = _loop(REACTION, _unless_halted(watch, watch.coverage.run_once), 0.5, telemetry)
    for loop in (watch.watcher_loop, watch.coverage_loop):
        loop.start()
        resources.push_async_callback(loop.stop)


def _unless_halted(watch: WorkWatch, step: Callable[[], Awaitable[int]]) -> Callable[[], Awaitable[int]]:
    """``step``, halting its loop for good when the open-work read model's subscription halted (its
    answers would stay stale): the service then reports itself not ready."""

    async def guarded() -> int:
        if watch.subscription.halted is not None:
            raise SubscriptionMustHalt("the open-work read model halted", reason="read_model_halted")
        return await step()

    return guarded


def _loop(
    name: str, step: Callable[[], Awaitable[int]], interval: float, telemetry: ServiceTelemetry
) -> FollowerLoop:
    halted = telemetry.on_halt(name)

    def failed(error: Exception) -> None:
        log.warning("work_watch_step_failed", loop=name, error=repr(error))
        telemetry.metrics.subscription_retried(name, "step")

    def halt(error: SubscriptionMustHalt) -> None:
        log.error("work_watch_halted", loop=name, error=str(error))
        halted(error.reason)

    return FollowerLoop(
        name, step, poll_interval=interval, max_backoff=max(interval, 5.0), on_error=failed, on_halt=halt
    )
