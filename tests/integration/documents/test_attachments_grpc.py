"""Attachments through the documents service's real gRPC streams, on a real PostgreSQL and a real
filesystem blob store: a 5 MiB scan goes up in chunks and comes back byte for byte."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import sqlalchemy as sa

from oneoffice.contracts.grpc.documents.v1 import attachments_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import attachments_pb2_grpc as pb_grpc
from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as documents_pb
from oneoffice.eventcore.schema import events
from tests import file_samples as samples
from tests.caller import clerk, identity_metadata

from .conftest import COMMUNE, RunningDocuments, StartDocuments, eventually, register_request

pytestmark = pytest.mark.integration

CHUNK = 256 * 1024
# The channel's default caller (ActingAs) signs unary calls only: streaming calls sign their own.


@pytest.fixture
async def running(start_documents: StartDocuments, pg_url: str, tmp_path: Path) -> RunningDocuments:
    return await start_documents(
        database_url=pg_url, blob_dir=tmp_path / "blobs", max_attachment_size=8 << 20
    )


async def registered_document(running: RunningDocuments) -> str:
    registered = await running.stub.RegisterIncomingDocument(register_request("with-attachments"))
    request = documents_pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)
    await eventually(lambda: running.stub.GetIncomingDocument(request))
    return str(registered.document_id)


async def upload(document_id: str, file_name: str, content: bytes) -> AsyncIterator[pb.AddAttachmentRequest]:
    header = pb.AttachmentHeader(
        commune_id=COMMUNE,
        document_kind=pb.DOCUMENT_KIND_INCOMING,
        document_id=document_id,
        file_name=file_name,
    )
    yield pb.AddAttachmentRequest(header=header)
    for start in range(0, len(content), CHUNK):
        yield pb.AddAttachmentRequest(chunk=content[start : start + CHUNK])


async def stream_payloads(running: RunningDocuments, stream_id: str) -> list[dict[str, object]]:
    async with running.container.engine.connect() as conn:
        rows = await conn.execute(
            sa.select(events.c.data).where(events.c.stream_id == stream_id).order_by(events.c.stream_version)
        )
        return [json.loads(row[0])["payload"] for row in rows]


async def test_a_5_mib_scan_round_trips_byte_for_byte_with_its_sha256_in_the_event(
    running: RunningDocuments, tmp_path: Path
) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)
    document_id = await registered_document(running)
    content = samples.pdf(5 * 1024 * 1024)
    sha256 = hashlib.sha256(content).hexdigest()

    added = await stub.AddAttachment(
        upload(document_id, "Quyết định 125 (bản quét).pdf", content), metadata=clerk(COMMUNE)
    )
    download = stub.DownloadAttachment(
        pb.DownloadAttachmentRequest(
            commune_id=COMMUNE,
            document_kind=pb.DOCUMENT_KIND_INCOMING,
            document_id=document_id,
            attachment_id=added.attachment_id,
        ),
        metadata=clerk(COMMUNE),
    )
    messages = [message async for message in download]

    assert (added.sha256, added.size, added.media_type) == (sha256, len(content), "application/pdf")
    assert added.added_by == "vanthu-16876"
    assert messages[0].attachment == added
    assert b"".join(m.chunk for m in messages[1:]) == content
    [payload] = await stream_payloads(running, f"incoming-document:{COMMUNE}:{document_id}")
    assert (payload["sha256"], payload["size"], payload["attachment_id"]) == (
        sha256,
        len(content),
        added.attachment_id,
    )
    assert (tmp_path / "blobs" / sha256[:2] / sha256[2:4] / sha256).read_bytes() == content
    listed = await stub.ListAttachments(
        pb.ListAttachmentsRequest(
            commune_id=COMMUNE, document_kind=pb.DOCUMENT_KIND_INCOMING, document_id=document_id
        )
    )
    assert list(listed.attachments) == [added]


async def test_a_refused_file_is_invalid_argument_with_its_code_and_leaves_nothing(
    running: RunningDocuments, tmp_path: Path
) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)
    document_id = await registered_document(running)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.AddAttachment(
            upload(document_id, "not-really.pdf", samples.html()), metadata=clerk(COMMUNE)
        )
    with pytest.raises(grpc.aio.AioRpcError) as too_large:
        await stub.AddAttachment(
            upload(document_id, "huge.pdf", samples.pdf(9 << 20)), metadata=clerk(COMMUNE)
        )

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert dict(refused.value.trailing_metadata())["error-code"] == "attachment_type_not_allowed"
    assert dict(too_large.value.trailing_metadata())["error-code"] == "attachment_too_large"
    assert await stream_payloads(running, f"incoming-document:{COMMUNE}:{document_id}") == []
    assert [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == []


async def test_an_unknown_document_is_not_found(running: RunningDocuments) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)

    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await stub.AddAttachment(upload("no-such-document", "a.pdf", samples.pdf()), metadata=clerk(COMMUNE))

    assert unknown.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_clerk_of_another_commune_may_neither_attach_nor_read(running: RunningDocuments) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)
    document_id = await registered_document(running)
    stranger = clerk("16882")

    with pytest.raises(grpc.aio.AioRpcError) as attaching:
        await stub.AddAttachment(upload(document_id, "a.pdf", samples.pdf()), metadata=stranger)
    with pytest.raises(grpc.aio.AioRpcError) as listing:
        await stub.ListAttachments(
            pb.ListAttachmentsRequest(
                commune_id=COMMUNE, document_kind=pb.DOCUMENT_KIND_INCOMING, document_id=document_id
            ),
            metadata=identity_metadata("canbo-16882", ["handler"], ["16882"]),
        )

    assert attaching.value.code() == listing.value.code() == grpc.StatusCode.PERMISSION_DENIED
