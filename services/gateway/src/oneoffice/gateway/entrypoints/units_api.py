"""JSON API of the administrative units: units on a day, one unit, its lineage; reorganisations."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from oneoffice.contracts.access import Permission

from ..application.calendar import office_today
from ..application.ports import RequestContext
from ..application.units import UnitsPort
from .access import SignedIn, requires
from .deps import ClockDep
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .units_api_models import (
    UNIT_CODE_PATTERN,
    LineageOut,
    ReorganisationIn,
    ReorganisationOut,
    UnitBodiesOut,
    UnitBodyOut,
    UnitListOut,
    UnitOut,
)

router = APIRouter(prefix="/api/v1/units", tags=["administrative units"])


def get_units(request: Request) -> UnitsPort:
    units: UnitsPort = request.app.state.units
    return units


UnitsDep = Annotated[UnitsPort, Depends(get_units)]
ManagesUnits = Annotated[RequestContext, Depends(requires(Permission.UNITS_MANAGE, on_commune=False))]
Code = Annotated[str, Path(pattern=UNIT_CODE_PATTERN, examples=["16876"])]
AsOf = Annotated[date | None, Query(description="The day asked about (YYYY-MM-DD); default today.")]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    422: {"description": "Invalid input, in Vietnamese (English on request)", **_PROBLEM},
    503: {"description": "The staff service is not answering", **_PROBLEM},
}
_NOT_FOUND: dict[int | str, dict[str, object]] = {
    404: {"description": "No such unit (on that day)", **_PROBLEM},
}


@router.get("", response_model=UnitListOut, responses=_ERRORS)
async def list_units(
    units: UnitsDep,
    clock: ClockDep,
    context: SignedIn,
    as_of: AsOf = None,
    parent: Annotated[
        str | None,
        Query(pattern=UNIT_CODE_PATTERN, description="Code of the parent; none: the units under no other."),
    ] = None,
) -> UnitListOut:
    """The units directly under a parent on a day (a dated hierarchy: no district after 1 July 2025)."""
    day = as_of or office_today(clock.now())
    listed = await units.list_units(parent, day, context)
    return UnitListOut(parent=parent, as_of=day, units=[UnitOut.of(u) for u in listed])


@router.get("/{code}", response_model=UnitOut, responses={**_ERRORS, **_NOT_FOUND})
async def get_unit(code: Code, units: UnitsDep, context: SignedIn, as_of: AsOf = None) -> UnitOut:
    """One unit as it was on a day (without ``as_of``: as it last was, ceased units included)."""
    return UnitOut.of(await units.get_unit(code, as_of, context))


@router.get("/{code}/lineage", response_model=LineageOut, responses={**_ERRORS, **_NOT_FOUND})
async def get_lineage(code: Code, units: UnitsDep, context: SignedIn) -> LineageOut:
    """What a unit came from and what it became, transitively, with the dates."""
    return LineageOut.of(await units.get_lineage(code, context))


@router.get("/{code}/bodies", response_model=UnitBodiesOut, responses={**_ERRORS, **_NOT_FOUND})
async def get_unit_bodies(
    code: Code, units: UnitsDep, context: SignedIn, as_of: AsOf = None
) -> UnitBodiesOut:
    """The bodies a unit's office serves on a day, since when, and the merged units that carried them."""
    bodies = await units.get_unit_bodies(code, as_of, context)
    return UnitBodiesOut(code=code, as_of=as_of, bodies=[UnitBodyOut.of(b) for b in bodies])


@router.post(
    "/reorganisations",
    status_code=201,
    response_model=ReorganisationOut,
    responses={**_ERRORS, **_NOT_FOUND, 200: {"description": "Recorded earlier under this key"}},
)
async def reorganise(
    body: ReorganisationIn,
    response: Response,
    units: UnitsDep,
    context: ManagesUnits,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            description="Repeat it to retry safely: the same key records the reorganisation once.",
        ),
    ] = None,
) -> ReorganisationOut:
    """Record a reorganisation (establish, merge, split, rename, reparent, cease) effective on a day."""
    key = idempotency_key or str(uuid.uuid4())
    result = await units.reorganise(body.draft(key), context)
    response.headers["Idempotency-Key"] = key
    if not result.recorded_now:
        response.status_code = 200
    return ReorganisationOut.of(result)
