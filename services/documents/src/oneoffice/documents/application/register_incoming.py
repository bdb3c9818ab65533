"""Use case: register a received document in its body's incoming register (văn bản đến).

It reads load → decide → save: answer a replayed request; check the input; then load the register,
let it decide, and save the event with the request's answer, again when another process wrote to
the register in between.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.catalogue import ReferenceCatalogue
from ..domain.incoming_document import IncomingDocumentDetails, validate_incoming_document
from ..domain.symbol_types import SymbolTypes
from ..domain.values import office_day
from .errors import RegisterBusy
from .incoming_registers import IncomingRegisters
from .ports import AppendListener, Clock, EventStorePort
from .registration import (
    RegisterIncomingDocument,
    RegistrationAnswers,
    RegistrationResult,
    idempotency_scope,
)
from .unit_directory import UnitDirectory
from .unit_guard import require_unit

__all__ = [
    "RegisterIncomingDocument",
    "RegisterIncomingDocumentHandler",
    "RegistrationResult",
    "idempotency_scope",
]


class RegisterIncomingDocumentHandler:
    def __init__(
        self,
        store: EventStorePort,
        clock: Clock,
        catalogue: ReferenceCatalogue,
        registry: EventRegistry,
        *,
        units: UnitDirectory,
        on_appended: AppendListener | None = None,
        new_document_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        max_attempts: int = 5,
        retry_delay: float = 0.005,
        symbol_types: SymbolTypes | None = None,
    ) -> None:
        self._answers = RegistrationAnswers(store)
        self._registers = IncomingRegisters(
            store, registry, clock, on_appended=on_appended, symbol_types=symbol_types
        )
        self._clock = clock
        self._catalogue = catalogue
        self._units = units
        self._new_document_id = new_document_id
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay

    async def __call__(self, cmd: RegisterIncomingDocument) -> RegistrationResult:
        """Raises ``InvalidIncomingDocument``, ``UnitRefused``, ``IdempotencyKeyReused`` or
        ``RegisterBusy``."""
        if (earlier := await self._answers.find(cmd)) is not None:
            return earlier
        today = office_day(self._clock.now())
        details = validate_incoming_document(cmd.document, self._catalogue, today)
        await require_unit(self._units, details.commune_id, today)
        document_id = self._new_document_id()
        return await retry_on_conflict(
            lambda: self._enter(details, document_id, cmd),
            attempts=self._max_attempts,
            delay=self._retry_delay,
            give_up=RegisterBusy,
        )

    async def _enter(
        self, details: IncomingDocumentDetails, document_id: str, cmd: RegisterIncomingDocument
    ) -> RegistrationResult:
        async with self._registers.writing(details.register_id) as register:
            entered = register.enter(details, document_id)
            return await self._registers.save(register, entered, answer_for=cmd)
