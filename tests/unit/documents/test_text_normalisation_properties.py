"""Property: a document typed in decomposed Unicode (NFD) is stored exactly as if typed composed (NFC).

Some Vietnamese keyboards send NFD. The rules store NFC, so both spellings give one payload and one
hash (and the envelope keeps payload bytes as they are: ``tests/unit/eventcore/test_envelope_properties``),
so the chain does not depend on the clerk's keyboard.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.application.contract_events import from_contract, to_contract
from oneoffice.documents.domain.incoming_register import IncomingRegister
from oneoffice.eventcore.envelope import canonical_json, chain_hash

from .builders import details

_WORDS = st.lists(
    st.text(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắặấậéèẻẽẹếệíìóòỏõọốồộớờợúùủũụứừựýỳỷỹỵĐƯỦỆ", min_size=1, max_size=8
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


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
        stored.append(canonical_json(event.to_payload()).encode())

    nfc, nfd = stored
    assert nfd == nfc
    assert chain_hash(nfd) == chain_hash(nfc)
