"""The domain's events translate to the published contract event and back without loss."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.documents.application.contract_events import from_contract, to_contract
from oneoffice.documents.domain.document_symbols import Family, SymbolParts
from oneoffice.documents.domain.events import IncomingDocumentEntered
from oneoffice.documents.domain.incoming_symbol import RecordedSymbol, UnrecognisedSymbol
from oneoffice.documents.domain.values import Urgency


@pytest.mark.parametrize("urgency", list(Urgency))
@pytest.mark.parametrize("duplicate_of", [None, "doc-first"])
@pytest.mark.parametrize(
    "symbol",
    [
        None,
        UnrecognisedSymbol(),
        SymbolParts(Family.STATE, 125, "QĐ", "UBND"),
        SymbolParts(Family.STATE, 12, None, "UBND", unit="VP"),
        SymbolParts(Family.STATE, 30, "NĐ", "CP", year=2020),
        SymbolParts(Family.PARTY, 15, "NQ", "ĐU"),
    ],
)
def test_an_entered_document_becomes_the_contract_event_and_comes_back_the_same(
    urgency: Urgency, duplicate_of: str | None, symbol: RecordedSymbol | None
) -> None:
    entered = IncomingDocumentEntered(
        document_id="doc-2",
        commune_id="16876",
        body_code="UBND",
        incoming_number=7,
        year=2026,
        issuer="UBND tỉnh Nghệ An",
        number_symbol="125/QĐ-UBND",
        document_date=date(2026, 3, 2),
        document_type="QD",
        summary="Về việc kiện toàn tổ chức bộ máy",
        urgency=urgency,
        received_date=date(2026, 3, 5),
        registered_by="van-thu",
        duplicate_of=duplicate_of,
        symbol=symbol,
    )

    published = to_contract(entered)

    assert isinstance(published, IncomingDocumentRegistered)
    assert published.urgency == urgency.value
    assert published.to_payload()["duplicate_of"] == duplicate_of
    assert from_contract(published) == entered
