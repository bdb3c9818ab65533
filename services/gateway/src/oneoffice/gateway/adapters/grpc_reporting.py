"""The :class:`ReportingPort` over ``oneoffice.reporting.v1.ReportingService``."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc

from oneoffice.contracts.grpc.reporting.v1 import reporting_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import reporting_pb2_grpc as pb_grpc

from ..application.ports import RegisterPage, RegisterRow, RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "reporting"


def _urgency_name(value: int) -> str:
    try:
        return str(pb.Urgency.Name(value)).removeprefix("URGENCY_")
    except ValueError:
        return "UNSPECIFIED"


def _row(row: Any) -> RegisterRow:
    return RegisterRow(
        document_id=row.document_id,
        received_date=date.fromisoformat(row.received_date),
        incoming_number=row.incoming_number,
        issuer=row.issuer,
        number_symbol=row.number_symbol,
        document_date=date.fromisoformat(row.document_date),
        document_type=row.document_type,
        summary=row.summary,
        urgency=_urgency_name(row.urgency),
        recipient=row.recipient if row.HasField("recipient") else None,
        recipient_kind=row.recipient_kind if row.HasField("recipient_kind") else None,
        passed_on=date.fromisoformat(row.passed_on) if row.HasField("passed_on") else None,
        passing_on_deadline=(
            date.fromisoformat(row.passing_on_deadline) if row.HasField("passing_on_deadline") else None
        ),
        passed_on_late=row.passed_on_late,
        passed_on_by=row.passed_on_by if row.HasField("passed_on_by") else None,
    )


class GrpcReporting:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def list_incoming_register(
        self,
        commune_id: str,
        body_code: str,
        year: int,
        context: RequestContext,
        *,
        page_size: int = 0,
        page_token: str = "",
    ) -> RegisterPage:
        stub = pb_grpc.ReportingServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        request = pb.ListIncomingRegisterRequest(
            commune_id=commune_id, body_code=body_code, year=year, page_size=page_size, page_token=page_token
        )
        try:
            response = await stub.ListIncomingRegister(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return RegisterPage([_row(r) for r in response.rows], response.next_page_token or None)
