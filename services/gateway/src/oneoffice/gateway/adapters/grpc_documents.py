"""The :class:`DocumentsPort` over ``oneoffice.documents.v1.DocumentsService``."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as pb_grpc

from ..application.catalogue import Choice
from ..application.ports import (
    IncomingDocument,
    IncomingDocumentDraft,
    ReferenceData,
    Registration,
    RequestContext,
)
from .grpc_channels import GrpcChannels
from .grpc_status import service_error
from .grpc_symbols import document_symbol

SERVICE = "documents"


def urgency_enum(name: str) -> Any:
    try:
        return pb.Urgency.Value(f"URGENCY_{name}")
    except ValueError:  # the service refuses it, in Vietnamese
        return pb.URGENCY_UNSPECIFIED


def urgency_name(value: int) -> str:
    try:
        return str(pb.Urgency.Name(value)).removeprefix("URGENCY_")
    except ValueError:
        return "UNSPECIFIED"


class GrpcDocuments:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    def _stub(self) -> Any:
        return pb_grpc.DocumentsServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]

    async def register_incoming(
        self, commune_id: str, draft: IncomingDocumentDraft, idempotency_key: str, context: RequestContext
    ) -> Registration:
        request = pb.RegisterIncomingDocumentRequest(
            commune_id=commune_id,
            body_code=draft.body_code,
            issuer=draft.issuer,
            number_symbol=draft.number_symbol,
            document_date=draft.document_date,
            document_type=draft.document_type,
            summary=draft.summary,
            urgency=urgency_enum(draft.urgency),
            received_date=draft.received_date,
            idempotency_key=idempotency_key,
        )
        try:
            response = await self._stub().RegisterIncomingDocument(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return Registration(
            document_id=response.document_id,
            incoming_number=response.incoming_number,
            year=response.year,
            registered_at=response.registered_at.ToDatetime(tzinfo=UTC),
            duplicate_of=response.duplicate_of if response.HasField("duplicate_of") else None,
        )

    async def get_incoming(
        self, commune_id: str, document_id: str, context: RequestContext
    ) -> IncomingDocument:
        request = pb.GetIncomingDocumentRequest(commune_id=commune_id, document_id=document_id)
        try:
            found = await self._stub().GetIncomingDocument(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return IncomingDocument(
            document_id=found.document_id,
            commune_id=found.commune_id,
            body_code=found.body_code,
            incoming_number=found.incoming_number,
            year=found.year,
            issuer=found.issuer,
            number_symbol=found.number_symbol,
            document_date=date.fromisoformat(found.document_date),
            document_type=found.document_type,
            summary=found.summary,
            urgency=urgency_name(found.urgency),
            received_date=date.fromisoformat(found.received_date),
            registered_at=found.registered_at.ToDatetime(tzinfo=UTC),
            registered_by=found.registered_by,
            duplicate_of=found.duplicate_of if found.HasField("duplicate_of") else None,
            symbol=document_symbol(found.symbol) if found.HasField("symbol") else None,
        )

    async def list_reference_data(self, context: RequestContext) -> ReferenceData:
        try:
            found = await self._stub().ListReferenceData(
                pb.ListReferenceDataRequest(),
                timeout=self._timeout,
                metadata=self._channels.metadata(context),
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return ReferenceData(
            bodies=[Choice(b.code, b.name_vi, b.name_en) for b in found.bodies],
            document_types=[Choice(t.code, t.name_vi, t.name_en) for t in found.document_types],
        )
