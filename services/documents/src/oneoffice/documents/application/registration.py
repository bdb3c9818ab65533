"""The request to register a received document, its answer, and the answer kept for its replays.

A request names itself with an idempotency key; its answer is stored under that key in the same
append as its event (see :class:`~.incoming_registers.IncomingRegisters`), so a retried request gets
the first answer back, even if today's rules would judge differently.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from oneoffice.eventcore.append_plan import IdempotencyRecord
from oneoffice.eventcore.envelope import Metadata, canonical_json, timestamp_text
from oneoffice.eventcore.telemetry.tracing import inject_trace_context

from ..domain.events import IncomingDocumentEntered
from ..domain.incoming_document import IncomingDocumentInput
from .errors import IdempotencyKeyReused, InvalidIdempotencyKey
from .ports import EventStorePort

MAX_IDEMPOTENCY_KEY = 200  # the store's key column
_FINGERPRINT = "request_sha256"


def idempotency_scope(commune_id: str) -> str:
    return f"documents.register-incoming:{commune_id}"


@dataclass(frozen=True, slots=True)
class RegisterIncomingDocument:
    """Register one received document; the same ``idempotency_key`` always yields the same answer."""

    document: IncomingDocumentInput
    idempotency_key: str
    correlation_id: str

    @property
    def scope(self) -> str:
        return idempotency_scope(self.document.commune_id.strip())

    def fingerprint(self) -> str:
        """What the request asks for; a key reused for anything else is refused, not replayed."""
        fields = asdict(self.document)
        del fields["registered_by"]
        return hashlib.sha256(canonical_json(fields).encode()).hexdigest()

    def metadata(self, actor: str) -> Metadata:
        """The provenance of the events this request causes."""
        return Metadata(
            actor=actor,
            correlation_id=self.correlation_id or str(uuid.uuid4()),
            # The request that caused the event: its key names it across the client's retries.
            causation_id=self.idempotency_key or None,
            trace_context=inject_trace_context(),
        )


@dataclass(frozen=True, slots=True)
class RegistrationResult:
    document_id: str
    incoming_number: int
    year: int
    registered_at: datetime
    duplicate_of: str | None

    @classmethod
    def of(cls, entered: IncomingDocumentEntered, registered_at: datetime) -> RegistrationResult:
        return cls(
            entered.document_id, entered.incoming_number, entered.year, registered_at, entered.duplicate_of
        )

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


class RegistrationAnswers:
    """The answers given to keyed requests, as the store keeps them."""

    def __init__(self, store: EventStorePort) -> None:
        self._store = store

    async def find(self, cmd: RegisterIncomingDocument) -> RegistrationResult | None:
        """The answer already given to ``cmd``'s key, if any.

        Raises ``InvalidIdempotencyKey`` for a key the store cannot keep, ``IdempotencyKeyReused``
        when the key answered a different request.
        """
        if len(cmd.idempotency_key) > MAX_IDEMPOTENCY_KEY:
            raise InvalidIdempotencyKey(MAX_IDEMPOTENCY_KEY)
        if not cmd.idempotency_key:
            return None
        stored = await self._store.get_idempotency(cmd.scope, cmd.idempotency_key)
        return None if stored is None else replay(stored, cmd)

    @staticmethod
    def record(cmd: RegisterIncomingDocument, answer: RegistrationResult) -> IdempotencyRecord | None:
        """What to store with the events so that ``cmd``'s retries get ``answer`` (None: no key)."""
        if not cmd.idempotency_key:
            return None
        return IdempotencyRecord(cmd.scope, cmd.idempotency_key, answer.to_record(cmd.fingerprint()))


def replay(stored: dict[str, Any], cmd: RegisterIncomingDocument) -> RegistrationResult:
    """The stored answer, if it answered this very request; raises ``IdempotencyKeyReused`` if not."""
    if stored.get(_FINGERPRINT) != cmd.fingerprint():
        raise IdempotencyKeyReused()
    return RegistrationResult.from_record(stored)
