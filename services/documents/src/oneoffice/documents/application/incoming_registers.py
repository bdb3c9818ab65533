"""Loading incoming registers from the event store, one writer per register in this process.

Recently used registers stay in memory, so loading one reads only the events appended since it was
last seen (by any process: the store is the truth, the cache only saves re-reading the year). Within
the process, registrations of one register take turns on a lock, so they never conflict with each
other; the store's optimistic version check still guards against other processes.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import OrderedDict

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.events import EventRegistry

from ..domain.incoming_register import IncomingRegister
from ..domain.values import RegisterId
from .ports import EventStorePort


class IncomingRegisters:
    def __init__(self, store: EventStorePort, registry: EventRegistry, *, capacity: int = 256) -> None:
        self._store = store
        self._registry = registry
        self._capacity = capacity
        self._cache: OrderedDict[str, IncomingRegister] = OrderedDict()
        # Weak: a lock lives while a registration holds or waits for it, and no longer.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def lock(self, register_id: RegisterId) -> asyncio.Lock:
        """Held while a registration loads, decides and appends to ``register_id``."""
        lock = self._locks.get(register_id.stream_id)
        if lock is None:
            lock = self._locks[register_id.stream_id] = asyncio.Lock()
        return lock

    async def load(self, register_id: RegisterId) -> IncomingRegister:
        """The register as the store holds it now (call with :meth:`lock` held)."""
        stream_id = register_id.stream_id
        # Taken out while loading: a load that fails leaves nothing cached, the next one reads again.
        register = self._cache.pop(stream_id, None) or IncomingRegister(register_id)
        for envelope in await self._store.read_stream(stream_id, after_version=register.version):
            if envelope.stream_version != register.version + 1:
                raise RuntimeError(
                    f"{stream_id}: version {envelope.stream_version} follows {register.version}"
                )
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            if not isinstance(event, IncomingDocumentRegistered):
                raise TypeError(f"{stream_id} holds an unexpected {envelope.event_type}")
            register.apply(event)
        self._cache[stream_id] = register
        while len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return register
