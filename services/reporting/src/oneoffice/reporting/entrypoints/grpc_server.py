"""The reporting gRPC server: health, reflection and ``oneoffice.reporting.v1.ReportingService``."""

from __future__ import annotations

from oneoffice.eventcore.grpc_caller import caller_interceptor, server_credentials
from oneoffice.eventcore.grpc_runtime import GrpcServer, build_grpc_server, report_connections, report_halts
from oneoffice.eventcore.grpc_text_hygiene import TextHygieneInterceptor

from ..bootstrap import ReportingContainer
from . import grpc_boards, grpc_dashboard, grpc_figures, grpc_registers
from .grpc_reporting import ReportingServicer, registration

# Name under which the gRPC health service reports this service (the proto package).
HEALTH_NAME = "oneoffice.reporting.v1"


def build_server(container: ReportingContainer) -> GrpcServer:
    """A server bound to the configured host and port (port 0: any free port, see ``.port``)."""
    settings = container.settings
    servicer = ReportingServicer(container.list_incoming_register)
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
        services=[
            registration(servicer),
            grpc_boards.registration(
                grpc_boards.BoardsServicer(container.get_work_board, container.get_my_day)
            ),
            *grpc_figures.registrations(container.figures),
            *grpc_dashboard.registrations(container.dashboard),
            grpc_registers.registration(grpc_registers.RegistersServicer(container.get_register)),
        ],
    )
    # A halted subscription turns the service NOT_SERVING (gateway /readyz, healthcheck).
    # What waits for Kafka reports NOT_SERVING under its own name until it connects.
    return report_connections(
        report_halts(server, container.telemetry.halts), container.telemetry.connections
    )
