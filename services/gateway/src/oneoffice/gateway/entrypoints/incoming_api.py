"""JSON API of incoming documents (văn bản đến): register, read one, list a body's register."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Response

from ..application.calendar import office_year
from ..application.ports import IncomingDocumentDraft
from .access import ReadsIncoming, RegistersIncoming
from .deps import ClockDep, DocumentsDep, ReportingDep
from .incoming_api_models import (
    COMMUNE_ID_PATTERN,
    IncomingDocumentOut,
    IncomingDocumentRegistration,
    IncomingRegisterPageOut,
    RegisterIncomingDocumentBody,
)
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .text_fields import CleanText

router = APIRouter(prefix="/api/v1/communes/{commune_id}", tags=["incoming documents"])

CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    422: {"description": "Invalid input: the rules broken, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "A service behind the gateway is not answering", **_PROBLEM},
}


@router.post(
    "/incoming-documents",
    status_code=201,
    response_model=IncomingDocumentRegistration,
    responses={
        **_ERRORS,
        404: {"description": "No such commune on the office day (unknown, merged or ceased)", **_PROBLEM},
        409: {"description": "The register changed meanwhile; retry", **_PROBLEM},
    },
)
async def register_incoming_document(
    commune_id: CommuneId,
    body: RegisterIncomingDocumentBody,
    response: Response,
    documents: DocumentsDep,
    context: RegistersIncoming,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            description="Repeat it to retry safely: the same key returns the first answer.",
        ),
    ] = None,
) -> IncomingDocumentRegistration:
    """Register a received document and give it the next số đến of its body's register for the year."""
    key = idempotency_key or str(uuid.uuid4())
    draft = IncomingDocumentDraft(
        body_code=body.body_code,
        issuer=body.issuer,
        number_symbol=body.number_symbol,
        document_date=body.document_date.isoformat(),
        document_type=body.document_type,
        summary=body.summary,
        urgency=body.urgency,
        received_date=body.received_date.isoformat(),
    )
    registration = await documents.register_incoming(commune_id, draft, key, context)
    response.headers["Location"] = (
        f"/api/v1/communes/{commune_id}/incoming-documents/{registration.document_id}"
    )
    response.headers["Idempotency-Key"] = key
    return IncomingDocumentRegistration.of(registration)


@router.get(
    "/incoming-documents/{document_id}",
    response_model=IncomingDocumentOut,
    responses={**_ERRORS, 404: {"description": "No such document in this commune", **_PROBLEM}},
)
async def get_incoming_document(
    commune_id: CommuneId,
    document_id: Annotated[CleanText, Path(max_length=64)],
    documents: DocumentsDep,
    context: ReadsIncoming,
) -> IncomingDocumentOut:
    """One registered incoming document of the commune."""
    return IncomingDocumentOut.of(await documents.get_incoming(commune_id, document_id, context))


@router.get("/incoming-register", response_model=IncomingRegisterPageOut, responses=_ERRORS)
async def list_incoming_register(
    commune_id: CommuneId,
    reporting: ReportingDep,
    context: ReadsIncoming,
    clock: ClockDep,
    body: Annotated[
        CleanText, Query(min_length=1, max_length=64, examples=["UBND"], description="Body code.")
    ],
    year: Annotated[int | None, Query(ge=1900, le=2999, description="Default: the current year.")] = None,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
    page_token: Annotated[CleanText, Query(max_length=500)] = "",
) -> IncomingRegisterPageOut:
    """One page of a body's sổ đăng ký văn bản đến for a year, in số đến order."""
    page = await reporting.list_incoming_register(
        commune_id,
        body,
        year or office_year(clock.now()),
        context,
        page_size=page_size,
        page_token=page_token,
    )
    return IncomingRegisterPageOut.of(page)
