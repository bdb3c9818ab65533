"""The :class:`SymbolsPort` over ``oneoffice.documents.v1.DocumentSymbolService``."""

from __future__ import annotations

from typing import Any

import grpc

from oneoffice.contracts.grpc.documents.v1 import symbols_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import symbols_pb2_grpc as pb_grpc

from ..application.ports import RequestContext
from ..application.symbols import DocumentSymbol, ParsedSymbol, SymbolWarning
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "documents"
_PARTS = ("family", "number", "year", "type", "issuer", "unit")


def document_symbol(message: Any) -> DocumentSymbol:
    """The parts of a ``ParsedSymbol`` or a ``DocumentSymbol`` message (unset fields: None)."""
    parts = {name: getattr(message, name) if message.HasField(name) else None for name in _PARTS}
    return DocumentSymbol(recognised=message.recognised, **parts)


class GrpcSymbols:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def parse_symbol(self, text: str, context: RequestContext) -> ParsedSymbol:
        stub = pb_grpc.DocumentSymbolServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        try:
            parsed = await stub.ParseSymbol(
                pb.ParseSymbolRequest(text=text),
                timeout=self._timeout,
                metadata=self._channels.metadata(context),
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return ParsedSymbol(
            symbol=document_symbol(parsed),
            warnings=tuple(SymbolWarning(w.code, w.message_vi, w.message_en) for w in parsed.warnings),
            text=parsed.text,
        )
