"""Deliveries held column by column, and the check that lets a whole batch skip the per-message path."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from oneoffice.eventcore.applier import Deliveries, Delivery, StoredEvents
from oneoffice.eventcore.checkpoints import Checkpoint
from oneoffice.eventcore.kafka import subscription
from oneoffice.eventcore.kafka.subscription import deliveries_from_records, position_header


def batch(offsets: list[int], positions: list[int | None]) -> Deliveries:
    return Deliveries(offsets=offsets, positions=positions, datas=[f"e{o}".encode() for o in offsets])


def test_columns_read_back_as_deliveries() -> None:
    items = [Delivery(5, 50, b"a"), Delivery(6, None, b"b")]
    columns = Deliveries.of(items)
    assert len(columns) == 2
    assert list(columns) == items
    assert columns[1] == items[1]
    assert list(columns[1:]) == items[1:]
    assert Deliveries.of(columns) is columns


def test_a_page_of_a_store_is_offset_by_its_positions() -> None:
    columns = Deliveries.from_store([(7, b"x"), (9, b"y")])
    assert list(columns) == [Delivery(7, 7, b"x"), Delivery(9, 9, b"y")]


def test_runs_of_one_partition_join_in_order() -> None:
    joined = Deliveries.concat([batch([1, 2], [10, 11]), Deliveries.of([Delivery(3, 12, b"e3")])])
    assert list(joined.offsets) == [1, 2, 3]
    assert list(joined.positions) == [10, 11, 12]
    assert list(joined.datas) == [b"e1", b"e2", b"e3"]
    single = batch([4], [13])
    assert Deliveries.concat([single]) is single


@pytest.mark.parametrize(
    ("offsets", "positions", "checkpoint", "fresh"),
    [
        ([10, 11, 12], [100, 105, 106], Checkpoint(10, 99), True),
        ([10, 11, 12], [100, 105, 106], Checkpoint(0, 0), True),
        ([9, 10, 11], [100, 105, 106], Checkpoint(10, 99), False),  # offset 9 was applied before
        ([10, 11, 12], [99, 105, 106], Checkpoint(10, 99), False),  # position 99 was applied before
        ([10, 11, 12], [100, 98, 106], Checkpoint(10, 0), False),  # a republished, older event inside
        ([10, 11, 12], [100, None, 106], Checkpoint(10, 0), False),  # a message without a position
        ([10, 10, 12], [100, 101, 106], Checkpoint(10, 0), False),  # offsets that do not rise
        ([], [], Checkpoint(0, 0), False),
    ],
)
def test_a_batch_is_all_fresh_only_when_offsets_and_positions_rise_past_the_checkpoint(
    offsets: list[int], positions: list[int | None], checkpoint: Checkpoint, fresh: bool
) -> None:
    assert batch(offsets, positions).all_fresh_after(checkpoint) is fresh


def test_stored_events_are_position_and_data_pairs() -> None:
    events = StoredEvents(positions=[3, 4], datas=[b"c", b"d"])
    assert len(events) == 2
    assert list(events) == [(3, b"c"), (4, b"d")]
    assert events[1] == (4, b"d")
    assert list(events[:1]) == [(3, b"c")]


@dataclass
class Record:
    """What aiokafka's ConsumerRecord offers the subscription."""

    offset: int
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]
    topic: str = "t"
    partition: int = 0
    key: bytes | None = None


def test_positions_come_from_the_relay_header_wherever_it_is() -> None:
    records = [
        Record(0, b"a", (("oneoffice-position", b"41"), ("oneoffice-event-id", b"x"))),
        Record(1, b"b", (("oneoffice-event-id", b"y"), ("oneoffice-position", b"42"))),  # older relays
        Record(2, b"c", (("oneoffice-position", b"not a number"),)),
        Record(3, None, ()),
    ]
    columns = deliveries_from_records(records)
    assert list(columns.offsets) == [0, 1, 2, 3]
    assert list(columns.positions) == [41, 42, None, None]
    assert list(columns.datas) == [b"a", b"b", b"c", b""]
    assert position_header((("oneoffice-position", b"-1"),)) is None


def test_hashes_are_read_from_the_third_header_and_communes_from_the_record_keys() -> None:
    own = b"ab" * 32
    records = [
        Record(
            0,
            b"a",
            (("oneoffice-position", b"1"), ("oneoffice-epoch", b"e"), ("oneoffice-hash", own)),
            key=b"c1",
        ),
        Record(1, b"b", (("oneoffice-position", b"2"), ("oneoffice-epoch", b"e")), key=b"c2"),  # older relays
        Record(2, b"c", (("oneoffice-position", b"3"), ("oneoffice-epoch", b"e"), ("x", b"y")), key=b"c1"),
    ]
    columns = deliveries_from_records(records)
    assert list(columns.hashes) == [own, None, None]
    assert list(columns.communes) == [b"c1", b"c2", b"c1"]
    assert list(columns.epochs) == ["e", "e", "e"]
    assert columns[:1].hashes == [own] and columns[:1].communes == [b"c1"]
    joined = Deliveries.concat([columns, batch([3], [4])])
    assert list(joined.hashes) == [own, None, None, None]
    assert list(joined.communes) == [b"c1", b"c2", b"c1", None]


