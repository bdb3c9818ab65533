"""The composition root of the documents service: every adapter is a parameter with a default."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import EVENTS, UPCASTERS
from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.composition import ServiceContainer, open_event_store, outbox_relay
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.kafka.producer import EventProducer
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.filesystem_blob_store import FilesystemBlobStore
from .adapters.incoming_documents_projection import IncomingDocumentsProjection, SqlIncomingDocumentReader
from .adapters.reference_data import load_catalogue
from .application.add_attachment import AddAttachmentHandler
from .application.blob_store import BlobStore
from .application.document_attachments import AttachmentStreams
from .application.document_lookup import KnownDocuments
from .application.get_incoming import GetIncomingDocumentHandler
from .application.read_attachments import ReadAttachments
from .application.register_incoming import RegisterIncomingDocumentHandler
from .application.unit_directory import UnitDirectory
from .config import Settings
from .domain.catalogue import ReferenceCatalogue
from .units_wiring import KnownUnits, known_units
from .work_wiring import Work, tracked_work

# Alembic version directories of this service's own tables, upgraded with the event store's.
# (The read model's tables are created by its projection runner, one generation at a time.)
VERSION_LOCATIONS: tuple[Path, ...] = ()
# The name the service's own store goes by as a source of subscriptions.
STORE_NAME = "documents"


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
    relay: OutboxRelay | None = None
    # The units this service knows from the staff events (None: a ``UnitDirectory`` was given).
    known_units: KnownUnits | None = None
    # Tracked work (#12): passings-on and tasks (None only in containers built by hand).
    work: Work | None = None
    telemetry: ServiceTelemetry = field(default_factory=lambda: ServiceTelemetry.create("documents"))


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
) -> DocumentsContainer:
    """Open the database, bring its schema up to date, wire the service and start its followers.

    Followers: the local read model's subscription on the store, and (only with ``kafka_bootstrap``)
    the outbox relay to the documents topic. ``follow_events=False`` wires without starting them
    (``migrate``). ``producer`` replaces the Kafka producer of the relay. Whatever was made is undone
    when a later step fails.

    ``units``: which units exist on a day (default: the units this service follows from the staff
    topic, or from ``staff_store`` in the embedded mode; see :mod:`.units_wiring`); ``staff_broker``
    replaces the FastStream broker following the staff topic.
    """
    clock = clock or SystemClock()
    telemetry = telemetry or ServiceTelemetry.create("documents")
    catalogue = catalogue or load_catalogue(settings.reference_data_dir)
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
            )
            units = followed.directory
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
            if relay is not None:
                relay.notify()

        register = RegisterIncomingDocumentHandler(
            store,
            clock,
            catalogue,
            event_registry(),
            units=units,
            on_appended=appended,
            max_attempts=max_register_attempts,
        )
        reader = SqlIncomingDocumentReader(engine, runner)
        get = GetIncomingDocumentHandler(reader)
        blobs = blobs or FilesystemBlobStore(settings.blob_dir)
        attachment_streams = AttachmentStreams(store, event_registry(), on_appended=appended)
        known = KnownDocuments(reader)
        add_attachment = AddAttachmentHandler(
            attachment_streams, blobs, known, clock, max_size=settings.max_attachment_size
        )
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
        )
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
            relay=relay,
            known_units=followed,
            work=work,
            telemetry=telemetry,
            _resources=resources.pop_all(),
        )
    return container
