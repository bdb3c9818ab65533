"""The :class:`OutgoingPort` over ``oneoffice.documents.v1.OutgoingDocumentService``."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2_grpc as pb_grpc

from ..application.outgoing import (
    NumberGiven,
    OutgoingDocument,
    OutgoingDraft,
    OutgoingHistoryEntry,
    RenderedDocument,
)
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "documents"


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def document(message: Any) -> OutgoingDocument:
    return OutgoingDocument(
        document_id=message.document_id,
        commune_id=message.commune_id,
        family=message.family,
        body_code=message.body_code,
        body_name=message.body_name,
        parent_body_name=message.parent_body_name,
        document_type=message.document_type,
        document_type_name=message.document_type_name,
        summary=message.summary,
        drafting_unit=message.drafting_unit,
        signer_id=message.signer_id,
        signer_name=message.signer_name,
        signer_title=message.signer_title,
        authority=message.authority,
        place_name=message.place_name,
        recipients=tuple(message.recipients),
        urgency=message.urgency,
        confidentiality=message.confidentiality,
        state=message.state,
        drafted_by=message.drafted_by,
        drafted_at=message.drafted_at.ToDatetime(tzinfo=UTC),
        number=message.number or None,
        number_symbol=message.number_symbol,
        formatted=message.formatted,
        issued_on=_day(message.issued_on),
        period=message.period,
        dispatched_on=_day(message.dispatched_on),
        channel=message.channel,
        dispatched_to=tuple(message.dispatched_to),
        recall_reason=message.recall_reason,
        imported=message.imported,
        history=tuple(
            OutgoingHistoryEntry(h.at.ToDatetime(tzinfo=UTC), h.actor, h.action, h.detail)
            for h in message.history
        ),
    )


class GrpcOutgoing:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        stub = pb_grpc.OutgoingDocumentServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            return await getattr(stub, method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc

    async def draft(
        self, commune_id: str, draft: OutgoingDraft, idempotency_key: str, context: RequestContext
    ) -> OutgoingDocument:
        request = pb.DraftOutgoingDocumentRequest(
            commune_id=commune_id,
            body_code=draft.body_code,
            document_type=draft.document_type,
            summary=draft.summary,
            drafting_unit=draft.drafting_unit,
            signer_id=draft.signer_id,
            signer_name=draft.signer_name,
            signer_title=draft.signer_title,
            authority=draft.authority,
            place_name=draft.place_name,
            recipients=list(draft.recipients),
            urgency=draft.urgency,
            confidentiality=draft.confidentiality,
            idempotency_key=idempotency_key,
        )
        return document(await self._call("DraftOutgoingDocument", request, context))

    async def number(
        self,
        commune_id: str,
        document_id: str,
        issued_on: date | None,
        number: int | None,
        register: str,
        context: RequestContext,
    ) -> NumberGiven:
        request = pb.NumberOutgoingDocumentRequest(
            commune_id=commune_id,
            document_id=document_id,
            issued_on=issued_on.isoformat() if issued_on else "",
            number=number or 0,
            register=register,
        )
        found = await self._call("NumberOutgoingDocument", request, context)
        return NumberGiven(
            document_id=found.document_id,
            number=found.number,
            number_symbol=found.number_symbol,
            formatted=found.formatted,
            issued_on=date.fromisoformat(found.issued_on),
            period=found.period,
            imported=found.imported,
        )

    async def dispatch(
        self,
        commune_id: str,
        document_id: str,
        recipients: tuple[str, ...],
        dispatched_on: date | None,
        channel: str,
        context: RequestContext,
    ) -> OutgoingDocument:
        request = pb.DispatchOutgoingDocumentRequest(
            commune_id=commune_id,
            document_id=document_id,
            recipients=list(recipients),
            dispatched_on=dispatched_on.isoformat() if dispatched_on else "",
            channel=channel,
        )
        return document(await self._call("DispatchOutgoingDocument", request, context))

    async def recall(
        self, commune_id: str, document_id: str, reason: str, context: RequestContext
    ) -> OutgoingDocument:
        request = pb.RecallOutgoingDocumentRequest(
            commune_id=commune_id, document_id=document_id, reason=reason
        )
        return document(await self._call("RecallOutgoingDocument", request, context))

    async def get(self, commune_id: str, document_id: str, context: RequestContext) -> OutgoingDocument:
        request = pb.GetOutgoingDocumentRequest(commune_id=commune_id, document_id=document_id)
        return document(await self._call("GetOutgoingDocument", request, context))

    async def render(
        self, commune_id: str, document_id: str, output: str, context: RequestContext
    ) -> RenderedDocument:
        request = pb.RenderOutgoingDocumentRequest(
            commune_id=commune_id, document_id=document_id, format=output
        )
        answer = await self._call("RenderOutgoingDocument", request, context)
        return RenderedDocument(
            content=answer.content,
            media_type=answer.media_type,
            file_name=answer.file_name,
            content_security_policy=answer.content_security_policy,
        )

    async def list(
        self,
        commune_id: str,
        body_code: str,
        year: int | None,
        numbered_only: bool,
        limit: int,
        offset: int,
        context: RequestContext,
    ) -> list[OutgoingDocument]:
        request = pb.ListOutgoingDocumentsRequest(
            commune_id=commune_id,
            body_code=body_code,
            year=year or 0,
            numbered_only=numbered_only,
            limit=limit,
            offset=offset,
        )
        found = await self._call("ListOutgoingDocuments", request, context)
        return [document(m) for m in found.documents]
