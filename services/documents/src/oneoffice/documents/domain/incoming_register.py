"""The incoming register (sổ đăng ký văn bản đến) of one body of one commune for one year.

Its history is the stream of :class:`IncomingDocumentEntered` events. Entering a document gives the
next incoming number (số đến), consecutive from 1 within the year (Điều 22 NĐ 30/2020). A document
whose issuer and number/symbol are already in the register is flagged as a likely duplicate and still
entered (Phụ lục VI asks software to warn, not to refuse: the office decides).
"""

from __future__ import annotations

from .events import IncomingDocumentEntered
from .incoming_document import IncomingDocumentDetails
from .values import Issuer, NumberSymbol, RegisterId


class IncomingRegister:
    """The state the register's decisions need, rebuilt from its events with :meth:`apply`."""

    def __init__(self, register_id: RegisterId) -> None:
        self.register_id = register_id
        self.version = 0
        self.last_number = 0
        self._first_with_key: dict[tuple[str, str], str] = {}

    def apply(self, event: IncomingDocumentEntered) -> None:
        """Take one recorded event into the state (events of the register, in stream order)."""
        self.version += 1
        self.last_number = max(self.last_number, event.incoming_number)
        key = _duplicate_key(event.issuer, event.number_symbol)
        if key is not None:
            self._first_with_key.setdefault(key, event.document_id)

    def duplicate_of(self, issuer: str, number_symbol: str) -> str | None:
        """The first document entered with this issuer and number/symbol, if any."""
        key = _duplicate_key(issuer, number_symbol)
        return None if key is None else self._first_with_key.get(key)

    def enter(self, details: IncomingDocumentDetails, document_id: str) -> IncomingDocumentEntered:
        """Decide the entry of ``details`` as ``document_id`` (the state is left unchanged)."""
        if details.register_id != self.register_id:
            raise ValueError(f"{details.register_id} does not belong in register {self.register_id}")
        return IncomingDocumentEntered(
            document_id=document_id,
            commune_id=details.commune_id,
            body_code=details.body_code,
            incoming_number=self.last_number + 1,
            year=self.register_id.year,
            issuer=details.issuer,
            number_symbol=details.number_symbol,
            document_date=details.document_date,
            document_type=details.document_type,
            summary=details.summary,
            urgency=details.urgency,
            received_date=details.received_date,
            registered_by=details.registered_by,
            duplicate_of=self.duplicate_of(details.issuer, details.number_symbol),
        )


def _duplicate_key(issuer: str, number_symbol: str) -> tuple[str, str] | None:
    symbol = NumberSymbol(number_symbol).key
    return (Issuer(issuer).key, symbol) if symbol else None
