"""The commune's events for the audit history, read from the documents store in chain order."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from oneoffice.eventcore.chain import ChainRecord
from oneoffice.eventcore.envelope import Envelope, decode


class _Chains(Protocol):
    def iter_chain(self, commune_id: str, page_size: int = 1000) -> AsyncIterator[ChainRecord]: ...


class StoreCommuneEvents:
    def __init__(self, store: _Chains) -> None:
        self._store = store

    async def events_of(self, commune_id: str) -> AsyncIterator[Envelope]:
        async for record in self._store.iter_chain(commune_id):
            yield decode((record.position, record.data))
