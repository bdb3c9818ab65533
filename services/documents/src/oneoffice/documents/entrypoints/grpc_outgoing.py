"""The ``oneoffice.documents.v1.OutgoingDocumentService`` servicer: wire messages in, use cases, wire out.

Issuing (draft, number, dispatch, recall) needs ``outgoing:issue`` on the request's commune, reading
``outgoing:read``; the clerk recorded is the caller identity's username. The signer's name and title
come from the gateway, which checked with the staff service that the signer is staff of the commune.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from typing import Any, NoReturn

import grpc

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2_grpc as pb_grpc
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.grpc_caller import require
from oneoffice.eventcore.grpc_errors import ascii_text

from ..application.outgoing_commands import (
    DispatchOutgoingDocument,
    DraftOutgoingDocument,
    NumberOutgoingDocument,
    OutgoingDocumentHandlers,
    RecallOutgoingDocument,
)
from ..application.outgoing_errors import OutgoingDocumentNotFound
from ..application.outgoing_rendering import RenderOutgoingDocument
from ..application.outgoing_views import HistoryEntry, OutgoingDocumentReader, OutgoingDocumentView
from ..domain.errors import DocumentsError, InvalidDate, RuleViolation
from ..domain.outgoing_document import OutgoingDraftInput
from ..domain.outgoing_errors import DocumentNotInFormat, InvalidOutgoingDocument
from ..domain.outgoing_events import OutgoingDrafted
from ..domain.outgoing_rules import OutgoingRules
from .grpc_documents import _correlation_id
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["OutgoingDocumentService"].full_name
MAX_LIST = 500
READ_YOUR_WRITES_TRIES = 300  # 10 ms apart


def _day(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidDateOf(field) from None


class InvalidDateOf(InvalidDate):
    def __init__(self, field: str) -> None:
        RuleViolation.__init__(
            self,
            "Ngày chưa đúng định dạng NNNN-TT-NN.",
            f"The date {field} is not in the format YYYY-MM-DD.",
        )
        self.field = field


def _violation(v: RuleViolation) -> dict[str, str | None]:
    return {"field": v.field, "code": v.code, "message_vi": v.message_vi, "message_en": v.message_en}


async def _abort(context: Any, exc: BaseException) -> NoReturn:
    """Outgoing errors with their field violations; everything else as the incoming side maps it."""
    listed: list[RuleViolation] = []
    if isinstance(exc, DocumentNotInFormat | InvalidOutgoingDocument):
        listed = list(exc.violations)
    elif isinstance(exc, RuleViolation):
        listed = [exc]
    if isinstance(exc, DocumentsError) and listed:
        violations = json.dumps([_violation(v) for v in listed], ensure_ascii=False).encode()
        metadata: list[tuple[str, str | bytes]] = [
            ("message-en", ascii_text(exc.message_en)),
            ("error-code", exc.code),
            ("field-violations-bin", violations),
        ]
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, exc.message_vi, tuple(metadata))
    if isinstance(exc, OutgoingDocumentNotFound):
        await context.abort(
            grpc.StatusCode.NOT_FOUND,
            exc.message_vi,
            (("message-en", ascii_text(exc.message_en)), ("error-code", exc.code)),
        )
    await abort_with(context, exc)


def draft_view(drafted: OutgoingDrafted, at: datetime) -> OutgoingDocumentView:
    """A document just drafted, as the read model will show it."""
    fields = asdict(drafted)
    return OutgoingDocumentView(
        **fields,
        state="DRAFT",
        drafted_at=at,
        number=None,
        number_symbol="",
        formatted="",
        issued_on=None,
        period="",
        dispatched_on=None,
        channel="",
        dispatched_to=(),
        recall_reason="",
        history=(HistoryEntry(at, drafted.drafted_by, "DRAFTED", ""),),
    )


class OutgoingDocumentsServicer(pb_grpc.OutgoingDocumentServiceServicer):
    def __init__(
        self,
        handlers: OutgoingDocumentHandlers,
        reader: OutgoingDocumentReader,
        rules: OutgoingRules,
        clock: Clock,
        render: RenderOutgoingDocument | None = None,
    ) -> None:
        self._render = render
        self._clock = clock
        self._handlers = handlers
        self._reader = reader
        self._rules = rules

    def _message(self, view: OutgoingDocumentView) -> pb.OutgoingDocument:
        body = self._rules.bodies.get(view.body_code)
        kind = self._rules.types.get(view.document_type)
        message = pb.OutgoingDocument(
            document_id=view.document_id,
            commune_id=view.commune_id,
            body_code=view.body_code,
            body_name=body.name_vi if body else "",
            parent_body_name=body.parent_name_vi if body else "",
            family=body.authority_family if body else "",
            document_type=view.document_type,
            document_type_name=kind.name_vi if kind else "",
            summary=view.summary,
            drafting_unit=view.drafting_unit,
            signer_id=view.signer_id,
            signer_name=view.signer_name,
            signer_title=view.signer_title,
            authority=view.authority,
            place_name=view.place_name,
            recipients=list(view.recipients),
            urgency=view.urgency,
            confidentiality=view.confidentiality,
            state=view.state,
            drafted_by=view.drafted_by,
            number=view.number or 0,
            number_symbol=view.number_symbol,
            formatted=view.formatted,
            issued_on=view.issued_on.isoformat() if view.issued_on else "",
            period=view.period,
            dispatched_on=view.dispatched_on.isoformat() if view.dispatched_on else "",
            channel=view.channel,
            dispatched_to=list(view.dispatched_to),
            recall_reason=view.recall_reason,
            imported=view.imported,
        )
        message.drafted_at.FromDatetime(view.drafted_at)
        for entry in view.history:
            item = message.history.add(actor=entry.actor, action=entry.action, detail=entry.detail)
            item.at.FromDatetime(entry.at)
        return message

    async def _view(self, commune_id: str, document_id: str) -> pb.OutgoingDocument:
        view = await self._reader.get(commune_id, document_id)
        if view is None:
            raise OutgoingDocumentNotFound(commune_id, document_id)
        return self._message(view)

    async def DraftOutgoingDocument(  # the proto's method name
        self, request: pb.DraftOutgoingDocumentRequest, context: Any
    ) -> pb.OutgoingDocument:
        identity = await require(context, Permission.OUTGOING_ISSUE, request.commune_id)
        command = DraftOutgoingDocument(
            draft=OutgoingDraftInput(
                commune_id=request.commune_id,
                body_code=request.body_code,
                document_type=request.document_type,
                summary=request.summary,
                drafting_unit=request.drafting_unit,
                signer_id=request.signer_id,
                signer_name=request.signer_name,
                signer_title=request.signer_title,
                authority=request.authority,
                place_name=request.place_name,
                recipients=tuple(request.recipients),
                urgency=request.urgency,
                confidentiality=request.confidentiality,
                drafted_by=identity.username,
            ),
            idempotency_key=request.idempotency_key,
            correlation_id=_correlation_id(context),
        )
        try:
            drafted = await self._handlers.draft(command)
            # Read-your-writes for a while (a page lists the drafts right after); if the read model
            # is slow, the answer is built from the event itself.
            for _ in range(READ_YOUR_WRITES_TRIES):
                view = await self._reader.get(drafted.commune_id, drafted.document_id)
                if view is not None:
                    return self._message(view)
                await asyncio.sleep(0.01)
            return self._message(draft_view(drafted, self._clock.now()))
        except Exception as exc:
            await _abort(context, exc)

    async def _wait_for_view(
        self,
        commune_id: str,
        document_id: str,
        until: Callable[[OutgoingDocumentView], bool] = lambda view: True,
    ) -> pb.OutgoingDocument:
        """The document once the read model shows what was just done (it follows within milliseconds)."""
        view = None
        for _ in range(1000):
            view = await self._reader.get(commune_id, document_id)
            if view is not None and until(view):
                return self._message(view)
            await asyncio.sleep(0.01)
        if view is None:
            raise OutgoingDocumentNotFound(commune_id, document_id)
        return self._message(view)

    async def NumberOutgoingDocument(  # the proto's method name
        self, request: pb.NumberOutgoingDocumentRequest, context: Any
    ) -> pb.NumberOutgoingDocumentResponse:
        identity = await require(context, Permission.OUTGOING_ISSUE, request.commune_id)
        try:
            numbered = await self._handlers.number(
                NumberOutgoingDocument(
                    commune_id=request.commune_id,
                    document_id=request.document_id,
                    actor=identity.username,
                    issued_on=_day(request.issued_on, "issued_on"),
                    number=request.number or None,
                    register=request.register,
                    correlation_id=_correlation_id(context),
                )
            )
        except Exception as exc:
            await _abort(context, exc)
        # Read-your-writes for a while: a page shows the register right after (the number stands
        # whether or not the read model caught up in time).
        for _ in range(READ_YOUR_WRITES_TRIES):
            view = await self._reader.get(numbered.commune_id, numbered.document_id)
            if view is not None and view.number is not None:
                break
            await asyncio.sleep(0.01)
        return pb.NumberOutgoingDocumentResponse(
            document_id=numbered.document_id,
            number=numbered.number,
            number_symbol=numbered.number_symbol,
            formatted=numbered.formatted,
            issued_on=numbered.issued_on.isoformat(),
            period=numbered.period,
            imported=numbered.imported,
        )

    async def DispatchOutgoingDocument(  # the proto's method name
        self, request: pb.DispatchOutgoingDocumentRequest, context: Any
    ) -> pb.OutgoingDocument:
        identity = await require(context, Permission.OUTGOING_ISSUE, request.commune_id)
        try:
            await self._handlers.dispatch(
                DispatchOutgoingDocument(
                    commune_id=request.commune_id,
                    document_id=request.document_id,
                    actor=identity.username,
                    recipients=tuple(request.recipients),
                    channel=request.channel,
                    dispatched_on=_day(request.dispatched_on, "dispatched_on"),
                    correlation_id=_correlation_id(context),
                )
            )
            return await self._wait_for_view(
                request.commune_id, request.document_id, lambda view: view.state in ("DISPATCHED", "RECALLED")
            )
        except Exception as exc:
            await _abort(context, exc)

    async def RecallOutgoingDocument(  # the proto's method name
        self, request: pb.RecallOutgoingDocumentRequest, context: Any
    ) -> pb.OutgoingDocument:
        identity = await require(context, Permission.OUTGOING_ISSUE, request.commune_id)
        try:
            await self._handlers.recall(
                RecallOutgoingDocument(
                    commune_id=request.commune_id,
                    document_id=request.document_id,
                    actor=identity.username,
                    reason=request.reason,
                    correlation_id=_correlation_id(context),
                )
            )
            return await self._wait_for_view(
                request.commune_id, request.document_id, lambda view: view.state == "RECALLED"
            )
        except Exception as exc:
            await _abort(context, exc)

    async def GetOutgoingDocument(  # the proto's method name
        self, request: pb.GetOutgoingDocumentRequest, context: Any
    ) -> pb.OutgoingDocument:
        await require(context, Permission.OUTGOING_READ, request.commune_id)
        try:
            return await self._view(request.commune_id, request.document_id)
        except Exception as exc:
            await _abort(context, exc)

    async def ListOutgoingDocuments(  # the proto's method name
        self, request: pb.ListOutgoingDocumentsRequest, context: Any
    ) -> pb.ListOutgoingDocumentsResponse:
        await require(context, Permission.OUTGOING_READ, request.commune_id)
        try:
            views = await self._reader.list(
                request.commune_id,
                body_code=request.body_code.strip().upper(),
                year=request.year or None,
                numbered_only=request.numbered_only,
                limit=min(max(request.limit, 1), MAX_LIST) if request.limit else 100,
                offset=max(request.offset, 0),
            )
        except Exception as exc:
            await _abort(context, exc)
        return pb.ListOutgoingDocumentsResponse(documents=[self._message(v) for v in views])

    async def RenderOutgoingDocument(  # the proto's method name
        self, request: pb.RenderOutgoingDocumentRequest, context: Any
    ) -> pb.RenderedOutgoingDocument:
        await require(context, Permission.OUTGOING_READ, request.commune_id)
        if self._render is None:
            await context.abort(grpc.StatusCode.UNIMPLEMENTED, "rendering is not configured")
        assert self._render is not None
        try:
            rendered = await self._render(request.commune_id, request.document_id, request.format)
        except Exception as exc:
            await _abort(context, exc)
        return pb.RenderedOutgoingDocument(
            content=rendered.content,
            media_type=rendered.media_type,
            file_name=rendered.file_name,
            content_security_policy=rendered.content_security_policy,
        )
