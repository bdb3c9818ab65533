"""The in-memory idempotency store: claims per owner and key, answers expire, the least recently used go."""

from __future__ import annotations

from oneoffice.gateway.adapters.memory_idempotency import MemoryIdempotencyStore
from oneoffice.gateway.application.idempotency import Claimed, InProgress, KeyReused, Replay, StoredAnswer

ANSWER = StoredAnswer(201, ((b"location", b"/x"),), b"{}")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_a_claimed_key_is_in_progress_then_replays_its_answer() -> None:
    store = MemoryIdempotencyStore()

    assert await store.claim("an", "k", "f") == Claimed()
    assert await store.claim("an", "k", "f") == InProgress()
    await store.finish("an", "k", ANSWER)
    assert await store.claim("an", "k", "f") == Replay(ANSWER)
    assert await store.claim("an", "k", "other") == KeyReused()


async def test_keys_belong_to_their_owner() -> None:
    store = MemoryIdempotencyStore()
    await store.claim("an", "k", "f")
    await store.finish("an", "k", ANSWER)

    assert await store.claim("binh", "k", "other") == Claimed()


async def test_a_released_key_runs_afresh_but_a_finished_one_is_not_released() -> None:
    store = MemoryIdempotencyStore()
    await store.claim("an", "k", "f")
    await store.release("an", "k")
    assert await store.claim("an", "k", "f") == Claimed()
    await store.finish("an", "k", ANSWER)
    await store.release("an", "k")

    assert await store.claim("an", "k", "f") == Replay(ANSWER)


async def test_an_answer_expires_after_its_time_to_live() -> None:
    clock = Clock()
    store = MemoryIdempotencyStore(ttl=60, monotonic=clock)
    await store.claim("an", "k", "f")
    await store.finish("an", "k", ANSWER)

    clock.now = 59.9
    assert await store.claim("an", "k", "f") == Replay(ANSWER)
    clock.now = 60.0
    assert await store.claim("an", "k", "f") == Claimed()


async def test_the_least_recently_used_key_goes_first_when_the_store_is_full() -> None:
    store = MemoryIdempotencyStore(max_entries=2)
    for key in ("a", "b"):
        await store.claim("an", key, "f")
        await store.finish("an", key, ANSWER)
    await store.claim("an", "a", "f")  # used again: "b" is now the oldest

    await store.claim("an", "c", "f")

    assert len(store) == 2
    assert await store.claim("an", "a", "f") == Replay(ANSWER)
    assert await store.claim("an", "b", "f") == Claimed()
