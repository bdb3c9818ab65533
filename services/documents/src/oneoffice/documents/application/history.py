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

from .history_errors import AsOfBeforeFirstEvent, DocumentHistoryNotFound
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


async def commune_as_of(events: CommuneEvents, commune_id: str, as_of: datetime) -> list[DocumentHistory]:
    """Every document of the commune as it stood at ``as_of`` (documents first seen later are left out)."""
    documents: dict[str, DocumentHistory] = {}
    task_documents: dict[str, str] = {}
    first: datetime | None = None
    async for envelope in events.events_of(commune_id):
        first = first or envelope.recorded_at
        if envelope.recorded_at > as_of:
            continue
        document_id = _document_of(envelope.payload, task_documents)
        if document_id is not None:
            documents.setdefault(document_id, DocumentHistory(document_id, commune_id, as_of)).apply(envelope)
    if first is None:
        raise DocumentHistoryNotFound("*")
    _check_moment(as_of, first)
    return sorted(documents.values(), key=lambda d: d.entries[0].position)


def _document_of(payload: dict[str, Any], task_documents: dict[str, str]) -> str | None:
    document_id = payload.get("document_id")
    task_id = payload.get("task_id")
    if document_id:
        if task_id:
            task_documents[str(task_id)] = str(document_id)
        return str(document_id)
    return task_documents.get(str(task_id)) if task_id else None
