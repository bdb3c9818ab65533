"""Use case: register a received document in its body's incoming register (văn bản đến)."""

from __future__ import annotations

import asyncio
import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from oneoffice.eventcore.append_plan import IdempotencyRecord
from oneoffice.eventcore.envelope import Metadata, canonical_json, timestamp_text
from oneoffice.eventcore.errors import ConcurrencyConflict, DuplicateRequest
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain.catalogue import ReferenceCatalogue
from ..domain.incoming_document import IncomingDocumentInput, validate_incoming_document
from ..domain.values import office_day
from .errors import IdempotencyKeyReused, InvalidIdempotencyKey, RegisterBusy
from .incoming_registers import IncomingRegisters
from .ports import AppendListener, Clock, EventStorePort

MAX_IDEMPOTENCY_KEY = 200  # the store's key column
_FINGERPRINT = "request_sha256"


@dataclass(frozen=True, slots=True)
class RegisterIncomingDocument:
    """Register one received document; the same ``idempotency_key`` always yields the same answer."""

    commune_id: str
    body_code: str
    issuer: str
    number_symbol: str
    document_date: str
    document_type: str
    summary: str
    urgency: str
    received_date: str
    actor: str
    idempotency_key: str
    correlation_id: str

    def document(self) -> IncomingDocumentInput:
        return IncomingDocumentInput(
            commune_id=self.commune_id,
            body_code=self.body_code,
            issuer=self.issuer,
            number_symbol=self.number_symbol,
            document_date=self.document_date,
            document_type=self.document_type,
            summary=self.summary,
            urgency=self.urgency,
            received_date=self.received_date,
            registered_by=self.actor,
        )

    def fingerprint(self) -> str:
        """What the request asks for; a key reused for anything else is refused, not replayed."""
        fields = asdict(self.document())
        del fields["registered_by"]
        return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class RegistrationResult:
    document_id: str
    incoming_number: int
    year: int
    registered_at: datetime
    duplicate_of: str | None

    def to_record(self, fingerprint: str) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "incoming_number": self.incoming_number,
            "year": self.year,
            "registered_at": timestamp_text(self.registered_at),
            "duplicate_of": self.duplicate_of,
            _FINGERPRINT: fingerprint,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> RegistrationResult:
        return cls(
            document_id=record["document_id"],
            incoming_number=record["incoming_number"],
            year=record["year"],
            registered_at=datetime.fromisoformat(record["registered_at"]),
            duplicate_of=record["duplicate_of"],
        )


def idempotency_scope(commune_id: str) -> str:
    return f"documents.register-incoming:{commune_id}"


class RegisterIncomingDocumentHandler:
    def __init__(
        self,
        store: EventStorePort,
        clock: Clock,
        catalogue: ReferenceCatalogue,
        registry: EventRegistry,
        *,
        on_appended: AppendListener | None = None,
        new_document_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        max_attempts: int = 5,
        retry_delay: float = 0.005,
    ) -> None:
        self._store = store
        self._clock = clock
        self._catalogue = catalogue
        self._registers = IncomingRegisters(store, registry)
        self._on_appended = on_appended
        self._new_document_id = new_document_id
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay

    async def __call__(self, command: RegisterIncomingDocument) -> RegistrationResult:
        """Raises ``InvalidIncomingDocument``, ``IdempotencyKeyReused`` or ``RegisterBusy``."""
        key = command.idempotency_key
        if len(key) > MAX_IDEMPOTENCY_KEY:
            raise InvalidIdempotencyKey(MAX_IDEMPOTENCY_KEY)
        fingerprint = command.fingerprint()
        scope = idempotency_scope(command.commune_id.strip())
        # Answered before? Then the first answer stands, even if today's rules would judge differently.
        if key and (stored := await self._store.get_idempotency(scope, key)) is not None:
            return _replay(stored, fingerprint)
        details = validate_incoming_document(
            command.document(), self._catalogue, office_day(self._clock.now())
        )
        register_id = details.register_id
        document_id = self._new_document_id()
        metadata = Metadata(
            actor=details.registered_by,
            correlation_id=command.correlation_id or str(uuid.uuid4()),
            # The request that caused the event: its key names it across the client's retries.
            causation_id=key or None,
            trace_context=inject_trace_context(),
        )
        async with self._registers.lock(register_id):
            for attempt in range(1, self._max_attempts + 1):
                register = await self._registers.load(register_id)
                event = register.register(details, document_id)
                registered_at = self._clock.now()
                result = RegistrationResult(
                    document_id, event.incoming_number, event.year, registered_at, event.duplicate_of
                )
                try:
                    await self._store.append(
                        register_id.stream_id,
                        details.commune_id,
                        [event],
                        expected_version=register.version,
                        metadata=metadata,
                        idempotency=IdempotencyRecord(scope, key, result.to_record(fingerprint))
                        if key
                        else None,
                        occurred_at=registered_at,
                    )
                except ConcurrencyConflict:
                    # Another process registered in this register meanwhile: reload and decide again.
                    if attempt < self._max_attempts:
                        await asyncio.sleep(random.uniform(0, self._retry_delay * attempt))
                    continue
                except DuplicateRequest as duplicate:
                    return _replay(duplicate.result, fingerprint)
                if self._on_appended is not None:
                    self._on_appended()
                return result
        raise RegisterBusy(register_id.stream_id, self._max_attempts)


def _replay(record: dict[str, Any], fingerprint: str) -> RegistrationResult:
    if record.get(_FINGERPRINT) != fingerprint:
        raise IdempotencyKeyReused()
    return RegistrationResult.from_record(record)
