"""The documents gRPC server: ``oneoffice.documents.v1.DocumentsService``, health and reflection."""

from __future__ import annotations

from typing import Any

from oneoffice.contracts.grpc.documents.v1 import (
    attachments_pb2_grpc,
    history_pb2_grpc,
    records_pb2_grpc,
    symbols_pb2_grpc,
    tasks_pb2_grpc,
)
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as pb_grpc
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2_grpc as outgoing_grpc
from oneoffice.eventcore.grpc_caller import caller_interceptor, server_credentials
from oneoffice.eventcore.grpc_runtime import (
    GrpcServer,
    ServiceRegistration,
    build_grpc_server,
    report_connections,
    report_halts,
)
from oneoffice.eventcore.grpc_text_hygiene import TextHygieneInterceptor

from ..adapters.store_history import StoreCommuneEvents
from ..bootstrap import DocumentsContainer
from .grpc_attachments import SERVICE_NAME as ATTACHMENTS_SERVICE_NAME
from .grpc_attachments import AttachmentServicer
from .grpc_documents import SERVICE_NAME, DocumentsServicer
from .grpc_history import SERVICE_NAME as HISTORY_SERVICE_NAME
from .grpc_history import DocumentHistoryServicer
from .grpc_outgoing import SERVICE_NAME as OUTGOING_SERVICE_NAME
from .grpc_outgoing import OutgoingDocumentsServicer
from .grpc_records import SERVICE_NAME as RECORDS_SERVICE_NAME
from .grpc_records import RecordsServicer
from .grpc_symbols import SERVICE_NAME as SYMBOLS_SERVICE_NAME
from .grpc_symbols import DocumentSymbolServicer
from .grpc_tasks import SERVICE_NAME as TASKS_SERVICE_NAME
from .grpc_tasks import TaskServicer

# Name under which the gRPC health service reports this service (the proto package).
HEALTH_NAME = "oneoffice.documents.v1"


def build_server(container: DocumentsContainer) -> GrpcServer:
    """A server bound to the configured host and port (port 0: any free port, see ``.port``)."""
    settings = container.settings
    servicer = DocumentsServicer(container.register_incoming, container.get_incoming, container.catalogue)

    attachments = AttachmentServicer(container.add_attachment, container.read_attachments)

    def add(server: Any) -> None:
        pb_grpc.add_DocumentsServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    def add_attachments(server: Any) -> None:
        attachments_pb2_grpc.add_AttachmentServiceServicer_to_server(attachments, server)  # type: ignore[no-untyped-call]

    symbols = DocumentSymbolServicer(container.symbol_types)

    def add_symbols(server: Any) -> None:
        symbols_pb2_grpc.add_DocumentSymbolServiceServicer_to_server(symbols, server)  # type: ignore[no-untyped-call]

    def add_outgoing(server: Any) -> None:
        assert container.outgoing is not None and container.outgoing_reader is not None
        outgoing = OutgoingDocumentsServicer(
            container.outgoing,
            container.outgoing_reader,
            container.outgoing_rules,
            container.clock,
            container.render_outgoing,
        )
        outgoing_grpc.add_OutgoingDocumentServiceServicer_to_server(outgoing, server)  # type: ignore[no-untyped-call]

    records = RecordsServicer(container.records, container.retention)

    def add_records(server: Any) -> None:
        records_pb2_grpc.add_RecordsServiceServicer_to_server(records, server)  # type: ignore[no-untyped-call]

    history = DocumentHistoryServicer(StoreCommuneEvents(container.store))

    def add_history(server: Any) -> None:
        history_pb2_grpc.add_DocumentHistoryServiceServicer_to_server(history, server)  # type: ignore[no-untyped-call]

    registrations = [
        ServiceRegistration(SERVICE_NAME, add),
        ServiceRegistration(ATTACHMENTS_SERVICE_NAME, add_attachments),
        ServiceRegistration(SYMBOLS_SERVICE_NAME, add_symbols),
        ServiceRegistration(OUTGOING_SERVICE_NAME, add_outgoing),
        ServiceRegistration(RECORDS_SERVICE_NAME, add_records),
        ServiceRegistration(HISTORY_SERVICE_NAME, add_history),
    ]
    if container.work is not None:
        tasks = TaskServicer(container.work.tracked)

        def add_tasks(server: Any) -> None:
            tasks_pb2_grpc.add_TaskServiceServicer_to_server(tasks, server)  # type: ignore[no-untyped-call]

        registrations.append(ServiceRegistration(TASKS_SERVICE_NAME, add_tasks))

    server = build_grpc_server(
        settings.grpc_host,
        settings.grpc_port,
        health_names=[HEALTH_NAME],
        # Who calls is checked before what the request says: an unknown caller learns nothing.
        interceptors=[
            *container.telemetry.grpc_server_interceptors(),
            caller_interceptor(settings),
            TextHygieneInterceptor(),
        ],
        credentials=server_credentials(settings),
        services=registrations,
    )
    # A halted subscription turns the service NOT_SERVING (gateway /readyz, healthcheck).
    # What waits for Kafka reports NOT_SERVING under its own name until it connects.
    return report_connections(
        report_halts(server, container.telemetry.halts), container.telemetry.connections
    )
