"""Registering incoming documents through the documents service's real gRPC, on a real PostgreSQL."""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest
import sqlalchemy as sa
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.eventcore.grpc_runtime import HealthStatus, probe_health
from oneoffice.eventcore.schema import events

from .conftest import COMMUNE, RunningDocuments, StartDocuments, eventually, register_request

pytestmark = pytest.mark.integration

STREAM = f"incoming-register:{COMMUNE}:UBND:2026"


async def _stream_events(running: RunningDocuments) -> list[dict[str, object]]:
    async with running.container.engine.connect() as conn:
        rows = await conn.execute(
            sa.select(events.c.data).where(events.c.stream_id == STREAM).order_by(events.c.stream_version)
        )
        return [json.loads(row[0]) for row in rows]


async def test_registrations_get_incoming_numbers_1_then_2(documents: RunningDocuments) -> None:
    first = await documents.stub.RegisterIncomingDocument(register_request("k1"))
    second = await documents.stub.RegisterIncomingDocument(register_request("k2", number_symbol="7/TB-UBND"))

    assert (first.incoming_number, first.year, second.incoming_number) == (1, 2026, 2)
    assert first.document_id != second.document_id
    assert not first.HasField("duplicate_of")
    assert first.registered_at.seconds > 0
    stored = await _stream_events(documents)
    assert [e["payload"]["incoming_number"] for e in stored] == [1, 2]  # type: ignore[index]
    assert stored[0]["event_type"] == "documents.IncomingDocumentRegistered"
    assert stored[0]["actor"] == "vanthu-16876"  # the caller identity's username


async def test_same_idempotency_key_twice_gives_one_event_and_the_same_answer(
    documents: RunningDocuments,
) -> None:
    first = await documents.stub.RegisterIncomingDocument(register_request("same-key"))
    again = await documents.stub.RegisterIncomingDocument(register_request("same-key"))

    assert again == first
    assert len(await _stream_events(documents)) == 1


async def test_the_same_document_registered_twice_is_flagged_duplicate(documents: RunningDocuments) -> None:
    first = await documents.stub.RegisterIncomingDocument(register_request("a"))
    second = await documents.stub.RegisterIncomingDocument(register_request("b"))

    assert second.duplicate_of == first.document_id
    assert second.incoming_number == 2


async def test_twenty_concurrent_registrations_get_numbers_1_to_20_without_gaps(
    documents: RunningDocuments,
) -> None:
    requests = [register_request(f"c{n}", number_symbol=f"{n}/TB-UBND") for n in range(20)]

    responses = await asyncio.gather(*(documents.stub.RegisterIncomingDocument(r) for r in requests))

    assert sorted(r.incoming_number for r in responses) == list(range(1, 21))
    assert len({r.document_id for r in responses}) == 20


async def test_two_service_processes_on_one_database_retry_their_conflicts(
    start_documents: StartDocuments, pg_url: str
) -> None:
    # Within a process, registrations of one register take turns; across processes they race and
    # the store's version check makes the loser retry. With one request in flight per process and
    # ten requests each, a request meets at most ten conflicts: eleven attempts always suffice.
    one = await start_documents(database_url=pg_url, max_register_attempts=11)
    two = await start_documents(database_url=pg_url, max_register_attempts=11)

    calls = [
        (one if n % 2 else two).stub.RegisterIncomingDocument(
            register_request(f"p{n}", number_symbol=f"{n}/TB")
        )
        for n in range(20)
    ]
    responses = await asyncio.gather(*calls)

    assert sorted(r.incoming_number for r in responses) == list(range(1, 21))
    versions = [e["stream_version"] for e in await _stream_events(one)]
    assert versions == list(range(1, 21))


async def test_a_registered_document_is_found_once_the_local_read_model_caught_up(
    documents: RunningDocuments,
) -> None:
    registered = await documents.stub.RegisterIncomingDocument(register_request("get-me"))
    request = pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)

    found = await eventually(lambda: documents.stub.GetIncomingDocument(request))

    assert (found.document_id, found.incoming_number, found.body_code) == (registered.document_id, 1, "UBND")
    assert (found.issuer, found.number_symbol, found.document_type) == (
        "UBND tỉnh Nghệ An",
        "125/QĐ-UBND",
        "QD",
    )
    assert (found.document_date, found.received_date) == ("2026-01-02", "2026-01-05")
    assert found.urgency == pb.URGENCY_KHAN
    assert found.registered_by == "vanthu-16876"
    assert found.registered_at == registered.registered_at


async def test_an_unknown_document_is_not_found_in_vietnamese(documents: RunningDocuments) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await documents.stub.GetIncomingDocument(
            pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id="khong-co")
        )

    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert caught.value.details() == "Không tìm thấy văn bản đến «khong-co» của xã 16876."
    trailers = caught.value.trailing_metadata()
    assert trailers["message-en"] == "No incoming document 'khong-co' in commune '16876'."


async def test_invalid_input_is_invalid_argument_in_vietnamese_with_each_field(
    documents: RunningDocuments,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await documents.stub.RegisterIncomingDocument(
            register_request("bad", issuer=" ", urgency=pb.URGENCY_UNSPECIFIED)
        )

    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.details().startswith("Chưa nhập tác giả (cơ quan ban hành văn bản).")
    trailers = caught.value.trailing_metadata()
    assert trailers["message-en"].startswith("The issuer of the document is missing.")
    violations = json.loads(trailers["field-violations-bin"])
    assert [(v["field"], v["code"]) for v in violations] == [
        ("issuer", "empty_issuer"),
        ("urgency", "invalid_urgency"),
    ]
    assert violations[1]["message_vi"].startswith("Độ khẩn «UNSPECIFIED» không hợp lệ")
    assert await _stream_events(documents) == []


async def test_the_documents_service_is_served_with_health_and_reflection(
    documents: RunningDocuments,
) -> None:
    target = documents.server.target
    assert await probe_health(target, "oneoffice.documents.v1.DocumentsService") is HealthStatus.SERVING
    assert await probe_health(target, "oneoffice.documents.v1") is HealthStatus.SERVING

    stub = reflection_pb2_grpc.ServerReflectionStub(documents.channel)
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    responses = [r async for r in stub.ServerReflectionInfo(iter([request]))]

    listed = {s.name for s in responses[0].list_services_response.service}
    assert "oneoffice.documents.v1.DocumentsService" in listed
