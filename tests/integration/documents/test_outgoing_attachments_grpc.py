"""Attachments of outgoing documents through the documents service's real gRPC streams, on a real
PostgreSQL: attached to a draft, listed, downloaded byte for byte; the document's own stream holds the
attachment, and numbering and dispatching it still work afterwards."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from oneoffice.contracts.grpc.documents.v1 import attachments_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import attachments_pb2_grpc as pb_grpc
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2 as outgoing_pb
from oneoffice.contracts.grpc.documents.v1 import outgoing_pb2_grpc as outgoing_grpc
from tests import file_samples as samples
from tests.caller import clerk, identity_metadata

from .conftest import COMMUNE, RunningDocuments, StartDocuments, eventually
from .test_attachments_grpc import CHUNK, stream_payloads
from .test_outgoing_numbering_grpc import draft_request

pytestmark = pytest.mark.integration


@pytest.fixture
async def running(start_documents: StartDocuments, pg_url: str, tmp_path: Path) -> RunningDocuments:
    return await start_documents(
        database_url=pg_url, blob_dir=tmp_path / "blobs", max_attachment_size=8 << 20
    )


async def drafted_document(running: RunningDocuments, key: str) -> str:
    stub = outgoing_grpc.OutgoingDocumentServiceStub(running.channel)
    drafted = await stub.DraftOutgoingDocument(draft_request(key))
    get = outgoing_pb.GetOutgoingDocumentRequest(commune_id=COMMUNE, document_id=drafted.document_id)
    await eventually(lambda: stub.GetOutgoingDocument(get))
    return str(drafted.document_id)


async def upload(document_id: str, file_name: str, content: bytes) -> AsyncIterator[pb.AddAttachmentRequest]:
    header = pb.AttachmentHeader(
        commune_id=COMMUNE,
        document_kind=pb.DOCUMENT_KIND_OUTGOING,
        document_id=document_id,
        file_name=file_name,
    )
    yield pb.AddAttachmentRequest(header=header)
    for start in range(0, len(content), CHUNK):
        yield pb.AddAttachmentRequest(chunk=content[start : start + CHUNK])


async def test_a_draft_takes_a_file_that_comes_back_byte_for_byte_and_is_then_numbered_and_dispatched(
    running: RunningDocuments,
) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)
    outgoing = outgoing_grpc.OutgoingDocumentServiceStub(running.channel)
    document_id = await drafted_document(running, "outgoing-attach-1")
    content = samples.pdf(600 * 1024)

    added = await stub.AddAttachment(
        upload(document_id, "Dự thảo quyết định.pdf", content), metadata=clerk(COMMUNE)
    )
    listed = await stub.ListAttachments(
        pb.ListAttachmentsRequest(
            commune_id=COMMUNE, document_kind=pb.DOCUMENT_KIND_OUTGOING, document_id=document_id
        )
    )
    download = stub.DownloadAttachment(
        pb.DownloadAttachmentRequest(
            commune_id=COMMUNE,
            document_kind=pb.DOCUMENT_KIND_OUTGOING,
            document_id=document_id,
            attachment_id=added.attachment_id,
        ),
        metadata=clerk(COMMUNE),
    )
    messages = [message async for message in download]
    numbered = await outgoing.NumberOutgoingDocument(
        outgoing_pb.NumberOutgoingDocumentRequest(commune_id=COMMUNE, document_id=document_id)
    )
    dispatched = await outgoing.DispatchOutgoingDocument(
        outgoing_pb.DispatchOutgoingDocumentRequest(
            commune_id=COMMUNE, document_id=document_id, channel="PAPER"
        )
    )

    assert (added.sha256, added.size, added.document_kind) == (
        hashlib.sha256(content).hexdigest(),
        len(content),
        pb.DOCUMENT_KIND_OUTGOING,
    )
    assert list(listed.attachments) == [added]
    assert messages[0].attachment == added
    assert b"".join(m.chunk for m in messages[1:]) == content
    assert numbered.number >= 1
    assert dispatched.document_id == document_id
    payloads = await stream_payloads(running, f"outgoing-document:{COMMUNE}:{document_id}")
    assert [p.get("attachment_id") for p in payloads][1] == added.attachment_id
    assert len(payloads) == 3  # drafted, attachment added, dispatched


async def test_an_unknown_outgoing_document_is_not_found(running: RunningDocuments) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)

    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await stub.AddAttachment(upload("no-such-document", "a.pdf", samples.pdf()), metadata=clerk(COMMUNE))

    assert unknown.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_handler_may_read_but_not_attach_and_another_commune_may_do_neither(
    running: RunningDocuments,
) -> None:
    stub = pb_grpc.AttachmentServiceStub(running.channel)
    document_id = await drafted_document(running, "outgoing-attach-2")
    listing = pb.ListAttachmentsRequest(
        commune_id=COMMUNE, document_kind=pb.DOCUMENT_KIND_OUTGOING, document_id=document_id
    )

    with pytest.raises(grpc.aio.AioRpcError) as attaching:
        await stub.AddAttachment(upload(document_id, "a.pdf", samples.pdf()), metadata=clerk("16882"))
    with pytest.raises(grpc.aio.AioRpcError) as stranger:
        await stub.ListAttachments(listing, metadata=identity_metadata("canbo-16882", ["handler"], ["16882"]))
    read = await stub.ListAttachments(
        listing, metadata=identity_metadata("canbo-16876", ["handler"], [COMMUNE])
    )

    assert attaching.value.code() == stranger.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert list(read.attachments) == []
