"""Appending, reading, optimistic concurrency, idempotency records and snapshots (every store)."""

from __future__ import annotations

import asyncio

import pytest

from oneoffice.eventcore.envelope import Metadata, decode
from oneoffice.eventcore.errors import ConcurrencyConflict, DuplicateRequest, InvalidAppend
from oneoffice.eventcore.store import IdempotencyRecord, Snapshot

from .conftest import AnyStore, MakeStore, NoteTaken

META = Metadata(actor="clerk-1", correlation_id="corr-1", trace_context={"traceparent": "00-abc-def-01"})


async def test_appended_events_read_back_in_stream_order_with_versions_from_one(store: AnyStore) -> None:
    written = await store.append(
        "doc-1",
        "16876",
        [NoteTaken(text="Văn bản đến", n=1), NoteTaken(text="b", n=2)],
        expected_version=0,
        metadata=META,
    )
    read = await store.read_stream("doc-1")
    assert [e.stream_version for e in read] == [1, 2]
    assert read == [decode(w) for w in written]
    assert read[0].payload == {"text": "Văn bản đến", "n": 1}
    assert read[0].trace_context == {"traceparent": "00-abc-def-01"}
    assert read[0].occurred_at.tzinfo is not None
    assert read[1].position > read[0].position


async def test_stale_expected_version_raises_retryable_conflict_and_writes_nothing(store: AnyStore) -> None:
    await store.append("doc-1", "c1", [NoteTaken(text="a")], expected_version=0, metadata=META)
    with pytest.raises(ConcurrencyConflict) as caught:
        await store.append("doc-1", "c1", [NoteTaken(text="b")], expected_version=0, metadata=META)
    assert caught.value.retryable
    assert caught.value.actual == 1
    assert len(await store.read_stream("doc-1")) == 1


async def test_expected_version_ahead_of_stream_is_a_conflict_not_a_gap(store: AnyStore) -> None:
    await store.append("doc-1", "c1", [NoteTaken(text="a")], expected_version=0, metadata=META)
    with pytest.raises(ConcurrencyConflict):
        await store.append("doc-1", "c1", [NoteTaken(text="b")], expected_version=5, metadata=META)
    assert [e.stream_version for e in await store.read_stream("doc-1")] == [1]


async def test_concurrent_appends_at_same_version_let_exactly_one_win(make_store: MakeStore) -> None:
    stores = [await make_store() for _ in range(2)]
    await stores[0].append("doc-1", "c1", [NoteTaken(text="a")], expected_version=0, metadata=META)

    async def attempt(store: AnyStore, text: str) -> str:
        try:
            await store.append("doc-1", "c1", [NoteTaken(text=text)], expected_version=1, metadata=META)
            return "won"
        except ConcurrencyConflict:
            return "conflict"

    outcomes = await asyncio.gather(*(attempt(stores[i % 2], f"t{i}") for i in range(6)))
    assert sorted(outcomes) == ["conflict"] * 5 + ["won"]
    assert [e.stream_version for e in await stores[0].read_stream("doc-1")] == [1, 2]


async def test_append_without_events_is_rejected(store: AnyStore) -> None:
    with pytest.raises(InvalidAppend):
        await store.append("doc-1", "c1", [], expected_version=0, metadata=META)


async def test_idempotency_record_commits_with_events_and_replays_stored_result(store: AnyStore) -> None:
    first = IdempotencyRecord("register-incoming", "key-1", {"document_id": "doc-1"})
    await store.append(
        "doc-1", "c1", [NoteTaken(text="a")], expected_version=0, metadata=META, idempotency=first
    )
    assert await store.get_idempotency("register-incoming", "key-1") == {"document_id": "doc-1"}

    again = IdempotencyRecord("register-incoming", "key-1", {"document_id": "doc-2"})
    with pytest.raises(DuplicateRequest) as caught:
        await store.append(
            "doc-2", "c1", [NoteTaken(text="b")], expected_version=0, metadata=META, idempotency=again
        )
    assert caught.value.result == {"document_id": "doc-1"}
    assert await store.read_stream("doc-2") == []


async def test_failed_append_does_not_keep_its_idempotency_record(store: AnyStore) -> None:
    await store.append("doc-1", "c1", [NoteTaken(text="a")], expected_version=0, metadata=META)
    record = IdempotencyRecord("register-incoming", "key-9", {"document_id": "doc-1"})
    with pytest.raises(ConcurrencyConflict):
        await store.append(
            "doc-1", "c1", [NoteTaken(text="b")], expected_version=0, metadata=META, idempotency=record
        )
    assert await store.get_idempotency("register-incoming", "key-9") is None


async def test_same_idempotency_key_in_other_scope_is_independent(store: AnyStore) -> None:
    for scope, stream in (("scope-a", "s1"), ("scope-b", "s2")):
        record = IdempotencyRecord(scope, "k", {"stream": stream})
        await store.append(
            stream, "c1", [NoteTaken(text="x")], expected_version=0, metadata=META, idempotency=record
        )
    assert await store.get_idempotency("scope-b", "k") == {"stream": "s2"}


async def test_read_all_returns_events_after_a_position_in_order_and_in_pages(store: AnyStore) -> None:
    for i in range(7):
        await store.append(
            f"s{i % 3}", "c1", [NoteTaken(text="x", n=i)], expected_version=None, metadata=META
        )
    everything = [decode(e) for e in await store.read_all(after=0, limit=100)]
    assert [e.payload["n"] for e in everything] == list(range(7))
    page = [decode(e) for e in await store.read_all(after=everything[2].position, limit=3)]
    assert [e.payload["n"] for e in page] == [3, 4, 5]
    assert await store.last_position() == everything[-1].position


async def test_snapshot_is_saved_replaced_and_loaded(store: AnyStore) -> None:
    assert await store.load_snapshot("doc-1") is None
    await store.save_snapshot(Snapshot("doc-1", 3, "Doc", {"status": "open"}))
    await store.save_snapshot(Snapshot("doc-1", 5, "Doc", {"status": "closed"}))
    snap = await store.load_snapshot("doc-1")
    assert snap == Snapshot("doc-1", 5, "Doc", {"status": "closed"})
