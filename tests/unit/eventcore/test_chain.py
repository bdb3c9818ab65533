"""Envelope encoding, hashing and chain verification on in-memory records (no database)."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator, Iterable

import pytest

from oneoffice.eventcore.append_plan import AppendRequest, NewEvent, new_event_ids, plan_rows
from oneoffice.eventcore.chain import ChainRecord, verify_chain
from oneoffice.eventcore.envelope import (
    GENESIS_HASH,
    EnvelopeWriter,
    Metadata,
    canonical_json,
    decode,
    timestamp_text,
)

META = Metadata(
    actor="văn thư", correlation_id="corr", causation_id=None, trace_context={"traceparent": "00-a-b-01"}
)


def _request(n: int, expected: int | None = 0) -> AppendRequest:
    return AppendRequest(
        stream_id="doc-1",
        commune_id="16876",
        expected_version=expected,
        events=[NewEvent("test.Noted", 1, {"i": i, "text": "Đảng ủy"}) for i in range(n)],
        metadata=META,
        occurred_at="2026-11-25T08:30:00.000000Z",
        recorded_at="2026-11-25T08:30:01.000000Z",
        idempotency=None,
    )


def _records(n: int) -> list[ChainRecord]:
    rows = plan_rows(_request(n), 0, GENESIS_HASH)
    return [
        ChainRecord(
            i + 1,
            r.event_id,
            r.event_type,
            r.schema_version,
            "doc-1",
            r.stream_version,
            "16876",
            r.data,
            r.hash,
        )
        for i, r in enumerate(rows)
    ]


async def _aiter(items: Iterable[ChainRecord]) -> AsyncIterator[ChainRecord]:
    for item in items:
        yield item


def test_envelope_writer_produces_exactly_the_canonical_json_of_the_envelope() -> None:
    rng = random.Random(3)
    for _ in range(200):
        meta = Metadata(
            actor=rng.choice(["clerk", 'quote " and \\ back', "Phó Bí thư"]),
            correlation_id=str(rng.random()),
            causation_id=rng.choice([None, "cause-1"]),
            trace_context=rng.choice([{}, {"traceparent": "00-x", "tracestate": "a=b"}]),
        )
        payload = {"z": rng.random(), "a": [1, "hai", None, True], "nested": {"k": "Ủy ban\n"}}
        writer = EnvelopeWriter(
            stream_id="s/1", commune_id="16876", occurred_at="o", recorded_at="r", metadata=meta
        )
        data = writer.write(
            event_id="e", event_type="t.X", schema_version=2, stream_version=7, payload=payload, prev_hash="p"
        )
        expected = {
            "event_id": "e",
            "event_type": "t.X",
            "schema_version": 2,
            "stream_id": "s/1",
            "stream_version": 7,
            "commune_id": "16876",
            "occurred_at": "o",
            "recorded_at": "r",
            "actor": meta.actor,
            "causation_id": meta.causation_id,
            "correlation_id": meta.correlation_id,
            "trace_context": meta.trace_context,
            "payload": payload,
            "prev_hash": "p",
        }
        assert data == canonical_json(expected).encode()


def test_planned_rows_chain_each_event_to_the_previous_one() -> None:
    rows = plan_rows(_request(3), 4, "f" * 64)
    decoded = [decode((i, r.data)) for i, r in enumerate(rows)]
    assert [d.stream_version for d in decoded] == [5, 6, 7]
    assert decoded[0].prev_hash == "f" * 64
    assert decoded[1].prev_hash == rows[0].hash == decoded[0].hash
    assert decoded[2].prev_hash == rows[1].hash


def test_event_ids_are_unique_time_ordered_version_7_uuids() -> None:
    ids = new_event_ids(1000)
    assert len(set(ids)) == 1000
    parsed = [uuid.UUID(i) for i in ids]
    assert all(
        u.version == 7 and u.variant == uuid.RFC_4122 and str(u) == i
        for u, i in zip(parsed, ids, strict=True)
    )
    later = new_event_ids(1)[0]
    assert later[:13] >= ids[0][:13], "the millisecond prefix never goes back"


async def test_intact_chain_verifies() -> None:
    report = await verify_chain("16876", _aiter(_records(4)))
    assert report.ok and report.checked == 4


async def test_altered_envelope_is_named_with_its_position() -> None:
    records = _records(3)
    records[1] = records[1]._replace(data=records[1].data.replace(b'"i":1', b'"i":9'))
    report = await verify_chain("16876", _aiter(records))
    assert report.broken is not None and report.broken.position == 2 and report.checked == 1
    assert "altered" in report.broken.reason


@pytest.mark.parametrize(
    "column,value", [("event_type", "t.Other"), ("stream_version", 9), ("commune_id", "x")]
)
async def test_indexed_column_that_disagrees_with_the_envelope_is_caught(column: str, value: object) -> None:
    records = _records(3)
    records[2] = records[2]._replace(**{column: value})
    report = await verify_chain("16876", _aiter(records))
    assert report.broken is not None and report.broken.position == 3 and column in report.broken.reason


async def test_reordered_events_break_the_chain() -> None:
    records = _records(3)
    report = await verify_chain("16876", _aiter([records[0], records[2], records[1]]))
    assert report.broken is not None and report.broken.position == 3
    assert "removed or reordered" in report.broken.reason


def test_naive_and_aware_utc_instants_are_spelled_alike() -> None:
    from datetime import UTC, datetime

    t0 = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    assert timestamp_text(t0) == timestamp_text(t0.replace(tzinfo=None)) == "2026-11-25T08:30:00.000000Z"


def test_an_instant_in_office_time_is_spelled_in_utc() -> None:
    from datetime import datetime, timedelta, timezone

    office = timezone(timedelta(hours=7))
    at = datetime(2026, 11, 25, 15, 30, 0, 123456, tzinfo=office)
    assert timestamp_text(at) == "2026-11-25T08:30:00.123456Z"


def test_event_ids_carry_the_current_millisecond() -> None:
    import time

    before = time.time_ns() // 1_000_000
    (event_id,) = new_event_ids(1)
    after = time.time_ns() // 1_000_000
    assert before <= int(uuid.UUID(event_id).hex[:12], 16) <= after


def test_canonical_json_is_independent_of_key_order_and_keeps_vietnamese() -> None:
    assert (
        canonical_json({"b": 1, "a": "Đảng ủy"})
        == canonical_json({"a": "Đảng ủy", "b": 1})
        == '{"a":"Đảng ủy","b":1}'
    )
