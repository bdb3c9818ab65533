"""Property: a document typed in decomposed Unicode (NFD) is stored exactly as if typed composed (NFC).

Some Vietnamese keyboards send NFD. The rules store NFC, so both spellings give one payload, one
envelope and one hash: the chain does not depend on the clerk's keyboard.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.application.contract_events import from_contract, to_contract
from oneoffice.documents.domain.incoming_register import IncomingRegister
from oneoffice.eventcore.envelope import EnvelopeWriter, Metadata, chain_hash

from .builders import details

_WORDS = st.lists(
    st.text(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắặấậéèẻẽẹếệíìóòỏõọốồộớờợúùủũụứừựýỳỷỹỵĐƯỦỆ", min_size=1, max_size=8
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


def _envelope(payload: dict[str, object]) -> bytes:
    writer = EnvelopeWriter(
        stream_id="incoming-register:16876:UBND:2026",
        commune_id="16876",
        occurred_at="2026-03-10T02:00:00.000000Z",
        recorded_at="2026-03-10T02:00:00.000000Z",
        metadata=Metadata(actor="van-thu", correlation_id="corr"),
    )
    return writer.write(
        event_id="0195f0e4-0000-7000-8000-000000000001",
        event_type="documents.IncomingDocumentRegistered",
        schema_version=1,
        stream_version=1,
        payload=payload,
        prev_hash="0" * 64,
    )


@given(issuer=_WORDS, summary=_WORDS)
@settings(max_examples=100, deadline=None, database=None)
def test_nfc_and_nfd_input_store_the_same_event_and_hash_the_same(issuer: str, summary: str) -> None:
    stored: list[bytes] = []
    for form in ("NFC", "NFD"):
        typed = details(
            issuer=unicodedata.normalize(form, issuer), summary=unicodedata.normalize(form, summary)
        )
        entered = IncomingRegister(typed.register_id).enter(typed, "doc-1")
        event = to_contract(entered)
        assert from_contract(event) == entered
        stored.append(_envelope(event.to_payload()))

    nfc, nfd = stored
    assert nfd == nfc
    assert chain_hash(nfd) == chain_hash(nfc)
