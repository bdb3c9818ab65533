"""A document's (or a commune's) audit history as the routes and pages need it: the port (gRPC adapter,
fakes in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    position: int
    recorded_at: datetime
    actor: str
    event_type: str
    summary_vi: str
    summary_en: str
    changes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DocumentHistory:
    commune_id: str
    document_id: str
    as_of: datetime | None
    entries: tuple[HistoryEntry, ...]
    state: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CommuneAsOf:
    """One page of a commune's documents as they stood at ``as_of`` (in the order of their first event)."""

    commune_id: str
    as_of: datetime
    documents: tuple[DocumentHistory, ...]
    total: int
    offset: int
    limit: int


class HistoryPort(Protocol):
    async def document(
        self, commune_id: str, document_id: str, as_of: datetime | None, context: RequestContext
    ) -> DocumentHistory:
        """Who did what to the document, and its state, up to ``as_of`` (None: now)."""
        ...

    async def commune(
        self, commune_id: str, as_of: datetime, offset: int, limit: int, context: RequestContext
    ) -> CommuneAsOf:
        """The commune's documents ``offset`` to ``offset + limit`` as they stood at ``as_of``."""
        ...
