"""The ``oneoffice.documents.v1.DocumentHistoryService`` servicer: a document's audit history, and a
commune's documents as they stood at a past moment (one bounded page at a time).

Needs ``history:read`` in the commune (the auditor everywhere, admins in their scope).
"""

from __future__ import annotations

import json
from typing import Any

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.documents.v1 import history_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import history_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import require

from ..application.history import (
    CommuneEvents,
    CommunePage,
    DocumentHistory,
    commune_as_of_page,
    document_history,
)
from ..application.history_errors import parse_moment
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["DocumentHistoryService"].full_name


def history_message(history: DocumentHistory) -> pb.DocumentHistory:
    return pb.DocumentHistory(
        commune_id=history.commune_id,
        document_id=history.document_id,
        as_of="" if history.as_of is None else history.as_of.isoformat(),
        entries=[
            pb.DocumentHistoryEntry(
                position=e.position,
                recorded_at=e.recorded_at.isoformat(),
                actor=e.actor,
                event_type=e.event_type,
                summary_vi=e.summary_vi,
                summary_en=e.summary_en,
                changes_json=json.dumps(e.changes, ensure_ascii=False, default=str),
            )
            for e in history.entries
        ],
        state_json=json.dumps(history.state, ensure_ascii=False, default=str),
    )


def commune_message(page: CommunePage) -> pb.CommuneAsOf:
    return pb.CommuneAsOf(
        commune_id=page.commune_id,
        as_of=page.as_of.isoformat(),
        documents=[history_message(d) for d in page.documents],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


class DocumentHistoryServicer(pb_grpc.DocumentHistoryServiceServicer):
    def __init__(self, events: CommuneEvents) -> None:
        self._events = events

    async def GetDocumentHistory(
        self, request: pb.GetDocumentHistoryRequest, context: Any
    ) -> pb.DocumentHistory:
        await require(context, Permission.HISTORY_READ, request.commune_id)
        try:
            as_of = parse_moment(request.as_of) if request.as_of else None
            history = await document_history(self._events, request.commune_id, request.document_id, as_of)
        except Exception as exc:
            await abort_with(context, exc)
        return history_message(history)

    async def GetCommuneAsOf(self, request: pb.GetCommuneAsOfRequest, context: Any) -> pb.CommuneAsOf:
        await require(context, Permission.HISTORY_READ, request.commune_id)
        try:
            # Required: the commune "now" is its registers; an empty moment is not a moment.
            as_of = parse_moment(request.as_of)
            page = await commune_as_of_page(
                self._events, request.commune_id, as_of, offset=request.offset, limit=request.limit
            )
        except Exception as exc:
            await abort_with(context, exc)
        return commune_message(page)