def test_records_without_a_hash_header_carry_no_hash_or_commune_column() -> None:
    columns = deliveries_from_records([Record(0, b"a", (("oneoffice-position", b"1"),), key=b"c1")])
    assert (columns.hashes, columns.communes) == ((), ())


def test_a_dead_letter_is_reported_by_the_ids_in_its_envelope() -> None:
    readable = Delivery(0, 1, b'{"event_id": "e-1", "event_type": "documents.X", "payload": {}}')
    assert (readable.event_id, readable.event_type) == ("e-1", "documents.X")
    for unreadable in (b"not json", b"[1, 2]", b'{"event_id": 7}', b""):
        assert Delivery(0, None, unreadable).event_id is None


def test_prev_hashes_are_read_from_the_fourth_header_and_travel_through_slices_and_joins() -> None:
    own, prev = b"ab" * 32, b"cd" * 32
    relayed = (("oneoffice-position", b"1"), ("oneoffice-epoch", b"e"), ("oneoffice-hash", own))
    records = [
        Record(0, b"a", (*relayed, ("oneoffice-prev-hash", prev)), key=b"c1"),
        Record(1, b"b", relayed, key=b"c1"),  # older relays
        Record(2, b"c", (*relayed, ("x", b"y")), key=b"c1"),
    ]
    columns = deliveries_from_records(records)
    assert list(columns.prevs) == [prev, None, None]
    assert columns[:1].prevs == [prev]
    assert list(Deliveries.concat([columns, batch([3], [4])]).prevs) == [prev, None, None, None]
    assert deliveries_from_records(records[1:]).prevs == ()


def relay_headers(position: bytes, *, prev: bytes = b"cd" * 32) -> tuple[tuple[str, bytes], ...]:
    """The headers the relay writes, in its order."""
    return (
        ("oneoffice-position", position),
        ("oneoffice-epoch", b"e1"),
        ("oneoffice-hash", b"ab" * 32),
        ("oneoffice-prev-hash", prev),
        ("oneoffice-event-id", b"x"),
        ("traceparent", b"00-1"),
    )


def renamed(headers: tuple[tuple[str, bytes], ...], index: int) -> tuple[tuple[str, bytes], ...]:
    """The headers with the one at ``index`` under another name."""
    return tuple(("other", value) if i == index else (key, value) for i, (key, value) in enumerate(headers))


RELAYED = [Record(n, b"v%d" % n, relay_headers(b"%d" % (n + 40)), key=b"c1") for n in range(4)]


@pytest.mark.parametrize(
    "changed",
    [
        {},  # every record as the relay writes it: the one-pass path
        {1: relay_headers(b"not a number")},
        {2: relay_headers(b"")},
        {1: relay_headers(b"41")[:3]},  # an older relay: no prev_hash header
        {3: relay_headers(b"43")[1:]},  # no position header
        {0: (relay_headers(b"40")[1], relay_headers(b"40")[0], *relay_headers(b"40")[2:])},  # reordered
        {2: ()},
        {1: renamed(relay_headers(b"41"), 1)},
        {2: renamed(relay_headers(b"42"), 2)},
        {3: renamed(relay_headers(b"43"), 3)},
        {0: renamed(relay_headers(b"40"), 0)},
        {1: relay_headers(b"41", prev=b"")},
        {0: (*relay_headers(b"40")[:2], ("oneoffice-hash", b""), *relay_headers(b"40")[3:])},
    ],
)
def test_relay_records_read_in_one_pass_give_the_columns_of_reading_them_one_by_one(
    changed: dict[int, tuple[tuple[str, bytes], ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [replace(r, headers=changed.get(i, r.headers)) for i, r in enumerate(RELAYED)]
    records.append(replace(RELAYED[0], offset=4, value=None))  # a tombstone
    fast = deliveries_from_records(records)
    monkeypatch.setattr(subscription, "_relayed", lambda records: None)
    slow = deliveries_from_records(records)
    for name in ("offsets", "positions", "datas", "epochs", "hashes", "communes", "prevs"):
        assert list(getattr(fast, name)) == list(getattr(slow, name)), name


def test_the_one_pass_path_reads_the_relays_records() -> None:
    assert subscription._relayed(RELAYED) is not None
    assert subscription._relayed([*RELAYED[:1], replace(RELAYED[1], headers=())]) is None
