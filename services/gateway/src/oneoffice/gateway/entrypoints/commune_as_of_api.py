"""JSON API of the audit as of a moment (#13): every document of a commune as it stood then, with who
did what, one bounded page at a time (the auditor's ``audit as-of <commune> <time>``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from ..application.history import CommuneAsOf, DocumentHistory
from .history_api import HistoryDep, ReadsHistory, moment
from .incoming_api_models import COMMUNE_ID_PATTERN
from .language import Language, api_language
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1/communes/{commune_id}", tags=["audit"])

# The documents service folds at most this many documents for one answer.
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
INT32_MAX = 2**31 - 1

CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No document event at all in the commune", **_PROBLEM},
    422: {"description": "at is not a time, or before the commune's first event", **_PROBLEM},
    503: {"description": "A service behind the gateway is not answering", **_PROBLEM},
}


class AsOfEntryOut(BaseModel):
    position: int
    recorded_at: datetime
    actor: str = Field(description="Who did it (the username recorded with the event).")
    event_type: str
    summary: str = Field(description="What was done, in the answer's language (?lang or Accept-Language).")
    changes: dict[str, Any] = Field(description="The fields the event set.")


class AsOfDocumentOut(BaseModel):
    document_id: str
    state: dict[str, Any] = Field(
        description="The document's state at that moment: every field's latest value."
    )
    entries: list[AsOfEntryOut]

    @classmethod
    def of(cls, history: DocumentHistory, language: Language) -> AsOfDocumentOut:
        return cls(
            document_id=history.document_id,
            state=history.state,
            entries=[
                AsOfEntryOut(
                    position=e.position,
                    recorded_at=e.recorded_at,
                    actor=e.actor,
                    event_type=e.event_type,
                    summary=e.summary_en if language == "en" else e.summary_vi,
                    changes=e.changes,
                )
                for e in history.entries
            ],
        )


class CommuneAsOfOut(BaseModel):
    commune_id: str
    as_of: datetime = Field(description="The moment shown.")
    documents: list[AsOfDocumentOut] = Field(
        description="This page, in the order of the documents' first event."
    )
    total: int = Field(description="How many documents the commune had at that moment.")
    offset: int
    limit: int
    next_offset: int | None = Field(description="The offset of the next page (null: this is the last).")

    @classmethod
    def of(cls, page: CommuneAsOf, language: Language) -> CommuneAsOfOut:
        end = page.offset + len(page.documents)
        return cls(
            commune_id=page.commune_id,
            as_of=page.as_of,
            documents=[AsOfDocumentOut.of(d, language) for d in page.documents],
            total=page.total,
            offset=page.offset,
            limit=page.limit,
            next_offset=end if page.documents and end < page.total else None,
        )


@router.get("/as-of", response_model=CommuneAsOfOut, responses=_ERRORS)
async def commune_as_of(
    request: Request,
    commune_id: CommuneId,
    history: HistoryDep,
    context: ReadsHistory,
    at: Annotated[
        datetime,
        Query(
            description="ISO 8601 moment (without an offset: UTC).", examples=["2026-11-25T08:30:00+07:00"]
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Documents in this page.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=INT32_MAX, description="Documents to skip.")] = 0,
    lang: Annotated[str | None, Query(pattern="^(vi|en)$", description="Language of the summaries.")] = None,
) -> CommuneAsOfOut:
    """Every document of a commune as it stood at a past moment, with who did what (one page)."""
    as_of = moment(at)
    assert as_of is not None
    page = await history.commune(commune_id, as_of, offset, limit, context)
    return CommuneAsOfOut.of(page, api_language(request))
