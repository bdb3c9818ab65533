"""retry_on_conflict: a load → decide → save step is tried again when the stream moved, boundedly."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from oneoffice.eventcore.errors import ConcurrencyConflict, EventStoreError
from oneoffice.eventcore.retry import retry_on_conflict


class Busy(Exception):
    def __init__(self, stream_id: str, attempts: int) -> None:
        super().__init__(stream_id, attempts)
        self.stream_id = stream_id
        self.attempts = attempts


def _conflicting(times: int) -> tuple[list[int], Callable[[], Awaitable[str]]]:
    calls: list[int] = []

    async def attempt() -> str:
        calls.append(len(calls) + 1)
        if len(calls) <= times:
            raise ConcurrencyConflict("register-1", len(calls) - 1, len(calls))
        return f"saved on try {len(calls)}"

    return calls, attempt


async def test_a_step_that_meets_conflicts_is_tried_again_until_it_saves() -> None:
    calls, attempt = _conflicting(2)

    result = await retry_on_conflict(attempt, attempts=3, delay=0)

    assert result == "saved on try 3"
    assert calls == [1, 2, 3]


async def test_conflicts_on_every_attempt_end_in_the_callers_give_up_error() -> None:
    calls, attempt = _conflicting(10)

    with pytest.raises(Busy) as caught:
        await retry_on_conflict(attempt, attempts=4, delay=0, give_up=Busy)

    assert (caught.value.stream_id, caught.value.attempts) == ("register-1", 4)
    assert isinstance(caught.value.__cause__, ConcurrencyConflict)
    assert calls == [1, 2, 3, 4]


async def test_without_a_give_up_error_the_last_conflict_is_raised() -> None:
    _, attempt = _conflicting(10)

    with pytest.raises(ConcurrencyConflict):
        await retry_on_conflict(attempt, attempts=2, delay=0)


async def test_any_other_error_is_raised_at_once_without_retrying() -> None:
    calls: list[int] = []

    async def attempt() -> None:
        calls.append(1)
        raise EventStoreError("disk full")

    with pytest.raises(EventStoreError, match="disk full"):
        await retry_on_conflict(attempt, attempts=5, delay=0)

    assert calls == [1]


async def test_the_back_off_grows_with_each_attempt_and_is_jittered(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    bounds: list[tuple[float, float]] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    def uniform(low: float, high: float) -> float:
        bounds.append((low, high))
        return high / 2

    monkeypatch.setattr("oneoffice.eventcore.retry.asyncio.sleep", sleep)
    monkeypatch.setattr("oneoffice.eventcore.retry.random.uniform", uniform)
    _, attempt = _conflicting(3)

    await retry_on_conflict(attempt, attempts=4, delay=0.01)

    assert bounds == [(0, 0.01), (0, 0.02), (0, 0.03)]
    assert waits == [0.005, 0.01, 0.015]


async def test_at_least_one_attempt_is_required() -> None:
    async def attempt() -> None:
        raise AssertionError("never called")

    with pytest.raises(ValueError):
        await retry_on_conflict(attempt, attempts=0)
