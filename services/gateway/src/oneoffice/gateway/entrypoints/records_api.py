"""JSON API of record files (hồ sơ): the annual file list, closing, links, hand-over, disposal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from oneoffice.contracts.access import Permission

from ..application.ports import RequestContext
from ..application.records import Disposal, NewRecordFile, RecordsPort
from .access import requires
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .records_api_models import (
    FILE_ID_PATTERN,
    MAX_YEAR,
    MIN_YEAR,
    CloseIn,
    DisposalIn,
    HandoverIn,
    HandoverOut,
    LinkIn,
    RecordFileIn,
    RecordFileOut,
    RecordFilesOut,
)

router = APIRouter(prefix="/api/v1/communes/{commune_id}/record-files", tags=["records"])


def get_records(request: Request) -> RecordsPort:
    records: RecordsPort = request.app.state.records
    return records


RecordsDep = Annotated[RecordsPort, Depends(get_records)]
ReadsRecords = Annotated[RequestContext, Depends(requires(Permission.RECORDS_READ))]
ManagesRecords = Annotated[RequestContext, Depends(requires(Permission.RECORDS_MANAGE))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
FileId = Annotated[str, Path(pattern=FILE_ID_PATTERN)]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No such commune (today), file or document", **_PROBLEM},
    422: {"description": "Refused: the rules broken, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "A service behind the gateway is not answering", **_PROBLEM},
}


def file_url(commune_id: str, file_id: str) -> str:
    return f"/api/v1/communes/{commune_id}/record-files/{file_id}"


@router.post("", status_code=201, response_model=RecordFileOut, responses=_ERRORS)
async def create_record_file(
    body: RecordFileIn,
    commune_id: CommuneId,
    response: Response,
    records: RecordsDep,
    context: ManagesRecords,
) -> RecordFileOut:
    """Enter one file in a body's annual file list (danh mục hồ sơ); it is open."""
    new = NewRecordFile(body.body_code, body.year, body.file_code, body.title, body.retention, body.keeper)
    made = await records.create(commune_id, new, context)
    response.headers["Location"] = file_url(commune_id, made.file_id)
    return RecordFileOut.model_validate(made)


@router.get("", response_model=RecordFilesOut, responses=_ERRORS)
async def list_record_files(
    commune_id: CommuneId,
    records: RecordsDep,
    context: ReadsRecords,
    body: Annotated[str | None, Query(pattern=r"^[A-Z_]{1,32}$", description="A body's code.")] = None,
    year: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR, description="The list's year.")] = None,
) -> RecordFilesOut:
    """The files of the commune (of one body, of one year), by year, body and file code."""
    found = await records.list(commune_id, body, year, context)
    return RecordFilesOut(files=[RecordFileOut.model_validate(f) for f in found])


@router.post("/handovers", status_code=201, response_model=HandoverOut, responses=_ERRORS)
async def hand_over(
    body: HandoverIn, commune_id: CommuneId, records: RecordsDep, context: ManagesRecords
) -> HandoverOut:
    """Record the hand-over of closed files to the archive (nộp lưu), with their list."""
    handed = await records.hand_over(
        commune_id, tuple(body.file_ids), body.handed_over_on, body.receiver, context
    )
    return HandoverOut(
        handover_id=handed.handover_id, files=[RecordFileOut.model_validate(f) for f in handed.files]
    )


@router.get("/{file_id}", response_model=RecordFileOut, responses=_ERRORS)
async def get_record_file(
    commune_id: CommuneId, file_id: FileId, records: RecordsDep, context: ReadsRecords
) -> RecordFileOut:
    """One file, with its documents, closing, hand-over and disposal."""
    return RecordFileOut.model_validate(await records.get(commune_id, file_id, context))


@router.post("/{file_id}/close", response_model=RecordFileOut, responses=_ERRORS)
async def close_record_file(
    body: CloseIn, commune_id: CommuneId, file_id: FileId, records: RecordsDep, context: ManagesRecords
) -> RecordFileOut:
    """Close a file when its work ended (once: closing again is refused)."""
    return RecordFileOut.model_validate(await records.close(commune_id, file_id, body.closed_on, context))


@router.post("/{file_id}/documents", response_model=RecordFileOut, responses=_ERRORS)
async def link_document(
    body: LinkIn, commune_id: CommuneId, file_id: FileId, records: RecordsDep, context: ManagesRecords
) -> RecordFileOut:
    """Link a document to an open file, without copying it (one document may be in several files)."""
    linked = await records.link(commune_id, file_id, body.document_kind, body.document_id, context)
    return RecordFileOut.model_validate(linked)


@router.post("/{file_id}/disposal", response_model=RecordFileOut, responses=_ERRORS)
async def dispose_record_file(
    body: DisposalIn, commune_id: CommuneId, file_id: FileId, records: RecordsDep, context: ManagesRecords
) -> RecordFileOut:
    """Record the disposal of an expired file by an approved decision (never a permanent one).

    Nothing is deleted: the file stays, marked disposed with its decision."""
    disposal = Disposal(body.decision_number, body.council, body.decided_on)
    return RecordFileOut.model_validate(await records.dispose(commune_id, file_id, disposal, context))
