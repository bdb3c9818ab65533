"""Audit history: a document's or a commune's state at any past moment, rebuilt from its events.

Every event of the commune is read in position order (the chain's order); a document's events are
those whose payload names it (``document_id``) and those of the tasks created for it. Its state at
a moment is the fold of its events recorded up to then: each event's fields overwrite the earlier
ones, beside who did what (actor, time, event type, a readable summary of the change).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from oneoffice.eventcore.envelope import Envelope

from .history_errors import AsOfBeforeFirstEvent, CommuneHistoryNotFound, DocumentHistoryNotFound
from .history_texts import summary

# Identity fields every event repeats: not a change of the document's state.
_IDENTITY = frozenset({"commune_id", "document_id", "task_id"})


class CommuneEvents(Protocol):
    """The commune's events in position order (the documents store)."""

    def events_of(self, commune_id: str) -> AsyncIterator[Envelope]: ...


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    position: int
    recorded_at: datetime
    actor: str
    event_type: str
    summary_vi: str
    summary_en: str
    changes: dict[str, Any]


@dataclass(slots=True)
class DocumentHistory:
    document_id: str
    commune_id: str
    as_of: datetime | None
    entries: list[HistoryEntry] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    def apply(self, envelope: Envelope) -> None:
        changes = {k: v for k, v in envelope.payload.items() if k not in _IDENTITY}
        vi, en = summary(envelope.event_type, changes)
        self.entries.append(
            HistoryEntry(
                envelope.position, envelope.recorded_at, envelope.actor, envelope.event_type, vi, en, changes
            )
        )
        self.state.update(changes)
        self.state["last_event"] = envelope.event_type


def _concerns(envelope: Envelope, document_id: str, tasks: set[str]) -> bool:
    payload = envelope.payload
    if payload.get("document_id") == document_id:
        if "task_id" in payload:
            tasks.add(str(payload["task_id"]))
        return True
    return payload.get("task_id") in tasks


def _check_moment(as_of: datetime | None, first: datetime | None) -> None:
    if as_of is not None and first is not None and as_of < first:
        raise AsOfBeforeFirstEvent(as_of, first)


async def document_history(
    events: CommuneEvents, commune_id: str, document_id: str, as_of: datetime | None = None
) -> DocumentHistory:
    """The document's history up to ``as_of`` (None: now); raises when it has no event at all,
    or ``as_of`` is before its first event."""
    history = DocumentHistory(document_id, commune_id, as_of)
    tasks: set[str] = set()
    first: datetime | None = None
    async for envelope in events.events_of(commune_id):
        if not _concerns(envelope, document_id, tasks):
            continue
        first = first or envelope.recorded_at
        if as_of is None or envelope.recorded_at <= as_of:
            history.apply(envelope)
    if first is None:
        raise DocumentHistoryNotFound(document_id)
    _check_moment(as_of, first)
    return history


# One answer of the commune's state folds at most this many documents: a big commune's whole
# register is read page by page, never built in one response.
DEFAULT_PAGE = 50
MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class CommunePage:
    """One page of the commune's documents at ``as_of`` (in the order of their first event)."""

    commune_id: str
    as_of: datetime
    documents: list[DocumentHistory]
    total: int
    offset: int
    limit: int


async def commune_as_of_page(
    events: CommuneEvents, commune_id: str, as_of: datetime, *, offset: int = 0, limit: int = 0
) -> CommunePage:
    """The documents ``offset`` to ``offset + limit`` of the commune as they stood at ``as_of``
    (``limit`` 0: DEFAULT_PAGE, capped at MAX_PAGE), beside how many it had then. Only the page's
    documents are folded; the others are counted."""
    offset = max(offset, 0)
    limit = min(limit, MAX_PAGE) if limit > 0 else DEFAULT_PAGE
    documents, total = await _fold(events, commune_id, as_of, range(offset, offset + limit))
    return CommunePage(commune_id, as_of, documents, total, offset, limit)


async def commune_as_of(events: CommuneEvents, commune_id: str, as_of: datetime) -> list[DocumentHistory]:
    """Every document of the commune as it stood at ``as_of`` (documents first seen later are left out)."""
    documents, _ = await _fold(events, commune_id, as_of, None)
    return documents


async def _fold(
    events: CommuneEvents, commune_id: str, as_of: datetime, window: range | None
) -> tuple[list[DocumentHistory], int]:
    """The documents whose rank (order of first event) is in ``window`` (None: all), and their count."""
    ranks: dict[str, int] = {}
    documents: dict[str, DocumentHistory] = {}
    task_documents: dict[str, str] = {}
    first: datetime | None = None
    async for envelope in events.events_of(commune_id):
        first = first or envelope.recorded_at
        if envelope.recorded_at > as_of:
            continue
        document_id = _document_of(envelope.payload, task_documents)
        if document_id is None:
            continue
        rank = ranks.setdefault(document_id, len(ranks))
        if window is None or rank in window:
            documents.setdefault(document_id, DocumentHistory(document_id, commune_id, as_of)).apply(envelope)
    if first is None:
        raise CommuneHistoryNotFound(commune_id)
    _check_moment(as_of, first)
    return sorted(documents.values(), key=lambda d: ranks[d.document_id]), len(ranks)


def _document_of(payload: dict[str, Any], task_documents: dict[str, str]) -> str | None:
    document_id = payload.get("document_id")
    task_id = payload.get("task_id")
    if document_id:
        if task_id:
            task_documents[str(task_id)] = str(document_id)
        return str(document_id)
    return task_documents.get(str(task_id)) if task_id else None
