"""The :class:`RecordsPort` over ``oneoffice.documents.v1.RecordsService``."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import records_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import records_pb2_grpc as pb_grpc

from ..application.ports import RequestContext
from ..application.records import (
    Disposal,
    DocumentKind,
    Handover,
    LinkedDocument,
    NewRecordFile,
    RecordFile,
    Retention,
    RetentionGroup,
    RetentionPeriod,
)
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "documents"


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _file(m: Any) -> RecordFile:
    return RecordFile(
        file_id=m.file_id,
        commune_id=m.commune_id,
        body_code=m.body_code,
        year=m.year,
        file_code=m.file_code,
        title=m.title,
        retention=m.retention,
        keeper=m.keeper,
        status=m.status,
        documents=tuple(LinkedDocument(d.document_kind, d.document_id) for d in m.documents),
        closed_on=_day(m.closed_on),
        handover_due_on=_day(m.handover_due_on),
        expires_on=_day(m.expires_on),
        handover_notice_on=_day(m.handover_notice_on),
        handover_id=m.handover_id or None,
        handed_over_on=_day(m.handed_over_on),
        receiver=m.receiver or None,
        disposal_decision_number=m.disposal_decision_number or None,
        disposal_council=m.disposal_council or None,
        disposed_on=_day(m.disposed_on),
    )


class GrpcRecords:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def create(self, commune_id: str, new: NewRecordFile, context: RequestContext) -> RecordFile:
        request = pb.CreateRecordFileRequest(
            commune_id=commune_id,
            body_code=new.body_code,
            year=new.year,
            file_code=new.file_code,
            title=new.title,
            retention=new.retention,
            keeper=new.keeper,
        )
        return _file(await self._call("CreateRecordFile", request, context))

    async def list(
        self, commune_id: str, body_code: str | None, year: int | None, context: RequestContext
    ) -> tuple[RecordFile, ...]:
        request = pb.ListRecordFilesRequest(commune_id=commune_id, body_code=body_code or "", year=year or 0)
        return tuple(_file(f) for f in (await self._call("ListRecordFiles", request, context)).files)

    async def get(self, commune_id: str, file_id: str, context: RequestContext) -> RecordFile:
        request = pb.GetRecordFileRequest(commune_id=commune_id, file_id=file_id)
        return _file(await self._call("GetRecordFile", request, context))

    async def close(
        self, commune_id: str, file_id: str, closed_on: date, context: RequestContext
    ) -> RecordFile:
        request = pb.CloseRecordFileRequest(
            commune_id=commune_id, file_id=file_id, closed_on=closed_on.isoformat()
        )
        return _file(await self._call("CloseRecordFile", request, context))

    async def link(
        self, commune_id: str, file_id: str, kind: DocumentKind, document_id: str, context: RequestContext
    ) -> RecordFile:
        request = pb.LinkDocumentRequest(
            commune_id=commune_id, file_id=file_id, document_kind=kind, document_id=document_id
        )
        return _file(await self._call("LinkDocument", request, context))

    async def hand_over(
        self,
        commune_id: str,
        file_ids: tuple[str, ...],
        handed_over_on: date,
        receiver: str,
        context: RequestContext,
    ) -> Handover:
        request = pb.HandOverRequest(
            commune_id=commune_id,
            file_ids=list(file_ids),
            handed_over_on=handed_over_on.isoformat(),
            receiver=receiver,
        )
        answer = await self._call("HandOver", request, context)
        return Handover(answer.handover_id, tuple(_file(f) for f in answer.files))

    async def dispose(
        self, commune_id: str, file_id: str, disposal: Disposal, context: RequestContext
    ) -> RecordFile:
        request = pb.DisposeRecordFileRequest(
            commune_id=commune_id,
            file_id=file_id,
            decision_number=disposal.decision_number,
            council=disposal.council,
            decided_on=disposal.decided_on.isoformat(),
        )
        return _file(await self._call("DisposeRecordFile", request, context))

    async def retention(self, context: RequestContext) -> Retention:
        answer = await self._call("ListRetention", pb.ListRetentionRequest(), context)
        return Retention(
            tuple(
                RetentionPeriod(p.code, p.name_vi, p.name_en, p.years or None, p.permanent)
                for p in answer.periods
            ),
            tuple(RetentionGroup(g.name_vi, g.name_en, g.retention) for g in answer.groups),
        )

    async def _call(self, method: str, request: Any, context: RequestContext) -> Any:
        stub = pb_grpc.RecordsServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            return await getattr(stub, method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
