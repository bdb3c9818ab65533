"""JSON API of duties: the district catalogue, a commune's assignments and gaps, absences, coverage."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from oneoffice.contracts.access import Permission

from ..application.duties import AbsenceDraft, CatalogueDuty, DutiesPort
from ..application.ports import RequestContext
from .access import SignedIn, requires
from .duties_api_models import (
    DUTY_CODE_PATTERN,
    MAX_VERSION,
    AbsenceIn,
    AbsenceOut,
    AdoptIn,
    AssignmentIn,
    CatalogueOut,
    CatalogueVersionIn,
    CoverageOut,
    DutyGapsOut,
    GapOut,
    RosterOut,
)
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1", tags=["duties"])


def get_duties(request: Request) -> DutiesPort:
    duties: DutiesPort = request.app.state.duties
    return duties


DutiesDep = Annotated[DutiesPort, Depends(get_duties)]
ManagesCatalogue = Annotated[
    RequestContext, Depends(requires(Permission.DUTY_CATALOGUE_MANAGE, on_commune=False))
]
ReadsDuties = Annotated[RequestContext, Depends(requires(Permission.DUTIES_READ))]
ManagesDuties = Annotated[RequestContext, Depends(requires(Permission.DUTIES_MANAGE))]
RecordsAbsences = Annotated[RequestContext, Depends(requires(Permission.ABSENCES_RECORD))]
DutyCode = Annotated[str, Path(pattern=DUTY_CODE_PATTERN, examples=["INCOMING_REGISTER"])]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
Answers = dict[int | str, dict[str, object]]
# What each route can answer besides its success (422 on every one: a malformed commune code or day).
# A roster is read of any well-formed commune code (empty for one never used), so only the changes
# check that the commune exists (404).
_REFUSED: Answers = {
    422: {"description": "Refused, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "The staff service is not answering", **_PROBLEM},
}
_NO_VERSION: Answers = {404: {"description": "No such catalogue version", **_PROBLEM}, **_REFUSED}
_NO_COMMUNE: Answers = {404: {"description": "No such commune (on the day)", **_PROBLEM}, **_REFUSED}
_NO_COMMUNE_OR_VERSION: Answers = {
    404: {"description": "No such commune (today) or catalogue version", **_PROBLEM},
    **_REFUSED,
}


@router.get("/duty-catalogue", response_model=CatalogueOut, responses=_NO_VERSION)
async def get_catalogue(
    duties: DutiesDep,
    context: SignedIn,
    version: Annotated[
        int | None, Query(ge=1, le=MAX_VERSION, description="A version; default the latest.")
    ] = None,
) -> CatalogueOut:
    """The district-wide duty catalogue (the latest version, or the one asked)."""
    return CatalogueOut.model_validate(await duties.catalogue(version, context))


@router.post("/duty-catalogue/versions", status_code=201, response_model=CatalogueOut, responses=_REFUSED)
async def publish_catalogue(
    body: CatalogueVersionIn, duties: DutiesDep, context: ManagesCatalogue
) -> CatalogueOut:
    """Publish the next version of the duty catalogue (administrators)."""
    items = tuple(
        CatalogueDuty(d.code, d.name_vi, d.name_en, d.description, tuple(d.bodies)) for d in body.duties
    )
    return CatalogueOut.model_validate(await duties.publish_catalogue(items, body.note, context))


@router.put(
    "/communes/{commune_id}/duty-catalogue", response_model=RosterOut, responses=_NO_COMMUNE_OR_VERSION
)
async def adopt_catalogue(
    body: AdoptIn, commune_id: str, duties: DutiesDep, context: ManagesDuties
) -> RosterOut:
    """The commune adopts a version of the catalogue (its duties are the ones it assigns)."""
    return RosterOut.model_validate(await duties.adopt(commune_id, body.version, context))


@router.get("/communes/{commune_id}/duties", response_model=RosterOut, responses=_REFUSED)
async def get_roster(commune_id: str, duties: DutiesDep, context: ReadsDuties) -> RosterOut:
    """The commune's adopted duties, who holds each with which backup, gaps and absences."""
    return RosterOut.model_validate(await duties.roster(commune_id, context))


@router.put(
    "/communes/{commune_id}/duties/{duty}/assignment", response_model=RosterOut, responses=_NO_COMMUNE
)
async def assign_duty(
    body: AssignmentIn, commune_id: str, duty: DutyCode, duties: DutiesDep, context: ManagesDuties
) -> RosterOut:
    """Set the primary and the backup of a duty: two different staff of the commune."""
    return RosterOut.model_validate(await duties.assign(commune_id, duty, body.primary, body.backup, context))


@router.get("/communes/{commune_id}/duty-gaps", response_model=DutyGapsOut, responses=_REFUSED)
async def duty_gaps(commune_id: str, duties: DutiesDep, context: ReadsDuties) -> DutyGapsOut:
    """The adopted duties without a primary or a backup."""
    roster = await duties.roster(commune_id, context)
    gaps = [GapOut.model_validate(g) for g in roster.gaps]
    return DutyGapsOut(commune_id=commune_id, catalogue_version=roster.catalogue_version, gaps=gaps)


@router.post(
    "/communes/{commune_id}/absences", status_code=201, response_model=AbsenceOut, responses=_NO_COMMUNE
)
async def record_absence(
    body: AbsenceIn, commune_id: str, duties: DutiesDep, context: RecordsAbsences
) -> AbsenceOut:
    """Record an absence (leave, training, business trip, sick): the backups cover from its first day."""
    draft = AbsenceDraft(body.person, body.kind, body.start, body.end)
    return AbsenceOut.model_validate(await duties.record_absence(commune_id, draft, context))


@router.get("/communes/{commune_id}/coverage", response_model=CoverageOut, responses=_REFUSED)
async def coverage(
    commune_id: str,
    duties: DutiesDep,
    context: ReadsDuties,
    on: Annotated[date | None, Query(description="The day (YYYY-MM-DD); default today.")] = None,
) -> CoverageOut:
    """Who covers what on a day (past, present or future)."""
    return CoverageOut.model_validate(await duties.coverage(commune_id, on, context))
