"""Use cases of outgoing documents (văn bản đi): draft, number, dispatch, recall.

Each reads load → decide → save, again when another writer moved the stream in between (bounded
retries). Numbering appends to the stream of the document's numbering sequence only, with the
version it was decided on: numbers are gapless and never reused, across processes too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.numbering_book import NumberRequest
from ..domain.outgoing_document import (
    OutgoingDraftInput,
    check_format,
    period_of,
    sequence_id,
    symbol_maker,
    validate_draft,
)
from ..domain.outgoing_errors import WrongRegister
from ..domain.outgoing_events import OutgoingDispatched, OutgoingDrafted, OutgoingNumbered, OutgoingRecalled
from ..domain.outgoing_rules import Confidentiality, OutgoingRules
from ..domain.outgoing_state import document_stream_id
from ..domain.values import office_day
from .errors import RegisterBusy
from .outgoing_errors import OutgoingDocumentNotFound
from .outgoing_streams import OutgoingStreams, metadata
from .ports import AppendListener, Clock, EventStorePort
from .unit_directory import UnitDirectory
from .unit_guard import require_unit

# Drafts retried with the same key get the same document: its id is derived from the key.
_DRAFT_IDS = uuid.UUID("5f0c4a52-7f55-4a43-9a53-0c7e1d7b7a01")


@dataclass(frozen=True, slots=True)
class DraftOutgoingDocument:
    draft: OutgoingDraftInput
    idempotency_key: str = ""
    correlation_id: str = ""


@dataclass(frozen=True, slots=True)
class NumberOutgoingDocument:
    commune_id: str
    document_id: str
    actor: str
    issued_on: date | None = None
    # Import of the paper register: the number the document was given (None: the next one).
    number: int | None = None
    # "public" or "confidential" when the caller names the register; empty: the document's own.
    register: str = ""
    correlation_id: str = ""


@dataclass(frozen=True, slots=True)
class DispatchOutgoingDocument:
    commune_id: str
    document_id: str
    actor: str
    recipients: tuple[str, ...]
    channel: str
    dispatched_on: date | None = None
    correlation_id: str = ""


@dataclass(frozen=True, slots=True)
class RecallOutgoingDocument:
    commune_id: str
    document_id: str
    actor: str
    reason: str
    correlation_id: str = ""


class OutgoingDocumentHandlers:
    def __init__(
        self,
        store: EventStorePort,
        clock: Clock,
        rules: OutgoingRules,
        registry: EventRegistry,
        *,
        units: UnitDirectory,
        on_appended: AppendListener | None = None,
        new_document_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        max_attempts: int = 8,
        retry_delay: float = 0.005,
    ) -> None:
        self.streams = OutgoingStreams(store, registry, on_appended=on_appended)
        self._clock = clock
        self._rules = rules
        self._units = units
        self._new_document_id = new_document_id
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay

    def _today(self) -> date:
        return office_day(self._clock.now())

    async def draft(self, cmd: DraftOutgoingDocument) -> OutgoingDrafted:
        """Raises ``InvalidOutgoingDocument`` naming every broken rule."""
        key = cmd.idempotency_key.strip()
        document_id = (
            str(uuid.uuid5(_DRAFT_IDS, f"{cmd.draft.commune_id}:{key}")) if key else self._new_document_id()
        )
        drafted = validate_draft(cmd.draft, self._rules, document_id)
        await require_unit(self._units, drafted.commune_id, self._today())
        stream = document_stream_id(drafted.commune_id, document_id)

        async def attempt() -> OutgoingDrafted:
            try:
                # The same key drafted it already: that draft is the answer.
                existing = await self.streams.document(drafted.commune_id, document_id)
            except OutgoingDocumentNotFound:
                pass
            else:
                assert existing.draft is not None
                return existing.draft
            # A conflict here is the same key's other request, or the commune's hash chain moving
            # under many writers: either way the next attempt decides again.
            await self.streams.append(
                stream,
                drafted.commune_id,
                drafted,
                expected_version=0,
                meta=metadata(drafted.drafted_by, cmd.correlation_id),
            )
            return drafted

        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=RegisterBusy
        )

    async def number(self, cmd: NumberOutgoingDocument) -> OutgoingNumbered:
        """Raises ``DocumentNotInFormat``, a rule violation (numbered already, number taken, date
        before the register's last, wrong register, no term), ``OutgoingDocumentNotFound`` or
        ``RegisterBusy``; nothing is appended then."""
        document = await self.streams.document(cmd.commune_id, cmd.document_id)
        draft = document.draft
        assert draft is not None
        confidential = Confidentiality(draft.confidentiality).confidential
        register = cmd.register.strip().lower()
        if register and register != ("confidential" if confidential else "public"):
            raise WrongRegister(confidential)
        check_format(draft, self._rules)
        today = self._today()
        issued_on = cmd.issued_on or today
        # The commune must exist on the day the number is issued (an import's earlier day included).
        await require_unit(self._units, draft.commune_id, issued_on)
        request = NumberRequest(
            document_id=draft.document_id,
            commune_id=draft.commune_id,
            body_code=draft.body_code,
            document_type=draft.document_type,
            period=period_of(draft, self._rules, issued_on),
            issued_on=issued_on,
            confidential=confidential,
            numbered_by=cmd.actor,
            explicit_number=cmd.number,
        )
        sequence = sequence_id(draft, self._rules)
        symbol = symbol_maker(draft, self._rules)

        async def attempt() -> OutgoingNumbered:
            async with self.streams.writing_book(sequence) as book:
                numbered = book.issue(request, today, symbol)
                await self.streams.append(
                    sequence,
                    draft.commune_id,
                    numbered,
                    expected_version=book.version,
                    meta=metadata(cmd.actor, cmd.correlation_id),
                )
                return numbered

        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=RegisterBusy
        )

    async def number_of(self, commune_id: str, document_id: str) -> OutgoingNumbered | None:
        document = await self.streams.document(commune_id, document_id)
        assert document.draft is not None
        book = await self.streams.book(sequence_id(document.draft, self._rules))
        return book.numbered.get(document_id)

    async def dispatch(self, cmd: DispatchOutgoingDocument) -> OutgoingDispatched:
        async def attempt() -> OutgoingDispatched:
            document = await self.streams.document(cmd.commune_id, cmd.document_id)
            number = await self.number_of(cmd.commune_id, cmd.document_id)
            today = self._today()
            sent = document.dispatch(
                number, cmd.recipients, cmd.dispatched_on or today, cmd.channel, today, cmd.actor
            )
            await self.streams.append(
                document.stream_id,
                cmd.commune_id,
                sent,
                expected_version=document.version,
                meta=metadata(cmd.actor, cmd.correlation_id),
            )
            return sent

        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=RegisterBusy
        )

    async def recall(self, cmd: RecallOutgoingDocument) -> OutgoingRecalled:
        async def attempt() -> OutgoingRecalled:
            document = await self.streams.document(cmd.commune_id, cmd.document_id)
            number = await self.number_of(cmd.commune_id, cmd.document_id)
            recalled = document.recall(number, cmd.reason, cmd.actor)
            await self.streams.append(
                document.stream_id,
                cmd.commune_id,
                recalled,
                expected_version=document.version,
                meta=metadata(cmd.actor, cmd.correlation_id),
            )
            return recalled

        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=RegisterBusy
        )
