"""The staff gRPC server: ``oneoffice.staff.v1.StaffService`` (accounts so far), health and reflection."""

from __future__ import annotations

from typing import Any

from oneoffice.contracts.grpc.staff.v1 import duties_pb2_grpc as duties_grpc
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import caller_interceptor, server_credentials
from oneoffice.eventcore.grpc_runtime import (
    GrpcServer,
    ServiceRegistration,
    build_grpc_server,
    report_connections,
    report_halts,
)
from oneoffice.eventcore.grpc_text_hygiene import TextHygieneInterceptor

from ..bootstrap import StaffContainer
from .grpc_duties import SERVICE_NAME as DUTIES_NAME
from .grpc_duties import DutyRpcs
from .grpc_people import PeopleRpcs
from .grpc_staff import SERVICE_NAME, StaffServicer
from .grpc_units import UnitRpcs

# Name under which the gRPC health service reports this service (the proto package).
HEALTH_NAME = "oneoffice.staff.v1"


class _Servicer(PeopleRpcs, UnitRpcs, StaffServicer):
    """The accounts and the administrative units, each part in its own module."""

    def __init__(self, container: StaffContainer) -> None:
        StaffServicer.__init__(self, container.accounts)
        UnitRpcs.__init__(self, container.units)
        PeopleRpcs.__init__(self, container.people)


def build_server(container: StaffContainer) -> GrpcServer:
    """A server bound to the configured host and port (port 0: any free port, see ``.port``)."""
    settings = container.settings
    servicer = _Servicer(container)

    def add(server: Any) -> None:
        pb_grpc.add_StaffServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    def add_duties(server: Any) -> None:
        duties_grpc.add_DutyServiceServicer_to_server(DutyRpcs(container.duties), server)  # type: ignore[no-untyped-call]

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
        services=[ServiceRegistration(SERVICE_NAME, add), ServiceRegistration(DUTIES_NAME, add_duties)],
    )
    # A halted subscription turns the service NOT_SERVING (gateway /readyz, healthcheck).
    # What waits for Kafka reports NOT_SERVING under its own name until it connects.
    return report_connections(
        report_halts(server, container.telemetry.halts), container.telemetry.connections
    )
