"""Part of the composition root: tracked work (#12) — the working-day calendar, the staff of each
commune, the read model of passings-on and tasks with its subscription on the service's own store,
and the use cases over them."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.incoming_documents_projection import SqlIncomingDocumentReader
from .adapters.reference_data import load_working_calendar
from .adapters.tracked_work_projection import SqlTrackedWork, TrackedWorkProjection
from .application.tracked_work import TrackedWork
from .config import Settings
from .domain.working_calendar import WorkingCalendar
from .staff_wiring import KnownStaff, known_staff

STORE_NAME = "documents"


@dataclass(slots=True)
class Work:
    tracked: TrackedWork
    calendar: WorkingCalendar
    runner: ProjectionRunner
    subscription: StoreSubscription
    staff: KnownStaff


async def tracked_work(
    resources: AsyncExitStack,
    settings: Settings,
    engine: AsyncEngine,
    store: EventStore,
    registry: EventRegistry,
    documents: SqlIncomingDocumentReader,
    *,
    clock: Clock,
    telemetry: ServiceTelemetry,
    staff_store: EventStore | None,
    follow: bool,
    on_appended: Callable[[], None],
    calendar: WorkingCalendar | None = None,
) -> Work:
    calendar = calendar or load_working_calendar(settings.reference_data_dir)
    name = TrackedWorkProjection.name
    runner = ProjectionRunner(engine, TrackedWorkProjection(), clock)
    await runner.start()
    subscription = StoreSubscription(
        store,
        BatchApplier(engine, name, runner, clock=clock),
        source_name=STORE_NAME,
        on_consumed=telemetry.on_consumed(name),
        on_lag=telemetry.on_lag(name),
        on_retry=telemetry.on_retry(name),
        on_halt=telemetry.on_halt(name),
    )
    if follow:
        subscription.start()
        resources.push_async_callback(subscription.stop)
    staff = await known_staff(
        resources, settings, engine, clock=clock, telemetry=telemetry, staff_store=staff_store, follow=follow
    )

    def appended() -> None:
        subscription.notify()
        on_appended()

    tracked = TrackedWork(
        store,
        registry,
        clock,
        calendar,
        documents,
        staff.directory,
        SqlTrackedWork(engine, runner),
        on_appended=appended,
    )
    return Work(tracked, calendar, runner, subscription, staff)
