"""JSON API of outgoing documents (văn bản đi): draft, number, dispatch, recall, read, the register."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from oneoffice.contracts.access import Permission

from ..application.calendar import office_today, office_year
from ..application.outgoing import OutgoingDraft, OutgoingPort, staff_signer
from ..application.people import PeoplePort
from ..application.ports import RequestContext
from .access import requires
from .deps import ClockDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .outgoing_api_models import (
    DispatchOutgoingDocumentBody,
    DraftOutgoingDocumentBody,
    NumberOut,
    NumberOutgoingDocumentBody,
    OutgoingDocumentOut,
    OutgoingRegisterOut,
    OutgoingRegisterRowOut,
    RecallOutgoingDocumentBody,
)
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .text_fields import CleanText

router = APIRouter(prefix="/api/v1/communes/{commune_id}", tags=["outgoing documents"])

IssuesOutgoing = Annotated[RequestContext, Depends(requires(Permission.OUTGOING_ISSUE))]
ReadsOutgoing = Annotated[RequestContext, Depends(requires(Permission.OUTGOING_READ))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
DocumentId = Annotated[CleanText, Path(max_length=64)]
REGISTER_LIMIT = 500


def get_outgoing(request: Request) -> OutgoingPort:
    outgoing: OutgoingPort = request.app.state.outgoing
    return outgoing


def get_people(request: Request) -> PeoplePort:
    people: PeoplePort = request.app.state.people
    return people


OutgoingDep = Annotated[OutgoingPort, Depends(get_outgoing)]
PeopleDep = Annotated[PeoplePort, Depends(get_people)]

_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    422: {"description": "Invalid input: the rules broken, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "A service behind the gateway is not answering", **_PROBLEM},
}
_NOT_FOUND: dict[int | str, dict[str, object]] = {
    404: {"description": "No such document in this commune", **_PROBLEM}
}
_BUSY: dict[int | str, dict[str, object]] = {
    409: {"description": "The register kept changing; retry", **_PROBLEM}
}


@router.post(
    "/outgoing-documents",
    status_code=201,
    response_model=OutgoingDocumentOut,
    responses={**_ERRORS, 404: {"description": "The commune does not exist on the office day", **_PROBLEM}},
)
async def draft_outgoing_document(
    commune_id: CommuneId,
    body: DraftOutgoingDocumentBody,
    response: Response,
    outgoing: OutgoingDep,
    people: PeopleDep,
    clock: ClockDep,
    context: IssuesOutgoing,
    idempotency_key: Annotated[
        str | None,
        Header(alias="Idempotency-Key", max_length=200, description="The same key returns the same draft."),
    ] = None,
) -> OutgoingDocumentOut:
    """Draft an outgoing document; the signer must be staff of the commune."""
    key = idempotency_key or str(uuid.uuid4())
    signer = await staff_signer(
        people, commune_id, body.signer_id.strip(), office_today(clock.now()), context
    )
    draft = OutgoingDraft(
        body_code=body.body_code,
        document_type=body.document_type,
        summary=body.summary,
        drafting_unit=body.drafting_unit,
        signer_id=signer.person_id if signer else "",
        signer_name=signer.name if signer else "",
        signer_title=signer.title if signer else "",
        authority=body.authority,
        place_name=body.place_name,
        recipients=tuple(body.recipients),
        urgency=body.urgency,
        confidentiality=body.confidentiality,
    )
    document = await outgoing.draft(commune_id, draft, key, context)
    response.headers["Location"] = f"/api/v1/communes/{commune_id}/outgoing-documents/{document.document_id}"
    response.headers["Idempotency-Key"] = key
    return OutgoingDocumentOut.of(document)


@router.get(
    "/outgoing-documents/{document_id}",
    response_model=OutgoingDocumentOut,
    responses={**_ERRORS, **_NOT_FOUND},
)
async def get_outgoing_document(
    commune_id: CommuneId, document_id: DocumentId, outgoing: OutgoingDep, context: ReadsOutgoing
) -> OutgoingDocumentOut:
    """One outgoing document: every field of its formal layout, its number, state and history."""
    return OutgoingDocumentOut.of(await outgoing.get(commune_id, document_id, context))


RenderFormat = Literal["docx", "html"]


@router.get(
    "/outgoing-documents/{document_id}/render",
    response_class=Response,
    responses={
        200: {
            "description": "The formal layout (thể thức) as a file to open in Word/LibreOffice or print",
            "content": {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}
                },
                "text/html": {"schema": {"type": "string"}},
            },
        },
        **_ERRORS,
        **_NOT_FOUND,
    },
)
async def render_outgoing_document(
    commune_id: CommuneId,
    document_id: DocumentId,
    outgoing: OutgoingDep,
    context: ReadsOutgoing,
    format: Annotated[RenderFormat, Query(description="docx (default) or html")] = "docx",
) -> Response:
    """The document laid out by the rules of its family (NĐ 30/2020 or HD 36-HD/VPTW): national motto or
    the Party's title, the body under its parent, number and symbol, place and date, type and summary,
    signature block with its authority, recipients. A draft shows blanks where the number and date go."""
    rendered = await outgoing.render(commune_id, document_id, format, context)
    disposition = "inline" if format == "html" else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{rendered.file_name}"'}
    if rendered.content_security_policy:
        headers["Content-Security-Policy"] = rendered.content_security_policy
    return Response(content=rendered.content, media_type=rendered.media_type, headers=headers)


@router.post(
    "/outgoing-documents/{document_id}/number",
    response_model=NumberOut,
    responses={**_ERRORS, **_NOT_FOUND, **_BUSY},
)
async def number_outgoing_document(
    commune_id: CommuneId,
    document_id: DocumentId,
    body: NumberOutgoingDocumentBody,
    outgoing: OutgoingDep,
    context: IssuesOutgoing,
) -> NumberOut:
    """Give a draft the next number of its register (or, importing the paper register, its own)."""
    given = await outgoing.number(
        commune_id, document_id, body.issued_on, body.number, body.sequence or "", context
    )
    return NumberOut.of(given)


@router.post(
    "/outgoing-documents/{document_id}/dispatch",
    response_model=OutgoingDocumentOut,
    responses={**_ERRORS, **_NOT_FOUND, **_BUSY},
)
async def dispatch_outgoing_document(
    commune_id: CommuneId,
    document_id: DocumentId,
    body: DispatchOutgoingDocumentBody,
    outgoing: OutgoingDep,
    context: IssuesOutgoing,
) -> OutgoingDocumentOut:
    """Record that a numbered document was sent (recipients, date, channel)."""
    document = await outgoing.dispatch(
        commune_id, document_id, tuple(body.recipients), body.dispatched_on, body.channel, context
    )
    return OutgoingDocumentOut.of(document)


@router.post(
    "/outgoing-documents/{document_id}/recall",
    response_model=OutgoingDocumentOut,
    responses={**_ERRORS, **_NOT_FOUND, **_BUSY},
)
async def recall_outgoing_document(
    commune_id: CommuneId,
    document_id: DocumentId,
    body: RecallOutgoingDocumentBody,
    outgoing: OutgoingDep,
    context: IssuesOutgoing,
) -> OutgoingDocumentOut:
    """Recall (thu hồi) an issued document; it keeps its number."""
    return OutgoingDocumentOut.of(await outgoing.recall(commune_id, document_id, body.reason, context))


@router.get("/outgoing-register", response_model=OutgoingRegisterOut, responses=_ERRORS)
async def list_outgoing_register(
    commune_id: CommuneId,
    outgoing: OutgoingDep,
    context: ReadsOutgoing,
    clock: ClockDep,
    body: Annotated[
        CleanText, Query(min_length=1, max_length=64, examples=["UBND"], description="Body code.")
    ],
    year: Annotated[int | None, Query(ge=1900, le=2999, description="Default: the current year.")] = None,
    page_size: Annotated[int, Query(ge=1, le=REGISTER_LIMIT)] = REGISTER_LIMIT,
    offset: Annotated[int, Query(ge=0, le=2_147_483_647, description="Rows to skip.")] = 0,
) -> OutgoingRegisterOut:
    """A body's sổ đăng ký văn bản đi for a year, with the regulation's columns, in register order."""
    year = year or office_year(clock.now())
    documents = await outgoing.list(commune_id, body.strip().upper(), year, True, page_size, offset, context)
    return OutgoingRegisterOut(
        body=body.strip().upper(), year=year, rows=[OutgoingRegisterRowOut.of(d) for d in documents]
    )
