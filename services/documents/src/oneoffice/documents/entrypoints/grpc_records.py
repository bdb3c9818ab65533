"""The ``oneoffice.documents.v1.RecordsService`` servicer: record files (hồ sơ) and retention.

Reading needs ``records:read`` in the commune, every change ``records:manage``; the user recorded is
the caller identity's username.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.documents.v1 import records_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import records_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import caller, require

from ..application.records import NewRecordFile, RecordFiles
from ..domain.attachments import DocumentKind
from ..domain.record_errors import MalformedRecordDate, UnknownDocumentKind
from ..domain.record_files import RecordFile
from ..domain.retention import RetentionSchedule
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["RecordsService"].full_name
CORRELATION_HEADER = "x-correlation-id"


def _correlation_id(context: Any) -> str:
    return next((str(v) for k, v in context.invocation_metadata() or () if k == CORRELATION_HEADER), "")


def _day(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise MalformedRecordDate(field) from None


def _kind(text: str) -> DocumentKind:
    try:
        return DocumentKind(text)
    except ValueError:
        raise UnknownDocumentKind(text) from None


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def file_message(commune_id: str, f: RecordFile) -> pb.RecordFile:
    return pb.RecordFile(
        file_id=f.file_id,
        commune_id=commune_id,
        body_code=f.body_code,
        year=f.year,
        file_code=f.file_code,
        title=f.title,
        retention=f.retention.code,
        keeper=f.keeper,
        status=f.status.value,
        documents=[pb.LinkedDocument(document_kind=k, document_id=d) for k, d in f.documents],
        closed_on=_iso(f.closed_on),
        handover_due_on=_iso(f.handover_due_on),
        expires_on=_iso(f.expires_on),
        handover_notice_on=_iso(f.notice_raised_on),
        handover_id=f.handover.handover_id if f.handover else "",
        handed_over_on=_iso(f.handover.handed_over_on if f.handover else None),
        receiver=f.handover.receiver if f.handover else "",
        disposal_decision_number=f.disposal.decision_number if f.disposal else "",
        disposal_council=f.disposal.council if f.disposal else "",
        disposed_on=_iso(f.disposal.decided_on if f.disposal else None),
        opened_by=f.opened_by,
    )


class RecordsServicer(pb_grpc.RecordsServiceServicer):
    def __init__(self, records: RecordFiles, schedule: RetentionSchedule) -> None:
        self._records = records
        self._schedule = schedule

    async def CreateRecordFile(self, request: pb.CreateRecordFileRequest, context: Any) -> pb.RecordFile:
        identity = await require(context, Permission.RECORDS_MANAGE, request.commune_id)
        command = NewRecordFile(
            commune_id=request.commune_id,
            body_code=request.body_code,
            year=request.year,
            file_code=request.file_code,
            title=request.title,
            retention=request.retention,
            keeper=request.keeper,
        )
        try:
            made = await self._records.create(command, identity.username, _correlation_id(context))
        except Exception as exc:
            await abort_with(context, exc)
        return file_message(request.commune_id, made)

    async def ListRecordFiles(
        self, request: pb.ListRecordFilesRequest, context: Any
    ) -> pb.ListRecordFilesResponse:
        await require(context, Permission.RECORDS_READ, request.commune_id)
        try:
            found = await self._records.listed(
                request.commune_id, request.body_code or None, request.year or None
            )
        except Exception as exc:
            await abort_with(context, exc)
        return pb.ListRecordFilesResponse(files=[file_message(request.commune_id, f) for f in found])

    async def GetRecordFile(self, request: pb.GetRecordFileRequest, context: Any) -> pb.RecordFile:
        await require(context, Permission.RECORDS_READ, request.commune_id)
        try:
            found = await self._records.get(request.commune_id, request.file_id)
        except Exception as exc:
            await abort_with(context, exc)
        return file_message(request.commune_id, found)

    async def CloseRecordFile(self, request: pb.CloseRecordFileRequest, context: Any) -> pb.RecordFile:
        identity = await require(context, Permission.RECORDS_MANAGE, request.commune_id)
        try:
            closed = await self._records.close(
                request.commune_id,
                request.file_id,
                _day("closed_on", request.closed_on),
                identity.username,
                _correlation_id(context),
            )
        except Exception as exc:
            await abort_with(context, exc)
        return file_message(request.commune_id, closed)

    async def LinkDocument(self, request: pb.LinkDocumentRequest, context: Any) -> pb.RecordFile:
        identity = await require(context, Permission.RECORDS_MANAGE, request.commune_id)
        try:
            linked = await self._records.link(
                request.commune_id,
                request.file_id,
                _kind(request.document_kind),
                request.document_id,
                identity.username,
                _correlation_id(context),
            )
        except Exception as exc:
            await abort_with(context, exc)
        return file_message(request.commune_id, linked)

    async def HandOver(self, request: pb.HandOverRequest, context: Any) -> pb.HandOverResponse:
        identity = await require(context, Permission.RECORDS_MANAGE, request.commune_id)
        try:
            handover_id, files = await self._records.hand_over(
                request.commune_id,
                list(request.file_ids),
                _day("handed_over_on", request.handed_over_on),
                request.receiver,
                identity.username,
                _correlation_id(context),
            )
        except Exception as exc:
            await abort_with(context, exc)
        return pb.HandOverResponse(
            handover_id=handover_id, files=[file_message(request.commune_id, f) for f in files]
        )

    async def DisposeRecordFile(self, request: pb.DisposeRecordFileRequest, context: Any) -> pb.RecordFile:
        identity = await require(context, Permission.RECORDS_MANAGE, request.commune_id)
        try:
            disposed = await self._records.dispose(
                request.commune_id,
                request.file_id,
                decision_number=request.decision_number,
                council=request.council,
                decided_on=_day("decided_on", request.decided_on),
                actor=identity.username,
                correlation_id=_correlation_id(context),
            )
        except Exception as exc:
            await abort_with(context, exc)
        return file_message(request.commune_id, disposed)

    async def ListRetention(self, request: pb.ListRetentionRequest, context: Any) -> pb.ListRetentionResponse:
        caller()  # any authenticated caller (the interceptor checked): configuration, not records
        return pb.ListRetentionResponse(
            periods=[
                pb.RetentionPeriod(
                    code=p.code,
                    name_vi=p.name_vi,
                    name_en=p.name_en,
                    years=p.years or 0,
                    permanent=p.permanent,
                )
                for p in self._schedule.periods.values()
            ],
            groups=[
                pb.RetentionGroup(name_vi=g.name_vi, name_en=g.name_en, retention=g.retention)
                for g in self._schedule.groups
            ],
        )
