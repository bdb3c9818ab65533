"""The :class:`HistoryPort` over ``oneoffice.documents.v1.DocumentHistoryService``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import history_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import history_pb2_grpc as pb_grpc

from ..application.history import CommuneAsOf, DocumentHistory, HistoryEntry
from ..application.ports import RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "documents"


def _history(m: Any) -> DocumentHistory:
    return DocumentHistory(
        commune_id=m.commune_id,
        document_id=m.document_id,
        as_of=datetime.fromisoformat(m.as_of) if m.as_of else None,
        entries=tuple(
            HistoryEntry(
                position=e.position,
                recorded_at=datetime.fromisoformat(e.recorded_at),
                actor=e.actor,
                event_type=e.event_type,
                summary_vi=e.summary_vi,
                summary_en=e.summary_en,
                changes=json.loads(e.changes_json or "{}"),
            )
            for e in m.entries
        ),
        state=json.loads(m.state_json or "{}"),
    )


def _commune(m: Any) -> CommuneAsOf:
    return CommuneAsOf(
        commune_id=m.commune_id,
        as_of=datetime.fromisoformat(m.as_of),
        documents=tuple(_history(d) for d in m.documents),
        total=m.total,
        offset=m.offset,
        limit=m.limit,
    )


class GrpcHistory:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def document(
        self, commune_id: str, document_id: str, as_of: datetime | None, context: RequestContext
    ) -> DocumentHistory:
        request = pb.GetDocumentHistoryRequest(
            commune_id=commune_id, document_id=document_id, as_of="" if as_of is None else as_of.isoformat()
        )
        stub = pb_grpc.DocumentHistoryServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            reply = await stub.GetDocumentHistory(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return _history(reply)

    async def commune(
        self, commune_id: str, as_of: datetime, offset: int, limit: int, context: RequestContext
    ) -> CommuneAsOf:
        request = pb.GetCommuneAsOfRequest(
            commune_id=commune_id, as_of=as_of.isoformat(), offset=offset, limit=limit
        )
        stub = pb_grpc.DocumentHistoryServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            reply = await stub.GetCommuneAsOf(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return _commune(reply)
