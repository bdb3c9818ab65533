"""Symbols through the documents service's real gRPC on a real PostgreSQL: read on request, and
recorded with a registered document, whose read model gives the parts back.
"""

from __future__ import annotations

import grpc
import pytest

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import symbols_pb2 as symbols_pb
from oneoffice.contracts.grpc.documents.v1 import symbols_pb2_grpc as symbols_grpc

from .conftest import COMMUNE, RunningDocuments, eventually, register_request

pytestmark = pytest.mark.integration


def _stub(documents: RunningDocuments) -> symbols_grpc.DocumentSymbolServiceStub:
    return symbols_grpc.DocumentSymbolServiceStub(documents.channel)  # type: ignore[no-untyped-call]


async def test_a_party_symbol_is_read_into_its_parts(documents: RunningDocuments) -> None:
    parsed = await _stub(documents).ParseSymbol(symbols_pb.ParseSymbolRequest(text="Số 127-QĐ/TW"))

    assert (parsed.recognised, parsed.family, parsed.number, parsed.type, parsed.issuer) == (
        True,
        "party",
        127,
        "QĐ",
        "TW",
    )
    assert not parsed.HasField("year") and not parsed.HasField("unit")
    assert list(parsed.warnings) == []


async def test_an_unknown_shape_is_answered_with_a_warning_not_refused(documents: RunningDocuments) -> None:
    parsed = await _stub(documents).ParseSymbol(symbols_pb.ParseSymbolRequest(text="giấy mời họp"))

    assert not parsed.recognised and not parsed.HasField("number")
    assert [w.code for w in parsed.warnings] == ["unknown_shape"]
    assert parsed.text == "giấy mời họp"


async def test_an_over_long_text_is_refused_as_invalid(documents: RunningDocuments) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await _stub(documents).ParseSymbol(symbols_pb.ParseSymbolRequest(text="5/QĐ-" + "A" * 300))

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_a_registered_document_gives_back_the_parts_of_its_symbol(documents: RunningDocuments) -> None:
    registered = await documents.stub.RegisterIncomingDocument(
        register_request("sym-1", number_symbol="Số: 30/2020/NĐ–CP")
    )
    request = pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)

    found = await eventually(lambda: documents.stub.GetIncomingDocument(request))

    assert found.number_symbol == "Số: 30/2020/NĐ–CP"
    symbol = found.symbol
    assert (symbol.recognised, symbol.family, symbol.number, symbol.year, symbol.type, symbol.issuer) == (
        True,
        "state",
        30,
        2020,
        "NĐ",
        "CP",
    )
    assert not symbol.HasField("unit")


async def test_a_document_without_a_number_has_no_symbol(documents: RunningDocuments) -> None:
    registered = await documents.stub.RegisterIncomingDocument(
        register_request("sym-2", number_symbol="", document_type="THU_CONG")
    )
    request = pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)

    found = await eventually(lambda: documents.stub.GetIncomingDocument(request))

    assert not found.HasField("symbol")
