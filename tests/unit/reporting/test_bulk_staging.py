"""Staging relayed records for a set-based rebuild (#13): one COPY line per record, and every record the
applier would not take as it is (published twice, lost, another store, another spelling) refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from oneoffice.reporting.adapters.bulk_staging import NotStageable, Stager, escaped
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
