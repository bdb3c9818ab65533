"""Properties of the envelope bytes: canonical, read back unchanged, hashed the same after a round trip.

The hash chain covers the exact bytes, so any text (composed NFC or decomposed NFD Vietnamese, or
anything else Unicode holds) must come back from a read byte for byte: re-encoding what was decoded
gives the stored bytes, hence the stored hash, and the text is never silently re-normalised.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.eventcore.envelope import EnvelopeWriter, Metadata, canonical_json, chain_hash, decode

PROPERTY = settings(max_examples=150, deadline=None, database=None)

_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắặấậéèẻẽẹếệíìóòỏõọốồộớờợúùủũụứừựýỳỷỹỵ ĐƯ"
texts = st.one_of(st.text(_VIETNAMESE, max_size=30), st.text(st.characters(codec="utf-8"), max_size=30))
forms = st.sampled_from(["NFC", "NFD"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def _write(text: str, payload: dict[str, Any]) -> bytes:
    writer = EnvelopeWriter(
        stream_id=f"incoming-register:16876:{text}:2026",
        commune_id="16876",
        occurred_at="2026-03-10T02:00:00.000000Z",
        recorded_at="2026-03-10T02:00:00.000100Z",
        metadata=Metadata(actor=text, correlation_id="corr", causation_id=text, trace_context={"k": text}),
    )
    return writer.write(
        event_id="0195f0e4-0000-7000-8000-000000000001",
        event_type="test.Noted",
        schema_version=1,
        stream_version=1,
        payload=payload,
        prev_hash="0" * 64,
    )


@given(text=texts, form=forms, payload=st.dictionaries(texts, json_values, max_size=4))
@PROPERTY
def test_envelope_bytes_round_trip_to_the_same_bytes_and_hash(
    text: str, form: str, payload: dict[str, Any]
) -> None:
    text = unicodedata.normalize(form, text)
    payload = {**payload, "text": text}

    data = _write(text, payload)
    envelope = decode((1, data))
    again = canonical_json(json.loads(data)).encode("utf-8")

    assert again == data
    assert chain_hash(again) == envelope.hash == chain_hash(data)
    assert envelope.payload == json.loads(canonical_json(payload))
    assert envelope.payload["text"] == text and envelope.actor == text  # never re-normalised


@given(payload=json_values)
@PROPERTY
def test_canonical_json_is_the_same_whatever_the_key_order(payload: Any) -> None:
    def reversed_keys(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reversed_keys(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [reversed_keys(v) for v in value]
        return value

    assert canonical_json(reversed_keys(payload)) == canonical_json(payload)
    assert json.loads(canonical_json(payload)) == payload
