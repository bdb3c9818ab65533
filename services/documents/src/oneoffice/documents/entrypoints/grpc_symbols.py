"""The ``oneoffice.documents.v1.DocumentSymbolService`` servicer: reads a number and symbol.

Any authenticated caller may ask (the interceptor checked the identity); the answer depends only on
the text and the configured type abbreviations.
"""

from __future__ import annotations

from typing import Any

from oneoffice.contracts.grpc.documents.v1 import symbols_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import symbols_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import caller

from ..domain.document_symbols import ParsedSymbol, parse_symbol
from ..domain.errors import TextTooLong
from ..domain.symbol_types import SymbolTypes
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["DocumentSymbolService"].full_name
# Far above any real symbol (the register keeps 50 characters); bounds the work of one request.
MAX_TEXT = 200


def parsed_message(parsed: ParsedSymbol) -> pb.ParsedSymbol:
    message = pb.ParsedSymbol(
        recognised=parsed.recognised,
        text=parsed.text,
        warnings=[
            pb.SymbolWarning(code=w.code, message_vi=w.message_vi, message_en=w.message_en)
            for w in parsed.warnings
        ],
    )
    parts = parsed.parts
    if parts is not None:
        message.family = parts.family.value
        message.number = parts.number
        message.issuer = parts.issuer
        if parts.year is not None:
            message.year = parts.year
        if parts.type is not None:
            message.type = parts.type
        if parts.unit is not None:
            message.unit = parts.unit
    return message


class DocumentSymbolServicer(pb_grpc.DocumentSymbolServiceServicer):
    def __init__(self, types: SymbolTypes) -> None:
        self._types = types

    async def ParseSymbol(  # the proto's method name
        self, request: pb.ParseSymbolRequest, context: Any
    ) -> pb.ParsedSymbol:
        caller()  # any authenticated caller, the gateway itself included (the interceptor checked)
        if len(request.text) > MAX_TEXT:
            await abort_with(context, TextTooLong("number_symbol", MAX_TEXT))
        return parsed_message(parse_symbol(request.text, self._types))
