"""A commune as of a past moment through the documents service's real gRPC DocumentHistoryService
(on SQLite, as the embedded mode runs it): the documents registered by then, one bounded page at a
time, for the auditor; a moment that is missing or before the first event, a commune without any
event and a caller without history:read are refused."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest

from oneoffice.contracts.grpc.documents.v1 import history_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import history_pb2_grpc as pb_grpc
from tests.caller import clerk, identity_metadata

from .conftest import COMMUNE, StartDocuments, register_request

pytestmark = pytest.mark.integration


def auditor() -> tuple[tuple[str, str], ...]:  # signed at call time
    return identity_metadata("kiemtoan", ["auditor"], [])


async def _refusal(call: object) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call  # type: ignore[misc]
    codes = dict(refused.value.trailing_metadata() or ())
    return refused.value.code(), str(codes.get("error-code", ""))


async def test_the_auditor_reads_the_commune_as_it_stood_page_by_page(
    start_documents: StartDocuments, tmp_path: Path
) -> None:
    documents = await start_documents(database_url=f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}")
    first = await documents.stub.RegisterIncomingDocument(register_request("a", number_symbol="1/TB-UBND"))
    second = await documents.stub.RegisterIncomingDocument(register_request("b", number_symbol="2/TB-UBND"))
    history = pb_grpc.DocumentHistoryServiceStub(documents.channel)  # type: ignore[no-untyped-call]
    registered = await history.GetDocumentHistory(
        pb.GetDocumentHistoryRequest(commune_id=COMMUNE, document_id=first.document_id), metadata=auditor()
    )
    at_first = registered.entries[0].recorded_at

    def ask(as_of: str, **paging: int) -> pb.GetCommuneAsOfRequest:
        return pb.GetCommuneAsOfRequest(commune_id=COMMUNE, as_of=as_of, **paging)

    then = await history.GetCommuneAsOf(ask(at_first), metadata=auditor())
    now = await history.GetCommuneAsOf(ask("2999-01-01T00:00:00Z"), metadata=auditor())
    second_page = await history.GetCommuneAsOf(ask("2999-01-01", offset=1, limit=1), metadata=auditor())
    capped = await history.GetCommuneAsOf(ask("2999-01-01", limit=100_000), metadata=auditor())

    assert [d.document_id for d in then.documents] == [first.document_id] and then.total == 1
    assert [d.document_id for d in now.documents] == [first.document_id, second.document_id]
    assert '"number_symbol": "2/TB-UBND"' in now.documents[1].state_json
    assert now.documents[0].entries[0].actor == "vanthu-16876"
    assert [d.document_id for d in second_page.documents] == [second.document_id]
    assert (second_page.total, second_page.offset, second_page.limit) == (2, 1, 1)
    assert capped.limit == 200

    assert await _refusal(history.GetCommuneAsOf(ask(""), metadata=auditor())) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "malformed_time",
    )
    assert await _refusal(history.GetCommuneAsOf(ask("2000-01-01T00:00:00Z"), metadata=auditor())) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "as_of_before_first_event",
    )
    nothing = pb.GetCommuneAsOfRequest(commune_id="16882", as_of="2999-01-01")
    assert await _refusal(history.GetCommuneAsOf(nothing, metadata=auditor())) == (
        grpc.StatusCode.NOT_FOUND,
        "commune_not_found",
    )
    refused, _ = await _refusal(history.GetCommuneAsOf(ask(at_first), metadata=clerk(COMMUNE)))
    assert refused == grpc.StatusCode.PERMISSION_DENIED
