"""Attaching files to documents, over the in-memory event store and the in-memory blob store."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import AsyncIterator

import pytest

from oneoffice.contracts.events.documents import AttachmentAdded
from oneoffice.documents.application.add_attachment import AddAttachment, AddAttachmentHandler
from oneoffice.documents.application.document_attachments import AttachmentStreams
from oneoffice.documents.application.document_lookup import KnownDocuments
from oneoffice.documents.application.errors import IncomingDocumentNotFound
from oneoffice.documents.application.read_attachments import DocumentRef, ReadAttachments
from oneoffice.documents.bootstrap import event_registry
from oneoffice.documents.domain.attachment_errors import (
    AttachmentEmpty,
    AttachmentNotFound,
    AttachmentTooLarge,
    AttachmentTypeNotAllowed,
    InvalidFileName,
    UnsupportedDocumentKind,
)
from oneoffice.documents.domain.attachments import DocumentKind
from oneoffice.eventcore.clock import FixedClock
from tests import file_samples as samples

from .blob_fakes import MemoryBlobStore
from .builders import COMMUNE, NOW
from .fakes import FakeIncomingDocumentReader
from .observed_store import ObservedStore
from .test_get_incoming_handler import VIEW

STREAM = f"incoming-document:{COMMUNE}:doc-1"
LIMIT = 100_000


class Attaching:
    def __init__(self) -> None:
        self.store = ObservedStore()
        self.blobs = MemoryBlobStore()
        streams = AttachmentStreams(self.store, event_registry())
        known = KnownDocuments(FakeIncomingDocumentReader(VIEW))
        ids = (f"att-{n}" for n in itertools.count(1))
        self.add = AddAttachmentHandler(
            streams, self.blobs, known, FixedClock(NOW), max_size=LIMIT, new_attachment_id=lambda: next(ids)
        )
        self.read = ReadAttachments(streams, self.blobs, known)


def command(**changes: str) -> AddAttachment:
    fields = {
        "commune_id": COMMUNE,
        "document_id": "doc-1",
        "file_name": "Quyết định 125.pdf",
        "added_by": "vanthu-16876",
        "correlation_id": "corr-1",
        **changes,
    }
    return AddAttachment(document_kind=DocumentKind.INCOMING, **fields)


async def chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def test_an_attached_file_is_one_event_in_the_documents_stream_with_its_sha256() -> None:
    it = Attaching()
    content = samples.pdf(5000)

    added = await it.add(command(), chunks(content))

    [payload] = await it.store.payloads(STREAM)
    event = AttachmentAdded.model_validate(payload)
    assert event.sha256 == hashlib.sha256(content).hexdigest() == added.sha256
    assert (event.size, event.media_type, event.file_name) == (5000, "application/pdf", "Quyết định 125.pdf")
    assert (event.document_kind, event.document_id, event.attachment_id) == ("incoming", "doc-1", "att-1")
    assert event.added_by == "vanthu-16876"
    assert it.store.appends[0].metadata.actor == "vanthu-16876"
    assert it.blobs.blobs == {event.sha256: content}


async def test_the_attachments_are_listed_and_read_back() -> None:
    it = Attaching()
    pdf, png = samples.pdf(), samples.png()
    await it.add(command(), chunks(pdf))
    await it.add(command(file_name="scan.png"), chunks(png))
    ref = DocumentRef(COMMUNE, DocumentKind.INCOMING, "doc-1")

    listed = await it.read.list(ref)
    found, content = await it.read.open(ref, "att-2")

    assert [(a.attachment_id, a.media_type, a.added_at) for a in listed] == [
        ("att-1", "application/pdf", NOW),
        ("att-2", "image/png", NOW),
    ]
    assert found.file_name == "scan.png"
    assert b"".join([c async for c in content]) == png


async def test_the_same_content_attached_again_is_the_attachment_it_has() -> None:
    it = Attaching()
    content = samples.pdf()

    first = await it.add(command(), chunks(content))
    again = await it.add(command(file_name="copy.pdf"), chunks(content, 700))

    assert again == first
    assert len(await it.store.payloads(STREAM)) == 1


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (samples.pdf(LIMIT + 1), AttachmentTooLarge),
        (samples.html(), AttachmentTypeNotAllowed),
        (samples.xls(), AttachmentTypeNotAllowed),
        (b"", AttachmentEmpty),
    ],
    ids=["over-the-limit", "html", "xls", "empty"],
)
async def test_a_refused_file_appends_nothing_and_keeps_no_blob(
    content: bytes, refusal: type[Exception]
) -> None:
    it = Attaching()

    with pytest.raises(refusal):
        await it.add(command(), chunks(content))

    assert it.store.appends == []
    assert it.blobs.blobs == {}


async def test_a_name_claiming_pdf_with_other_content_is_refused() -> None:
    it = Attaching()

    with pytest.raises(AttachmentTypeNotAllowed):
        await it.add(command(file_name="quyet-dinh.pdf"), chunks(b"MZ\x90\x00 an executable"))


async def test_an_unknown_document_is_refused_before_a_byte_is_read() -> None:
    it = Attaching()
    read: list[bytes] = []

    async def watched() -> AsyncIterator[bytes]:
        async for chunk in chunks(samples.pdf()):
            read.append(chunk)
            yield chunk

    with pytest.raises(IncomingDocumentNotFound):
        await it.add(command(document_id="doc-404"), watched())

    assert (read, it.store.appends, it.blobs.blobs) == ([], [], {})


async def test_the_file_name_loses_its_folders_and_must_be_printable() -> None:
    it = Attaching()

    added = await it.add(command(file_name="C:\\Scans\\2026/công văn 12.pdf"), chunks(samples.pdf()))

    assert added.file_name == "công văn 12.pdf"
    for bad in ("", "scans/", "a\x07b.pdf", "x" * 256 + ".pdf"):
        with pytest.raises(InvalidFileName):
            await it.add(command(file_name=bad), chunks(samples.pdf()))


async def test_outgoing_documents_take_no_attachments_yet() -> None:
    it = Attaching()
    outgoing = AddAttachment(COMMUNE, DocumentKind.OUTGOING, "doc-1", "a.pdf", "vanthu-16876")

    with pytest.raises(UnsupportedDocumentKind):
        await it.add(outgoing, chunks(samples.pdf()))


async def test_an_unknown_attachment_is_not_found() -> None:
    it = Attaching()

    with pytest.raises(AttachmentNotFound):
        await it.read.open(DocumentRef(COMMUNE, DocumentKind.INCOMING, "doc-1"), "att-9")


async def test_attaching_retries_when_another_writer_appended_to_the_document_first() -> None:
    it = Attaching()
    other_add = AddAttachmentHandler(
        AttachmentStreams(it.store, event_registry()),
        it.blobs,
        KnownDocuments(FakeIncomingDocumentReader(VIEW)),
        FixedClock(NOW),
        max_size=LIMIT,
        new_attachment_id=lambda: "att-other",
    )
    first_png = samples.png()

    async def cut_in() -> None:
        await other_add(command(file_name="other.png"), chunks(first_png))

    it.store.before_next_append.append(cut_in)
    added = await it.add(command(), chunks(samples.pdf()))

    payloads = await it.store.payloads(STREAM)
    assert [p["attachment_id"] for p in payloads] == ["att-other", added.attachment_id]
    assert it.store.conflicts == 1
