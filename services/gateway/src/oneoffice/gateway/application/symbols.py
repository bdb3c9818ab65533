"""What the gateway needs of the documents service's symbol reading, as a port."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # ports names DocumentSymbol in its documents
    from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class SymbolWarning:
    code: str
    message_vi: str
    message_en: str


@dataclass(frozen=True, slots=True)
class DocumentSymbol:
    """The parts of a number and symbol (số, ký hiệu); all None when the shape was not recognised."""

    recognised: bool
    family: str | None = None
    number: int | None = None
    year: int | None = None
    type: str | None = None
    issuer: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedSymbol:
    """A symbol as the service read it: its parts, what it warns of, and the text as read."""

    symbol: DocumentSymbol
    warnings: tuple[SymbolWarning, ...]
    text: str


class SymbolsPort(Protocol):
    async def parse_symbol(self, text: str, context: RequestContext) -> ParsedSymbol:
        """Never refuses a text for its shape; raises ``InvalidRequest`` for an over-long one."""
        ...
