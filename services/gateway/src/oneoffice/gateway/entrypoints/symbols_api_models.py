"""Bodies of the document-symbols API; their field names are a public contract."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..application.symbols import DocumentSymbol, ParsedSymbol
from .text_fields import RequestBody

# Far above any real symbol; the documents service refuses longer text too.
MAX_SYMBOL_TEXT = 200


class ParseSymbolBody(RequestBody):
    """A number and symbol (số, ký hiệu) as printed or typed."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"text": "Số 127-QĐ/TW"}]})

    text: str = Field(max_length=MAX_SYMBOL_TEXT, description="E.g. 'Số: 05/QĐ-UBND' or 'Số 15-NQ/ĐU'.")


class DocumentSymbolOut(BaseModel):
    recognised: bool = Field(description="False: the shape is not known; the text is kept as written.")
    family: Literal["state", "party"] | None = Field(
        description="state: 05/QĐ-UBND (NĐ 30/2020); party: 15-NQ/ĐU (HD 36-HD/VPTW)."
    )
    number: int | None
    year: int | None = Field(description="Only in the symbols of legal normative documents (30/2020/NĐ-CP).")
    type: str | None = Field(description="Type abbreviation, e.g. QĐ; null in a State công văn (12/UBND-VP).")
    issuer: str | None = Field(description="Issuer abbreviation, e.g. UBND, ĐU, MTTW-BTT.")
    unit: str | None = Field(description="Drafting unit of a State công văn, e.g. VP.")

    @classmethod
    def of(cls, symbol: DocumentSymbol) -> DocumentSymbolOut:
        return cls.model_validate(symbol, from_attributes=True)


class SymbolWarningOut(BaseModel):
    code: str = Field(examples=["unknown_shape"])
    message_vi: str
    message_en: str


class ParsedSymbolOut(DocumentSymbolOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "recognised": True,
                    "family": "party",
                    "number": 127,
                    "year": None,
                    "type": "QĐ",
                    "issuer": "TW",
                    "unit": None,
                    "warnings": [],
                }
            ]
        }
    )

    warnings: list[SymbolWarningOut] = Field(
        description="What the clerk should check; a symbol is never refused for its shape."
    )

    @classmethod
    def of_parsed(cls, parsed: ParsedSymbol) -> ParsedSymbolOut:
        return cls(
            **DocumentSymbolOut.of(parsed.symbol).model_dump(),
            warnings=[SymbolWarningOut.model_validate(w, from_attributes=True) for w in parsed.warnings],
        )
