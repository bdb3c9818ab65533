"""Outgoing documents through the documents service's gRPC on a real PostgreSQL: concurrent clerks
and service instances numbering one register get each number once, without a gap; bad input is
refused with nothing appended; the read model shows the document and its register."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2_grpc as pb_grpc
from oneoffice.documents.domain.values import office_day
from oneoffice.eventcore.schema import events
from tests.caller import identity_metadata

from .conftest import COMMUNE, RunningDocuments, StartDocuments, eventually

pytestmark = pytest.mark.integration

SEQUENCE = f"outgoing-numbers:{COMMUNE}:UBND:public"
TODAY = office_day(datetime.now(UTC))


def _stub(running: RunningDocuments) -> pb_grpc.OutgoingDocumentServiceStub:
    return pb_grpc.OutgoingDocumentServiceStub(running.channel)


def draft_request(key: str, **changes: Any) -> pb.DraftOutgoingDocumentRequest:
    fields: dict[str, Any] = {
        "commune_id": COMMUNE,
        "body_code": "UBND",
        "document_type": "QD",
        "summary": "Về việc thành lập Tổ công tác chuyển đổi số",
        "signer_id": "p-1",
        "signer_name": "Lê Văn Hùng",
        "signer_title": "Chủ tịch",
        "authority": "TM.",
        "place_name": "Tương Dương",
        "recipients": ["Như Điều 3", "Lưu: VT, VP"],
        "urgency": "NORMAL",
        "confidentiality": "NONE",
        "idempotency_key": key,
    }
    fields.update(changes)
    return pb.DraftOutgoingDocumentRequest(**fields)


async def _drafts(running: RunningDocuments, count: int, prefix: str) -> list[str]:
    stub = _stub(running)
    drafted = await asyncio.gather(
        *(stub.DraftOutgoingDocument(draft_request(f"{prefix}{n}")) for n in range(count))
    )
    return [d.document_id for d in drafted]


def _number(document_id: str, **changes: Any) -> pb.NumberOutgoingDocumentRequest:
    return pb.NumberOutgoingDocumentRequest(commune_id=COMMUNE, document_id=document_id, **changes)


async def _versions(running: RunningDocuments, stream_id: str) -> list[int]:
    async with running.container.engine.connect() as conn:
        rows = await conn.execute(
            sa.select(events.c.stream_version)
            .where(events.c.stream_id == stream_id)
            .order_by(events.c.stream_version)
        )
        return [row[0] for row in rows]


async def test_fifty_concurrent_numberings_in_one_register_get_01_to_50_each_once(
    start_documents: StartDocuments, pg_url: str
) -> None:
    documents = await start_documents(database_url=pg_url)
    ids = await _drafts(documents, 50, "fifty-")
    stub = _stub(documents)

    answers = await asyncio.gather(*(stub.NumberOutgoingDocument(_number(i)) for i in ids))

    assert sorted(a.number for a in answers) == list(range(1, 51))
    assert sorted(a.number_symbol for a in answers) == [f"{n:02d}/QĐ-UBND" for n in range(1, 51)]
    assert {a.document_id for a in answers} == set(ids)
    assert await _versions(documents, SEQUENCE) == list(range(1, 51))


async def test_two_service_instances_on_one_database_number_01_to_50_each_once(
    start_documents: StartDocuments, pg_url: str
) -> None:
    # Each instance serialises its own writers; across instances they race and the loser retries.
    # Twenty-five requests per instance meet at most twenty-five conflicts: 26 attempts suffice.
    one = await start_documents(database_url=pg_url, max_register_attempts=26)
    two = await start_documents(database_url=pg_url, max_register_attempts=26)
    ids = await _drafts(one, 50, "two-")

    calls = [_stub(one if n % 2 else two).NumberOutgoingDocument(_number(i)) for n, i in enumerate(ids)]
    answers = await asyncio.gather(*calls)

    assert sorted(a.number for a in answers) == list(range(1, 51))
    assert await _versions(one, SEQUENCE) == list(range(1, 51))


async def test_a_numbered_document_shows_in_the_read_model_and_the_register(
    documents: RunningDocuments,
) -> None:
    stub = _stub(documents)
    drafted = await stub.DraftOutgoingDocument(draft_request("shown"))
    numbered = await stub.NumberOutgoingDocument(_number(drafted.document_id))
    get = pb.GetOutgoingDocumentRequest(commune_id=COMMUNE, document_id=drafted.document_id)

    async def numbered_view() -> pb.OutgoingDocument:
        found = await stub.GetOutgoingDocument(get)
        assert found.state == "NUMBERED"
        return found

    found = await eventually(numbered_view)
    assert (found.formatted, found.issued_on, found.body_name) == (
        "Số: 01/QĐ-UBND",
        TODAY.isoformat(),
        "Ủy ban nhân dân",
    )
    assert (numbered.number, numbered.formatted) == (1, "Số: 01/QĐ-UBND")
    assert [h.action for h in found.history] == ["DRAFTED", "NUMBERED"]
    listed = await stub.ListOutgoingDocuments(
        pb.ListOutgoingDocumentsRequest(commune_id=COMMUNE, body_code="UBND", year=TODAY.year)
    )
    assert [d.number_symbol for d in listed.documents] == ["01/QĐ-UBND"]


@pytest.mark.parametrize(
    ("first", "second", "code"),
    [
        ({}, {}, "already_numbered"),
        ({"number": 3, "issued_on": "2026-01-05"}, {"number": 3, "issued_on": "2026-01-06"}, "number_taken"),
        ({"issued_on": "2026-01-10"}, {"issued_on": "2026-01-09"}, "issued_before_last"),
    ],
)
async def test_bad_numberings_are_refused_with_the_rule_and_nothing_appended(
    documents: RunningDocuments, first: dict[str, Any], second: dict[str, Any], code: str
) -> None:
    stub = _stub(documents)
    a = await stub.DraftOutgoingDocument(draft_request("bad-a"))
    b = await stub.DraftOutgoingDocument(draft_request("bad-b"))
    await stub.NumberOutgoingDocument(_number(a.document_id, **first))
    target = a.document_id if code == "already_numbered" else b.document_id

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.NumberOutgoingDocument(_number(target, **second))

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    trailers = dict(refused.value.trailing_metadata() or ())
    assert trailers["error-code"] == code
    assert json.loads(trailers["field-violations-bin"])[0]["code"] == code
    assert await _versions(documents, SEQUENCE) == [1]


async def test_a_handler_reads_outgoing_documents_but_may_not_draft_or_number_them(
    documents: RunningDocuments,
) -> None:
    stub = _stub(documents)
    drafted = await stub.DraftOutgoingDocument(draft_request("by-clerk"))
    handler = identity_metadata("canbo-16876", ["handler"], [COMMUNE])

    with pytest.raises(grpc.aio.AioRpcError) as refused_draft:
        await stub.DraftOutgoingDocument(draft_request("by-handler"), metadata=handler)
    with pytest.raises(grpc.aio.AioRpcError) as refused_number:
        await stub.NumberOutgoingDocument(_number(drafted.document_id), metadata=handler)
    read = await stub.GetOutgoingDocument(
        pb.GetOutgoingDocumentRequest(commune_id=COMMUNE, document_id=drafted.document_id), metadata=handler
    )

    assert refused_draft.value.code() == refused_number.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert (read.state, read.drafted_by) == ("DRAFT", "vanthu-16876")
    assert await _versions(documents, SEQUENCE) == []
