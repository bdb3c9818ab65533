"""The incoming registers as the event store holds them: loaded for writing, saved with their answers.

Recently used registers stay in memory, so loading one reads only the events appended since it was
last seen (by any process: the store is the truth, the cache only saves re-reading the year). Within
the process, writers of one register take turns on a lock, so they never conflict with each other;
the store's optimistic version check still guards against other processes.

The store holds the contract's events; the registers fold and decide the domain's own
(:mod:`.contract_events` translates).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.errors import DuplicateRequest
from oneoffice.eventcore.events import EventRegistry

from ..domain.events import IncomingDocumentEntered
from ..domain.incoming_register import IncomingRegister
from ..domain.symbol_types import SymbolTypes
from ..domain.values import RegisterId
from .contract_events import from_contract, to_contract
from .ports import AppendListener, EventStorePort
from .registration import RegisterIncomingDocument, RegistrationAnswers, RegistrationResult, replay


class IncomingRegisters:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        *,
        on_appended: AppendListener | None = None,
        capacity: int = 256,
        symbol_types: SymbolTypes | None = None,
    ) -> None:
        self._store = store
        self._symbol_types = symbol_types
        self._registry = registry
        self._clock = clock
        self._on_appended = on_appended
        self._capacity = capacity
        self._cache: OrderedDict[str, IncomingRegister] = OrderedDict()
        # Weak: a lock lives while a writer holds or waits for it, and no longer.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    @asynccontextmanager
    async def writing(self, register_id: RegisterId) -> AsyncIterator[IncomingRegister]:
        """The register as the store holds it now, this process's only writer of it until exit."""
        lock = self._locks.get(register_id.stream_id)
        if lock is None:
            lock = self._locks[register_id.stream_id] = asyncio.Lock()
        async with lock:
            yield await self._load(register_id)

    async def save(
        self,
        register: IncomingRegister,
        entered: IncomingDocumentEntered,
        *,
        answer_for: RegisterIncomingDocument,
    ) -> RegistrationResult:
        """Append ``entered`` with the answer to ``answer_for`` in one step, and give that answer.

        Raises ``ConcurrencyConflict`` when another process wrote to the register since it was loaded
        (nothing is written). A request whose key was answered meanwhile gets that earlier answer.
        """
        answer = RegistrationResult.of(entered, registered_at=self._clock.now())
        register_id = register.register_id
        try:
            await self._store.append(
                register_id.stream_id,
                register_id.commune_id,
                [to_contract(entered)],
                expected_version=register.version,
                metadata=answer_for.metadata(entered.registered_by),
                idempotency=RegistrationAnswers.record(answer_for, answer),
                occurred_at=answer.registered_at,
            )
        except DuplicateRequest as duplicate:
            return replay(duplicate.result, answer_for)
        if self._on_appended is not None:
            self._on_appended()
        return answer

    async def _load(self, register_id: RegisterId) -> IncomingRegister:
        stream_id = register_id.stream_id
        # Taken out while loading: a load that fails leaves nothing cached, the next one reads again.
        register = self._cache.pop(stream_id, None) or IncomingRegister(register_id, self._symbol_types)
        for envelope in await self._store.read_stream(stream_id, after_version=register.version):
            if envelope.stream_version != register.version + 1:
                raise RuntimeError(
                    f"{stream_id}: version {envelope.stream_version} follows {register.version}"
                )
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            if not isinstance(event, IncomingDocumentRegistered):
                raise TypeError(f"{stream_id} holds an unexpected {envelope.event_type}")
            register.apply(from_contract(event))
        self._cache[stream_id] = register
        while len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return register
