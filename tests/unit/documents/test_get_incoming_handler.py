"""The GetIncomingDocument query over a fake reader."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.documents.application.errors import IncomingDocumentNotFound
from oneoffice.documents.application.get_incoming import GetIncomingDocument, GetIncomingDocumentHandler
from oneoffice.documents.application.ports import IncomingDocumentView

from .builders import COMMUNE, NOW
from .fakes import FakeIncomingDocumentReader

VIEW = IncomingDocumentView(
    document_id="doc-1",
    commune_id=COMMUNE,
    body_code="UBND",
    incoming_number=1,
    year=2026,
    issuer="UBND tỉnh Nghệ An",
    number_symbol="125/QĐ-UBND",
    document_date=date(2026, 3, 2),
    document_type="QD",
    summary="Về việc kiện toàn",
    urgency="NORMAL",
    received_date=date(2026, 3, 5),
    registered_at=NOW,
    registered_by="van-thu",
    duplicate_of=None,
)


async def test_a_registered_document_is_found_by_id() -> None:
    handler = GetIncomingDocumentHandler(FakeIncomingDocumentReader(VIEW))

    assert await handler(GetIncomingDocument(COMMUNE, "doc-1")) == VIEW


async def test_a_document_of_another_commune_is_not_found() -> None:
    handler = GetIncomingDocumentHandler(FakeIncomingDocumentReader(VIEW))

    with pytest.raises(IncomingDocumentNotFound) as caught:
        await handler(GetIncomingDocument("16882", "doc-1"))

    assert caught.value.message_vi == "Không tìm thấy văn bản đến «doc-1» của xã 16882."
