"""Outgoing documents and numbering books as the event store holds them: loaded, decided on, saved.

Books stay in memory (read again only from the version last seen, by any process: the store is the
truth); within a process, writers of one book take turns on a lock so they never conflict with each
other, and the store's expected-version check guards against other processes (replicas).
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from oneoffice.contracts.events import documents as contract
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain.numbering_book import NumberingBook
from ..domain.outgoing_events import OutgoingEvent, OutgoingNumbered
from ..domain.outgoing_state import OutgoingDocument, document_stream_id
from .outgoing_contract_events import from_contract, to_contract
from .outgoing_errors import OutgoingDocumentNotFound
from .ports import AppendListener, EventStorePort

# Events of other features kept on an outgoing document's own stream (its attachments).
_NOT_OUTGOING = frozenset({contract.AttachmentAdded.event_type})


def metadata(actor: str, correlation_id: str) -> Metadata:
    return Metadata(
        actor=actor,
        correlation_id=correlation_id or str(uuid.uuid4()),
        trace_context=inject_trace_context(),
    )


class OutgoingStreams:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        *,
        on_appended: AppendListener | None = None,
        capacity: int = 256,
    ) -> None:
        self._store = store
        self._registry = registry
        self._on_appended = on_appended
        self._capacity = capacity
        self._books: OrderedDict[str, NumberingBook] = OrderedDict()
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def _events(self, stream_id: str, after: int) -> list[OutgoingEvent]:
        found = []
        for envelope in await self._store.read_stream(stream_id, after_version=after):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            found.append(from_contract(event))
        return found

    async def document(self, commune_id: str, document_id: str) -> OutgoingDocument:
        """The document's own stream folded; raises :class:`OutgoingDocumentNotFound`."""
        document = OutgoingDocument(document_stream_id(commune_id, document_id))
        for envelope in await self._store.read_stream(document.stream_id):
            if envelope.event_type in _NOT_OUTGOING:
                # Files attached share the stream: not the document's state, but its version.
                document.version = envelope.stream_version
                continue
            decoded = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            event = from_contract(decoded)
            if isinstance(event, OutgoingNumbered):
                raise TypeError(f"{document.stream_id} holds a number event")
            document.apply(event)
            document.version = envelope.stream_version
        if document.draft is None:
            raise OutgoingDocumentNotFound(commune_id, document_id)
        return document

    @asynccontextmanager
    async def writing_book(self, sequence_id: str) -> AsyncIterator[NumberingBook]:
        """The book as the store holds it now, this process's only writer of it until exit."""
        lock = self._locks.get(sequence_id)
        if lock is None:
            lock = self._locks[sequence_id] = asyncio.Lock()
        async with lock:
            yield await self.book(sequence_id)

    async def book(self, sequence_id: str) -> NumberingBook:
        # Taken out while loading: a load that fails leaves nothing cached.
        book = self._books.pop(sequence_id, None) or NumberingBook(sequence_id)
        for event in await self._events(sequence_id, book.version):
            if not isinstance(event, OutgoingNumbered):
                raise TypeError(f"{sequence_id} holds an unexpected {type(event).__name__}")
            book.apply(event)
        self._books[sequence_id] = book
        while len(self._books) > self._capacity:
            self._books.popitem(last=False)
        return book

    async def append(
        self, stream_id: str, commune_id: str, event: OutgoingEvent, *, expected_version: int, meta: Metadata
    ) -> None:
        """Raises ``ConcurrencyConflict`` when the stream moved since it was read (nothing written)."""
        await self._store.append(
            stream_id, commune_id, [to_contract(event)], expected_version=expected_version, metadata=meta
        )
        if self._on_appended is not None:
            self._on_appended()
