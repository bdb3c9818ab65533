"""JSON API of document symbols: read a number and symbol of either family into its parts."""

from __future__ import annotations

from fastapi import APIRouter

from .access import SignedIn
from .deps import SymbolsDep
from .problems import PROBLEM_MEDIA_TYPE, Problem
from .symbols_api_models import ParsedSymbolOut, ParseSymbolBody

router = APIRouter(prefix="/api/v1/document-symbols", tags=["document symbols"])
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}


@router.post(
    "/parse",
    response_model=ParsedSymbolOut,
    responses={
        422: {"description": "Not a text the API takes (too long, forbidden characters)", **_PROBLEM},
        503: {"description": "The documents service is not answering", **_PROBLEM},
    },
)
async def parse_document_symbol(
    body: ParseSymbolBody, symbols: SymbolsDep, context: SignedIn
) -> ParsedSymbolOut:
    """Read a số, ký hiệu (State 05/QĐ-UBND or Party 15-NQ/ĐU) into its parts; never refused for its shape."""
    return ParsedSymbolOut.of_parsed(await symbols.parse_symbol(body.text, context))
