"""JSON API of one set of figures: the indicator catalogue, a commune's figures, conflicts, adoptions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from oneoffice.contracts.access import Permission

from ..application.figures import FigureDraft, FiguresPort
from ..application.ports import RequestContext
from .access import SignedIn, requires
from .figures_api_models import (
    CODE_PATTERN,
    PERIOD_PATTERN,
    AdoptIn,
    AdoptionOut,
    ConflictStatus,
    FigureConflictOut,
    FigureConflictsOut,
    FigureIn,
    FigureOut,
    FiguresOut,
    IndicatorCatalogueOut,
    ReportedFigureOut,
)
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1", tags=["figures"])


def get_figures(request: Request) -> FiguresPort:
    figures: FiguresPort = request.app.state.figures
    return figures


FiguresDep = Annotated[FiguresPort, Depends(get_figures)]
ReadsFigures = Annotated[RequestContext, Depends(requires(Permission.FIGURES_READ))]
ReportsFigures = Annotated[RequestContext, Depends(requires(Permission.FIGURES_REPORT))]
AdoptsFigures = Annotated[RequestContext, Depends(requires(Permission.FIGURES_ADOPT))]
ConflictId = Annotated[str, Path(max_length=200, pattern=r"^[A-Za-z0-9_-]{1,200}$")]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
Answers = dict[int | str, dict[str, object]]
_REFUSED: Answers = {
    422: {"description": "Refused, in Vietnamese (English on request), naming each field", **_PROBLEM},
    503: {"description": "The reporting service is not answering", **_PROBLEM},
}
_REPORT: Answers = {
    409: {"description": "No indicator catalogue published yet, or the figure is busy", **_PROBLEM},
    **_REFUSED,
}
_ADOPT: Answers = {
    404: {"description": "No such conflict in this commune", **_PROBLEM},
    409: {"description": "The conflict was adopted already or is settled", **_PROBLEM},
    **_REFUSED,
}


_CATALOGUE: Answers = {
    409: {"description": "No indicator catalogue published yet", **_PROBLEM},
    503: {"description": "The reporting service is not answering", **_PROBLEM},
}


@router.get("/indicators", response_model=IndicatorCatalogueOut, responses=_CATALOGUE)
async def get_indicators(figures: FiguresDep, context: SignedIn) -> IndicatorCatalogueOut:
    """The current indicator catalogue (danh mục chỉ tiêu), with its version."""
    return IndicatorCatalogueOut.model_validate(await figures.catalogue(context))


@router.post(
    "/communes/{commune_id}/figures", status_code=201, response_model=ReportedFigureOut, responses=_REPORT
)
async def report_figure(
    body: FigureIn, commune_id: str, figures: FiguresDep, context: ReportsFigures
) -> ReportedFigureOut:
    """A body reports a value; a different value from another body raises a conflict."""
    draft = FigureDraft(body.indicator, body.period, body.body, body.value, body.note)
    return ReportedFigureOut.model_validate(await figures.report(commune_id, draft, context))


@router.get("/communes/{commune_id}/figures", response_model=FiguresOut, responses=_REFUSED)
async def list_figures(
    commune_id: str,
    figures: FiguresDep,
    context: ReadsFigures,
    indicator: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
    period: Annotated[str | None, Query(pattern=PERIOD_PATTERN)] = None,
) -> FiguresOut:
    """The commune's figures: the adopted or agreed value, every report and adoption in order."""
    found = await figures.figures(commune_id, indicator, period, context)
    return FiguresOut(commune_id=commune_id, figures=[FigureOut.model_validate(f) for f in found])


@router.get("/communes/{commune_id}/figure-conflicts", response_model=FigureConflictsOut, responses=_REFUSED)
async def list_conflicts(
    commune_id: str,
    figures: FiguresDep,
    context: ReadsFigures,
    status: Annotated[ConflictStatus | None, Query(description="open, adopted or settled.")] = None,
) -> FigureConflictsOut:
    """The commune's figure conflicts (every one, or those of one status)."""
    found = await figures.conflicts(commune_id, status, context)
    return FigureConflictsOut(
        commune_id=commune_id, conflicts=[FigureConflictOut.model_validate(c) for c in found]
    )


@router.post(
    "/communes/{commune_id}/figure-conflicts/{conflict_id}/adopt",
    response_model=AdoptionOut,
    responses=_ADOPT,
)
async def adopt_figure(
    body: AdoptIn, commune_id: str, conflict_id: ConflictId, figures: FiguresDep, context: AdoptsFigures
) -> AdoptionOut:
    """The office adopts one body's reported value for an open conflict, with a reason."""
    return AdoptionOut.model_validate(
        await figures.adopt(commune_id, conflict_id, body.body, body.reason, context)
    )
