"""The composition root of the documents service: every adapter is a parameter with a default."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

import structlog
from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import EVENTS, UPCASTERS
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store, outbox_relay
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.follower import FollowerLoop
from oneoffice.eventcore.kafka.producer import EventProducer
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.filesystem_blob_store import FilesystemBlobStore
from .adapters.formal_docx import DOCX_MEDIA_TYPE, render_docx
from .adapters.formal_html import CONTENT_SECURITY_POLICY, render_html
from .adapters.incoming_documents_projection import IncomingDocumentsProjection, SqlIncomingDocumentReader
from .adapters.outgoing_documents_projection import OutgoingDocumentsProjection, SqlOutgoingDocumentReader
from .adapters.outgoing_reference import load_outgoing_rules
from .adapters.reference_data import load_catalogue, load_working_calendar
from .adapters.retention_data import load_retention
from .adapters.symbol_types_data import load_symbol_types
from .application.add_attachment import AddAttachmentHandler
from .application.blob_store import BlobStore
from .application.deadline_watcher import WorkingDays
from .application.document_attachments import AttachmentStreams
from .application.document_lookup import KnownDocuments
from .application.get_incoming import GetIncomingDocumentHandler
from .application.outgoing_commands import OutgoingDocumentHandlers
from .application.outgoing_rendering import Renderer, RenderOutgoingDocument
from .application.outgoing_views import OutgoingDocumentReader
from .application.read_attachments import ReadAttachments
from .application.record_streams import RecordStreams
from .application.records import HandoverNoticeScheduler, RecordFiles
from .application.register_incoming import RegisterIncomingDocumentHandler
from .application.unit_directory import UnitDirectory
from .application.work_streams import WorkStreams
from .config import Settings
from .domain.catalogue import ReferenceCatalogue
from .domain.outgoing_rules import OutgoingRules
from .domain.retention import RetentionSchedule
from .domain.symbol_types import SymbolTypes
from .units_wiring import KnownUnits, known_units
from .work_watch_wiring import WorkWatch, coverage_inbox, open_work
from .work_watch_wiring import start as start_work_watch
from .work_wiring import Work, tracked_work

# Alembic version directories of this service's own tables, upgraded with the event store's.
# (The read model's tables are created by its projection runner, one generation at a time.)
VERSION_LOCATIONS: tuple[Path, ...] = ()
# The name the service's own store goes by as a source of subscriptions.
STORE_NAME = "documents"
# The formats an outgoing document's formal layout is rendered in (GET …/render?format=).
RENDERERS: dict[str, Renderer] = {
    "docx": Renderer(render_docx, DOCX_MEDIA_TYPE, "docx"),
    "html": Renderer(
        lambda doc: render_html(doc).encode(), "text/html; charset=utf-8", "html", CONTENT_SECURITY_POLICY
    ),
}
log = structlog.get_logger("oneoffice.documents.records_notices")


def event_registry() -> EventRegistry:
    registry = EventRegistry(EVENTS)
    for event_type, from_version, upcaster in UPCASTERS:
        registry.register_upcaster(event_type, from_version, upcaster)
    return registry


@dataclass(slots=True)
class DocumentsContainer(ServiceContainer):
    settings: Settings
    engine: AsyncEngine
    store: EventStore
    catalogue: ReferenceCatalogue
    register_incoming: RegisterIncomingDocumentHandler
    get_incoming: GetIncomingDocumentHandler
    incoming_documents: ProjectionRunner
    subscription: StoreSubscription
    add_attachment: AddAttachmentHandler
    read_attachments: ReadAttachments
    records: RecordFiles
    retention: RetentionSchedule
    records_notices: HandoverNoticeScheduler
    relay: OutboxRelay | None = None
    # The units this service knows from the staff events (None: a ``UnitDirectory`` was given).
    known_units: KnownUnits | None = None
    # Tracked work (#12): passings-on and tasks (None only in containers built by hand).
    work: Work | None = None
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("documents"))
    symbol_types: SymbolTypes = field(default_factory=SymbolTypes)
    # Outgoing documents (văn bản đi): their rules, use cases, read model and its subscription.
    outgoing_rules: OutgoingRules = field(default_factory=OutgoingRules)
    outgoing: OutgoingDocumentHandlers | None = None
    outgoing_reader: OutgoingDocumentReader | None = None
    outgoing_documents: ProjectionRunner | None = None
    outgoing_subscription: StoreSubscription | None = None
    render_outgoing: RenderOutgoingDocument | None = None
    clock: Clock = field(default_factory=SystemClock)
    # Open work, the deadline watcher and the reaction to staff coverage (see work_watch_wiring).
    work_watch: WorkWatch | None = None


async def bootstrap(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    catalogue: ReferenceCatalogue | None = None,
    producer: EventProducer | None = None,
    follow_events: bool = True,
    max_register_attempts: int = 5,
    telemetry: ServiceTelemetry | None = None,
    units: UnitDirectory | None = None,
    staff_store: EventStore | None = None,
    staff_broker: KafkaBroker | None = None,
    blobs: BlobStore | None = None,
    outgoing_rules: OutgoingRules | None = None,
    records_tick_seconds: float = 3600.0,
    working_days: WorkingDays | None = None,
) -> DocumentsContainer:
    """Open the database, bring its schema up to date, wire the service and start its followers.

    Followers: the local read model's subscription on the store, and (only with ``kafka_bootstrap``)
    the outbox relay to the documents topic. ``follow_events=False`` wires without starting them
    (``migrate``). ``producer`` replaces the Kafka producer of the relay. Whatever was made is undone
    when a later step fails.

    ``units``: which units exist on a day (default: the units this service follows from the staff
    topic, or from ``staff_store`` in the embedded mode; see :mod:`.units_wiring`); ``staff_broker``
    replaces the FastStream broker following the staff topic. ``records_tick_seconds``: how often
    the hand-over notices of record files are looked for. ``working_days``: the office calendar
    of the deadline watcher (default: the configured calendar with its holidays, as tracked work uses).
    """
    clock = clock or SystemClock()
    telemetry = telemetry or ServiceTelemetry.create("documents")
    catalogue = catalogue or load_catalogue(settings.reference_data_dir)
    symbol_types = load_symbol_types(settings.reference_data_dir)
    outgoing_rules = outgoing_rules or load_outgoing_rules(settings.reference_data_dir)
    async with AsyncExitStack() as resources:
        store = await open_event_store(
            resources,
            settings,
            clock=clock,
            telemetry=telemetry,
            engine=engine,
            version_locations=VERSION_LOCATIONS,
        )
        engine = store.engine
        runner = ProjectionRunner(engine, IncomingDocumentsProjection(), clock)
        await runner.start()
        applier = BatchApplier(engine, IncomingDocumentsProjection.name, runner, clock=clock)
        subscription = StoreSubscription(
            store,
            applier,
            source_name=STORE_NAME,
            on_consumed=telemetry.on_consumed(IncomingDocumentsProjection.name),
            on_lag=telemetry.on_lag(IncomingDocumentsProjection.name),
            on_retry=telemetry.on_retry(IncomingDocumentsProjection.name),
            on_halt=telemetry.on_halt(IncomingDocumentsProjection.name),
        )
        if follow_events:
            subscription.start()
            resources.push_async_callback(subscription.stop)
        inbox = coverage_inbox(engine, clock)
        await inbox.start()
        followed: KnownUnits | None = None
        if units is None:
            followed = await known_units(
                resources,
                settings,
                engine,
                clock=clock,
                telemetry=telemetry,
                staff_store=staff_store,
                broker=staff_broker,
                follow=follow_events,
                also=(inbox,),
            )
            units = followed.directory
        outgoing_runner, outgoing_subscription = await _outgoing_follower(engine, store, clock, telemetry)
        if follow_events:
            outgoing_subscription.start()
            resources.push_async_callback(outgoing_subscription.stop)
        relay: OutboxRelay | None = None
        if settings.kafka_bootstrap:
            relay = outbox_relay(
                "documents", resources, settings, store, clock=clock, telemetry=telemetry, producer=producer
            )
            if follow_events:
                relay.start()
                resources.push_async_callback(relay.stop)

        def appended() -> None:
            subscription.notify()
            outgoing_subscription.notify()
            if relay is not None:
                relay.notify()
            watch.subscription.notify()

        # The office calendar (weekends, holidays, swapped days) of tracked work and of its watcher
        # (tests may give the watcher another).
        calendar = load_working_calendar(settings.reference_data_dir)
        watch = await open_work(
            settings,
            store,
            inbox,
            clock=clock,
            telemetry=telemetry,
            working_days=working_days or calendar,
            streams=WorkStreams(store, event_registry(), on_appended=appended),
        )
        if follow_events:
            start_work_watch(watch, resources, settings, telemetry)

        outgoing_reader = SqlOutgoingDocumentReader(engine, outgoing_runner)
        register = RegisterIncomingDocumentHandler(
            store,
            clock,
            catalogue,
            event_registry(),
            units=units,
            on_appended=appended,
            max_attempts=max_register_attempts,
            symbol_types=symbol_types,
        )
        reader = SqlIncomingDocumentReader(engine, runner)
        get = GetIncomingDocumentHandler(reader)
        blobs = blobs or FilesystemBlobStore(settings.blob_dir)
        attachment_streams = AttachmentStreams(store, event_registry(), on_appended=appended)
        known = KnownDocuments(reader, outgoing_reader)
        add_attachment = AddAttachmentHandler(
            attachment_streams, blobs, known, clock, max_size=settings.max_attachment_size
        )
        retention = load_retention(settings.reference_data_dir)
        record_streams = RecordStreams(store, event_registry(), retention, on_appended=appended)
        notices = HandoverNoticeScheduler(record_streams, store.communes, clock)
        if follow_events:
            ticks = FollowerLoop(
                "records-handover-notices",
                _count(notices),
                poll_interval=records_tick_seconds,
                on_error=_log_tick_error,
            )
            ticks.start()
            resources.push_async_callback(ticks.stop)
        work = await tracked_work(
            resources,
            settings,
            engine,
            store,
            event_registry(),
            reader,
            clock=clock,
            telemetry=telemetry,
            staff_store=staff_store,
            follow=follow_events,
            on_appended=appended,
            calendar=calendar,
        )
        records = RecordFiles(record_streams, catalogue, units, known, clock, staff=work.staff.directory)
        container = DocumentsContainer(
            settings=settings,
            engine=engine,
            store=store,
            catalogue=catalogue,
            register_incoming=register,
            get_incoming=get,
            incoming_documents=runner,
            subscription=subscription,
            add_attachment=add_attachment,
            read_attachments=ReadAttachments(attachment_streams, blobs, known),
            records=records,
            retention=retention,
            records_notices=notices,
            relay=relay,
            known_units=followed,
            work=work,
            telemetry=telemetry,
            symbol_types=symbol_types,
            outgoing_rules=outgoing_rules,
            outgoing=OutgoingDocumentHandlers(
                store,
                clock,
                outgoing_rules,
                event_registry(),
                units=units,
                on_appended=appended,
                max_attempts=max(max_register_attempts, 8),
            ),
            outgoing_reader=outgoing_reader,
            render_outgoing=RenderOutgoingDocument(outgoing_reader, outgoing_rules, RENDERERS),
            outgoing_documents=outgoing_runner,
            outgoing_subscription=outgoing_subscription,
            clock=clock,
            work_watch=watch,
            _resources=resources.pop_all(),
        )
    return container


async def _outgoing_follower(
    engine: AsyncEngine, store: EventStore, clock: Clock, telemetry: ServiceTelemetry
) -> tuple[ProjectionRunner, StoreSubscription]:
    """The read model of outgoing documents and the subscription that feeds it (not started)."""
    name = OutgoingDocumentsProjection.name
    runner = ProjectionRunner(engine, OutgoingDocumentsProjection(), clock)
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
    return runner, subscription


def _count(scheduler: HandoverNoticeScheduler) -> Callable[[], Awaitable[int]]:
    async def tick() -> int:
        return len(await scheduler.tick())

    return tick


def _log_tick_error(error: Exception) -> None:
    # A failed tick is retried at the next one; the notice it would have raised is raised then.
    log.warning("records_notice_tick_failed", error=repr(error))
