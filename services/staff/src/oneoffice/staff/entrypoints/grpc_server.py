"""The staff gRPC server: health and reflection now; the service's own servicers join here."""

from __future__ import annotations

from oneoffice.eventcore.grpc_runtime import GrpcServer, build_grpc_server, report_halts
from oneoffice.eventcore.grpc_text_hygiene import TextHygieneInterceptor

from ..bootstrap import StaffContainer

# Name under which the gRPC health service reports this service (the proto package).
HEALTH_NAME = "oneoffice.staff.v1"


def build_server(container: StaffContainer) -> GrpcServer:
    """A server bound to the configured host and port (port 0: any free port, see ``.port``)."""
    settings = container.settings
    server = build_grpc_server(
        settings.grpc_host,
        settings.grpc_port,
        health_names=[HEALTH_NAME],
        interceptors=[*container.telemetry.grpc_server_interceptors(), TextHygieneInterceptor()],
    )
    # A halted subscription turns the service NOT_SERVING (gateway /readyz, healthcheck).
    return report_halts(server, container.telemetry.halts)
