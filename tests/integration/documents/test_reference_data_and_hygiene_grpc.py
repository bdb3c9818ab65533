"""The documents service's real gRPC: its reference data, and text no edge accepts refused unstored."""

from __future__ import annotations

import json

import grpc
import pytest
import sqlalchemy as sa

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.documents.adapters.reference_data import load_catalogue
from oneoffice.eventcore.schema import events

from .conftest import RunningDocuments, register_request

pytestmark = pytest.mark.integration


async def _event_count(running: RunningDocuments) -> int:
    async with running.container.engine.connect() as conn:
        return int((await conn.execute(sa.select(sa.func.count()).select_from(events))).scalar_one())


async def test_reference_data_is_the_services_tables_in_their_order(documents: RunningDocuments) -> None:
    answer = await documents.stub.ListReferenceData(pb.ListReferenceDataRequest())

    tables = load_catalogue()
    assert [b.code for b in answer.bodies] == list(tables.bodies)
    assert [t.code for t in answer.document_types] == list(tables.document_types)
    ubnd = next(b for b in answer.bodies if b.code == "UBND")
    assert (ubnd.name_vi, ubnd.name_en, ubnd.family) == ("Ủy ban nhân dân", "People's Committee", "State")
    qd = next(t for t in answer.document_types if t.code == "QD")
    assert (qd.name_vi, qd.name_en, qd.abbr) == ("Quyết định", "Decision", "QĐ")


@pytest.mark.parametrize(
    ("field", "value", "code_point"),
    [("issuer", "UBND tỉnh\x00 Nghệ An", "U+0000"), ("summary", "Về việc \u202egiao chỉ tiêu", "U+202E")],
    ids=["NUL-in-issuer", "RLO-in-summary"],
)
async def test_a_forbidden_character_is_invalid_argument_and_nothing_is_appended(
    documents: RunningDocuments, field: str, value: str, code_point: str
) -> None:
    before = await _event_count(documents)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await documents.stub.RegisterIncomingDocument(register_request("bad", **{field: value}))

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert refused.value.details().startswith(f"Trường «{field}» chứa ký tự không được phép")
    assert code_point in refused.value.details()
    trailers = refused.value.trailing_metadata()
    assert trailers["message-en"].startswith(f"Field '{field}' contains a character that is not allowed")
    [violation] = json.loads(trailers["field-violations-bin"])
    assert (violation["field"], violation["code"]) == (field, "forbidden_character")
    assert await _event_count(documents) == before
    # The key was not used up: the same request, corrected, registers.
    corrected = await documents.stub.RegisterIncomingDocument(register_request("bad"))
    assert corrected.incoming_number == 1
