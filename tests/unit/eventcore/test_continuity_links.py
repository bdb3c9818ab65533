"""Finding an envelope's chain link without parsing it, and the epoch rule of a batch."""

from __future__ import annotations

import orjson
import pytest

from oneoffice.eventcore.applier import Deliveries, Delivery
from oneoffice.eventcore.continuity import EpochChanged, check_epoch, link
from oneoffice.eventcore.envelope import EnvelopeWriter, Metadata, canonical_json

PREV = "ab" * 32


def envelope(payload: dict[str, object], trace: dict[str, str] | None = None) -> bytes:
    writer = EnvelopeWriter(
        stream_id="s-1",
        commune_id="16876",
        occurred_at="2026-01-01T00:00:00.000000Z",
        recorded_at="2026-01-01T00:00:00.000000Z",
        metadata=Metadata(actor='a "quoted" actor', correlation_id="c", trace_context=trace or {}),
    )
    return writer.write(
        event_id="e-1", event_type="t", schema_version=1, stream_version=1, payload=payload, prev_hash=PREV
    )


def test_link_is_found_in_the_canonical_bytes_even_when_the_payload_nests_the_same_keys() -> None:
    data = envelope(
        {"commune_id": "other", "nested": {"prev_hash": "cd" * 32, "commune_id": "x"}},
        trace={"traceparent": "00-1-2-01", "prev_hash": "ef" * 32},
    )
    assert link(data) == ("16876", PREV)


def test_link_of_an_envelope_spelled_otherwise_is_read_by_parsing_it() -> None:
    data = orjson.dumps({"prev_hash": PREV, "commune_id": "16876", "payload": {}})
    assert link(data) == ("16876", PREV)
    assert link(canonical_json({"commune_id": 'c"x', "prev_hash": PREV}).encode()) == ('c"x', PREV)


@pytest.mark.parametrize("data", [b"not json", b"[1, 2]", b'{"commune_id": 5}'])
def test_link_of_something_that_is_not_an_envelope_is_none(data: bytes) -> None:
    assert link(data) is None


def test_a_batch_keeps_its_epoch_and_a_change_of_epoch_halts() -> None:
    assert check_epoch("s", "t", 0, None, ["e1", None, "e1"]) == "e1"
    assert check_epoch("s", "t", 0, "e1", []) == "e1"
    with pytest.raises(EpochChanged):
        check_epoch("s", "t", 0, "e1", ["e2"])
    with pytest.raises(EpochChanged):
        check_epoch("s", "t", 0, None, ["e1", "e2"])


def test_epochs_travel_with_their_deliveries_through_slices_and_joins() -> None:
    with_epochs = Deliveries.of([Delivery(1, 1, b"a", "e1"), Delivery(2, 2, b"b", "e1")])
    without = Deliveries([3], [3], [b"c"])
    joined = Deliveries.concat([with_epochs, without])
    assert list(joined.epochs) == ["e1", "e1", None]
    assert joined[1:].epochs == ["e1", None] and joined[0].epoch == "e1"
    assert Deliveries.from_store([(5, b"x")], "e9").epochs == ["e9"]
    assert Deliveries.from_store([(5, b"x")]).epochs == ()
