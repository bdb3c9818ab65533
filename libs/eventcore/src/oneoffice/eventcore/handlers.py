"""The one interface every event consumer implements, whatever delivers the events.

Kafka subscriptions (distributed mode) and catch-up subscriptions on an event store (embedded mode)
both open a transaction on the consumer's database, call :meth:`EventHandler.handle` with a batch
of decoded events, store their checkpoint in that same transaction, and commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from .envelope import Envelope, StoredEvent


class EventHandler(Protocol):
    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        """Apply ``events`` (in order) using ``conn``; raise to reject the batch."""
        ...


class StoredEventHandler(EventHandler, Protocol):
    """A handler that can take the stored bytes as they are, decoding only what it needs.

    Set-based projections use it to hand a whole batch to the database in one statement.
    """

    async def handle_stored(self, conn: AsyncConnection, events: Sequence[StoredEvent]) -> None: ...


class PoisonEvent(Exception):
    """An event that can never be applied (malformed, unknown type, violates the read model)."""
