"""A hand-written fake of the gateway's :class:`SymbolsPort`: canned readings by text."""

from __future__ import annotations

from dataclasses import dataclass, field

from oneoffice.gateway.application.errors import ServiceError
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.application.symbols import DocumentSymbol, ParsedSymbol, SymbolWarning

UNKNOWN_SHAPE = SymbolWarning(
    "unknown_shape",
    "Không nhận dạng được số, ký hiệu; giữ nguyên như đã nhập.",
    "Unknown shape; kept as written.",
)
READINGS: dict[str, ParsedSymbol] = {
    "Số 127-QĐ/TW": ParsedSymbol(
        DocumentSymbol(True, "party", 127, None, "QĐ", "TW", None), (), "Số 127-QĐ/TW"
    ),
    "Số: 12/UBND-VP": ParsedSymbol(
        DocumentSymbol(True, "state", 12, None, None, "UBND", "VP"), (), "Số: 12/UBND-VP"
    ),
}


@dataclass
class FakeSymbols:
    """Answers :data:`READINGS`; any other text is of unknown shape (never refused)."""

    calls: list[tuple[str, RequestContext]] = field(default_factory=list)
    fail_with: list[ServiceError] = field(default_factory=list)

    async def parse_symbol(self, text: str, context: RequestContext) -> ParsedSymbol:
        self.calls.append((text, context))
        if self.fail_with:
            raise self.fail_with.pop(0)
        return READINGS.get(text) or ParsedSymbol(DocumentSymbol(False), (UNKNOWN_SHAPE,), text)
