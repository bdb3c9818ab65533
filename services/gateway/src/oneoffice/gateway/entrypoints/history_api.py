"""JSON API of the audit history: who did what to a document, and its state at any past moment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from oneoffice.contracts.access import Permission

from ..application.history import DocumentHistory, HistoryPort
from ..application.ports import RequestContext
from .access import requires
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .text_fields import CleanText

router = APIRouter(prefix="/api/v1/communes/{commune_id}/documents", tags=["audit"])


def get_history(request: Request) -> HistoryPort:
    history: HistoryPort = request.app.state.history
    return history


HistoryDep = Annotated[HistoryPort, Depends(get_history)]
ReadsHistory = Annotated[RequestContext, Depends(requires(Permission.HISTORY_READ))]
CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
DocumentId = Annotated[CleanText, Path(max_length=64)]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"description": "No such document in the commune", **_PROBLEM},
    422: {"description": "as_of is not a time, or before the document's first event", **_PROBLEM},
    503: {"description": "A service behind the gateway is not answering", **_PROBLEM},
}


class HistoryEntryOut(BaseModel):
    position: int
    recorded_at: datetime
    actor: str = Field(description="Who did it (the username recorded with the event).")
    event_type: str
    summary_vi: str
    summary_en: str
    changes: dict[str, Any] = Field(description="The fields the event set.")


class DocumentHistoryOut(BaseModel):
    commune_id: str
    document_id: str
    as_of: datetime | None = Field(description="The moment shown (null: now).")
    entries: list[HistoryEntryOut]
    state: dict[str, Any] = Field(description="The document's state at as_of: every field's latest value.")

    @classmethod
    def of(cls, history: DocumentHistory) -> DocumentHistoryOut:
        return cls(
            commune_id=history.commune_id,
            document_id=history.document_id,
            as_of=history.as_of,
            entries=[HistoryEntryOut.model_validate(e, from_attributes=True) for e in history.entries],
            state=history.state,
        )


def moment(as_of: datetime | None) -> datetime | None:
    """A time without an offset is taken as UTC."""
    if as_of is None or as_of.tzinfo is not None:
        return as_of
    return as_of.replace(tzinfo=UTC)


@router.get("/{document_id}/history", response_model=DocumentHistoryOut, responses=_ERRORS)
async def document_history(
    commune_id: CommuneId,
    document_id: DocumentId,
    history: HistoryDep,
    context: ReadsHistory,
    as_of: Annotated[
        datetime | None, Query(description="ISO 8601 moment (default: now; without an offset: UTC).")
    ] = None,
) -> DocumentHistoryOut:
    """Who did what to a document (incoming or outgoing), and its state, at any past moment."""
    return DocumentHistoryOut.of(await history.document(commune_id, document_id, moment(as_of), context))
