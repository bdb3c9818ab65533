"""``oneoffice.reporting.v1.ReportingService``: wire messages in, queries out, lines back to the wire."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import grpc

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from oneoffice.eventcore.grpc_caller import require
from oneoffice.eventcore.grpc_runtime import ServiceRegistration

from ..application.incoming_register import IncomingRegisterPage, ListIncomingRegister
from ..domain.incoming_register import IncomingRegisterLine
from .grpc_errors import reporting_errors

SERVICE_NAME = "oneoffice.reporting.v1.ReportingService"

ListIncomingRegisterHandler = Callable[[ListIncomingRegister], Awaitable[IncomingRegisterPage]]


class ReportingServicer(reporting_pb2_grpc.ReportingServiceServicer):
    def __init__(self, list_incoming_register: ListIncomingRegisterHandler) -> None:
        self._list_incoming_register = list_incoming_register

    async def ListIncomingRegister(
        self,
        request: reporting_pb2.ListIncomingRegisterRequest,
        context: grpc.aio.ServicerContext,
    ) -> reporting_pb2.ListIncomingRegisterResponse:
        # The caller's identity, checked again here: ``incoming:read`` on the commune asked for.
        await require(context, Permission.INCOMING_READ, request.commune_id)
        query = ListIncomingRegister(
            commune_id=request.commune_id,
            body_code=request.body_code,
            year=request.year,
            page_size=request.page_size or None,  # 0 on the wire: the server chooses
            page_token=request.page_token,
        )
        async with reporting_errors(context):
            page = await self._list_incoming_register(query)
        return reporting_pb2.ListIncomingRegisterResponse(
            rows=[_row(line) for line in page.lines], next_page_token=page.next_page_token
        )


def _row(line: IncomingRegisterLine) -> reporting_pb2.IncomingRegisterRow:
    row = reporting_pb2.IncomingRegisterRow(
        document_id=line.document_id,
        received_date=line.received_date.isoformat(),
        incoming_number=line.incoming_number,
        issuer=line.issuer,
        number_symbol=line.number_symbol,
        document_date=line.document_date.isoformat(),
        document_type=line.document_type,
        summary=line.summary,
        urgency=reporting_pb2.Urgency.Value(f"URGENCY_{line.urgency}"),
    )
    if line.recipient is not None:
        row.recipient = line.recipient
    if line.recipient_kind is not None:
        row.recipient_kind = line.recipient_kind
    if line.passed_on is not None:
        row.passed_on = line.passed_on.isoformat()
    if line.passing_on_deadline is not None:
        row.passing_on_deadline = line.passing_on_deadline.isoformat()
    if line.passed_on_by is not None:
        row.passed_on_by = line.passed_on_by
    row.passed_on_late = line.passed_on_late
    return row


def registration(servicer: ReportingServicer) -> ServiceRegistration:
    def add_to_server(server: grpc.aio.Server) -> None:
        reporting_pb2_grpc.add_ReportingServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    return ServiceRegistration(SERVICE_NAME, add_to_server)
