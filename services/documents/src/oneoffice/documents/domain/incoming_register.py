"""The incoming register (sổ đăng ký văn bản đến) of one body of one commune for one year.

Its history is the stream of :class:`IncomingDocumentEntered` events. Entering a document gives the
next incoming number (số đến), consecutive from 1 within the year (Điều 22 NĐ 30/2020). A document
whose issuer and number/symbol are already in the register is flagged as a likely duplicate and still
entered (Phụ lục VI asks software to warn, not to refuse: the office decides). The number/symbol is
read into its parts (:mod:`.document_symbols`), recorded with the entry and compared by them
(:mod:`.incoming_symbol`).
"""

from __future__ import annotations

from .events import IncomingDocumentEntered
from .incoming_document import IncomingDocumentDetails
from .incoming_symbol import DuplicateKey, RecordedSymbol, duplicate_key, read_symbol
from .symbol_types import SymbolTypes
from .values import RegisterId


class IncomingRegister:
    """The state the register's decisions need, rebuilt from its events with :meth:`apply`."""

    def __init__(self, register_id: RegisterId, symbol_types: SymbolTypes | None = None) -> None:
        self.register_id = register_id
        self.version = 0
        self.last_number = 0
        # The type abbreviations symbols are read with (configured reference data).
        self._symbol_types = symbol_types or SymbolTypes()
        self._first_with_key: dict[DuplicateKey, str] = {}

    def apply(self, event: IncomingDocumentEntered) -> None:
        """Take one recorded event into the state (events of the register, in stream order)."""
        self.version += 1
        self.last_number = max(self.last_number, event.incoming_number)
        symbol = event.symbol
        if symbol is None and event.number_symbol.strip():  # entered before symbols were read
            symbol = self.read_symbol(event.number_symbol)
        key = duplicate_key(event.issuer, event.number_symbol, symbol, event.document_date)
        if key is not None:
            self._first_with_key.setdefault(key, event.document_id)

    def read_symbol(self, number_symbol: str) -> RecordedSymbol | None:
        return read_symbol(number_symbol, self._symbol_types)

    def duplicate_of(self, details: IncomingDocumentDetails, symbol: RecordedSymbol | None) -> str | None:
        """The first document entered that is the same document as ``details``, if any."""
        key = duplicate_key(details.issuer, details.number_symbol, symbol, details.document_date)
        return None if key is None else self._first_with_key.get(key)

    def enter(self, details: IncomingDocumentDetails, document_id: str) -> IncomingDocumentEntered:
        """Decide the entry of ``details`` as ``document_id`` (the state is left unchanged)."""
        if details.register_id != self.register_id:
            raise ValueError(f"{details.register_id} does not belong in register {self.register_id}")
        symbol = self.read_symbol(details.number_symbol)
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
            duplicate_of=self.duplicate_of(details, symbol),
            symbol=symbol,
        )
