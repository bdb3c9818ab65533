"""The domain's events as the contract publishes them, and back: the translation at the store's edge.

The store holds (and the relay publishes) the versioned contract events of
``oneoffice.contracts.events.documents``; the registers decide and fold the domain's own events.
"""

from __future__ import annotations

from dataclasses import asdict

from oneoffice.contracts.events.documents import DocumentSymbol, IncomingDocumentRegistered

from ..domain.document_symbols import Family, SymbolParts
from ..domain.events import IncomingDocumentEntered
from ..domain.incoming_symbol import RecordedSymbol, UnrecognisedSymbol
from ..domain.values import Urgency


def symbol_to_contract(symbol: RecordedSymbol | None) -> DocumentSymbol | None:
    if symbol is None:
        return None
    if isinstance(symbol, UnrecognisedSymbol):
        return DocumentSymbol(recognised=False)
    return DocumentSymbol(recognised=True, **{**asdict(symbol), "family": symbol.family.value})


def symbol_from_contract(symbol: DocumentSymbol | None) -> RecordedSymbol | None:
    if symbol is None:
        return None
    if not symbol.recognised or symbol.family is None or symbol.number is None or symbol.issuer is None:
        return UnrecognisedSymbol()
    return SymbolParts(
        family=Family(symbol.family),
        number=symbol.number,
        type=symbol.type,
        issuer=symbol.issuer,
        unit=symbol.unit,
        year=symbol.year,
    )


# Field for field the same record; the urgency changes type (the domain's enum, the contract's
# literal) and the symbol is translated on its own. A unit test checks the round trip, so a field
# added on one side only fails there.
def to_contract(event: IncomingDocumentEntered) -> IncomingDocumentRegistered:
    fields = {f: getattr(event, f) for f in IncomingDocumentEntered.__dataclass_fields__}
    return IncomingDocumentRegistered(
        **{**fields, "urgency": event.urgency.value, "symbol": symbol_to_contract(event.symbol)}
    )


def from_contract(event: IncomingDocumentRegistered) -> IncomingDocumentEntered:
    fields = {name: getattr(event, name) for name in IncomingDocumentRegistered.model_fields}
    return IncomingDocumentEntered(
        **{**fields, "urgency": Urgency(event.urgency), "symbol": symbol_from_contract(event.symbol)}
    )
