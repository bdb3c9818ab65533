"""Staging relayed records for a set-based rebuild (#13): one COPY line per record, and every record the
applier would not take as it is (published twice, lost, another store, another spelling) refused."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from oneoffice.reporting.adapters.bulk_staging import NotStageable, Stager, escaped, joined
from tests.relayed_records import Record, records_of

from .samples import registration

AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


def partition(*communes: str) -> list[Record]:
    """The documents topic's records of ``communes`` (one registration each), as one partition."""
    events = [(c, f"doc-{c}-{n}", registration(n, commune_id=c, document_id=f"doc-{c}-{n}"), AT) for n, c in
              enumerate(communes, 1)]  # fmt: skip
    parts = records_of(events)["documents"]
    # In the order they were appended (the relay's partitioner may have spread them).
    records = sorted((r for rs in parts.values() for r in rs), key=lambda r: int(r.headers[0][1]))
    return [replace(r, offset=n) for n, r in enumerate(records)]


def columns(line: bytes) -> list[bytes]:
    return line.rstrip(b"\n").split(b"\t")


def test_a_line_carries_the_headers_and_the_payload_sliced_from_the_envelope() -> None:
    records = partition("c1", "c1", "c2")
    lines = Stager().lines(2, 1, records).splitlines(keepends=True)

    assert len(lines) == 3
    first = columns(lines[0])
    assert first[:3] == [b"2", b"1", b"0"]
    assert first[3] == b"1"  # the position header
    assert first[4:6] == [b"c1", b"documents.IncomingDocumentRegistered"]
    assert first[6] == first[7] == b"2026-03-02T01:30:00.000000Z"
    assert first[8].startswith(b'{"body_code":"UBND","commune_id":"c1"') and first[8].endswith(b"}")
    assert [columns(line)[3] for line in lines] == [b"1", b"2", b"3"]


def test_what_the_stager_saw_is_kept_for_the_checkpoints_and_chain_heads() -> None:
    records = partition("c1", "c2", "c1")
    stager = Stager()
    stager.lines(0, 0, records[:2])
    stager.lines(0, 0, records[2:])

    assert stager.next_offsets == {(0, 0): 3}
    assert stager.positions == {(0, 0): 3}
    assert stager.heads[0] == {b"c1": records[2].headers[2][1], b"c2": records[1].headers[2][1]}
    assert stager.types == {(b"documents.IncomingDocumentRegistered", b"2")}


def test_an_event_published_twice_is_refused() -> None:
    records = partition("c1", "c1", "c1")
    again = [*records, replace(records[1], offset=3)]
    with pytest.raises(NotStageable, match="chain"):
        Stager().lines(0, 0, again)


def test_a_lost_event_is_refused() -> None:
    records = partition("c1", "c1", "c1")
    with pytest.raises(NotStageable, match="chain"):
        Stager().lines(0, 0, [records[0], replace(records[2], offset=1)])


def test_a_gap_in_the_offsets_is_refused() -> None:
    records = partition("c1", "c2")
    with pytest.raises(NotStageable, match="offset 5"):
        Stager().lines(0, 0, [records[0], replace(records[1], offset=5)])


def test_events_of_another_store_epoch_are_refused() -> None:
    first, second = partition("c1", "c2")
    headers = list(second.headers)
    headers[1] = (headers[1][0], b"another-epoch")
    with pytest.raises(NotStageable, match="epoch"):
        Stager().lines(0, 0, [first, replace(second, headers=headers)])


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: replace(r, headers=r.headers[:3]),  # an older relay's headers
        lambda r: replace(r, headers=[r.headers[1], r.headers[0], *r.headers[2:]]),
        lambda r: replace(r, value=r.value.replace(b".000000Z", b"Z")),  # another spelling of instants
        lambda r: replace(r, value=r.value.replace(b',"payload":', b',"payload" :')),
    ],
)
def test_a_record_not_spelled_as_the_relay_spells_it_is_refused(spoil: object) -> None:
    (record,) = partition("c1")
    with pytest.raises(NotStageable):
        Stager().lines(0, 0, [spoil(record)])  # type: ignore[operator]


def test_backslashes_are_doubled_for_copy() -> None:
    assert escaped(b'{"a":"x\\"y\\\\z"}') == b'{"a":"x\\\\"y\\\\\\\\z"}'


def _in_shares(records: list[Record], *cuts: int) -> list[Stager]:
    """The records of partition (0, 0) staged in shares cut at ``cuts`` (offsets), as the load does."""
    bounds = [0, *cuts, len(records)]
    shares = []
    for start, stop in itertools.pairwise(bounds):
        share = Stager({(0, 0): start})
        share.lines(0, 0, records[start:stop])
        shares.append(share)
    return shares


def _seen(stager: Stager) -> tuple[object, ...]:
    return stager.heads, stager.next_offsets, stager.positions, stager.epochs, stager.types


def test_shares_joined_saw_what_one_stager_sees() -> None:
    records = partition("c1", "c2", "c1", "c3", "c2", "c1", "c3")
    whole = Stager()
    lines = whole.lines(0, 0, records)

    for cuts in [(3,), (1, 5), (0, 7), (2, 2, 6)]:
        shares = _in_shares(records, *cuts)
        assert _seen(joined(shares)) == _seen(whole)
    shares_lines = [
        Stager({(0, 0): 0}).lines(0, 0, records[:4]),
        Stager({(0, 0): 4}).lines(0, 0, records[4:]),
    ]
    assert b"".join(shares_lines) == lines
    # The second share cannot check the chains of the communes it meets again: it notes their links.
    assert set(_in_shares(records, 4)[1].links[0]) == {b"c1", b"c2", b"c3"}


def test_an_event_published_twice_across_two_shares_is_refused() -> None:
    records = partition("c1", "c2", "c1", "c1")
    again = [*records[:3], replace(records[2], offset=3), replace(records[3], offset=4)]
    shares = _in_shares(again, 3)  # each share alone is a clean chain
    with pytest.raises(NotStageable, match="chain does not link across"):
        joined(shares)


def test_an_event_lost_at_the_cut_between_two_shares_is_refused() -> None:
    records = partition("c1", "c1", "c1", "c2")
    # c1's second event lost: the first share ends with c1's first, the second starts with its third.
    lost = [replace(r, offset=n) for n, r in enumerate([records[0], records[2], records[3]])]
    with pytest.raises(NotStageable, match="chain does not link across"):
        joined(_in_shares(lost, 1))


def test_shares_whose_ranges_do_not_meet_are_refused() -> None:
    records = partition("c1", "c2", "c3", "c4")
    first, second = Stager({(0, 0): 0}), Stager({(0, 0): 3})
    first.lines(0, 0, records[:2])
    second.lines(0, 0, records[3:])
    with pytest.raises(NotStageable, match="starts at 3, the one before ended at 2"):
        joined([first, second])


def test_shares_of_two_store_epochs_are_refused() -> None:
    records = partition("c1", "c2")
    headers = list(records[1].headers)
    headers[1] = (headers[1][0], b"another-epoch")
    shares = _in_shares([records[0], replace(records[1], headers=headers)], 1)
    with pytest.raises(NotStageable, match="epoch"):
        joined(shares)
