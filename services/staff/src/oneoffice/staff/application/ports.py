"""What the account use cases need from the outside world, as protocols.

``EventStorePort`` is the part of :class:`oneoffice.eventcore.store.EventStore` they use (unit tests
give them eventcore's ``InMemoryEventStore``); ``PasswordHasher`` is argon2 through pwdlib in
:mod:`..adapters.passwords`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.envelope import Envelope, Metadata, StoredEvent
from oneoffice.eventcore.events import DomainEvent

__all__ = ["Clock", "EventStorePort", "PasswordHasher"]


class EventStorePort(Protocol):
    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]: ...

    async def append(
        self,
        stream_id: str,
        commune_id: str,
        new_events: Sequence[DomainEvent],
        *,
        expected_version: int | None,
        metadata: Metadata,
        occurred_at: datetime | None = None,
    ) -> list[StoredEvent]:
        """Raises ``ConcurrencyConflict``; nothing is written then."""
        ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password: str, password_hash: str) -> bool: ...

    def dummy_verify(self) -> None:
        """Spend the time of one verification (an unknown username answers no faster)."""
