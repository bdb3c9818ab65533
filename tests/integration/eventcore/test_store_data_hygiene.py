"""The store refuses data it could never publish or read back: oversized events, NaN, unsafe integers.

Each refusal is a typed, bilingual error raised at append, before anything is written, on every
backend (memory, SQLite, PostgreSQL).
"""

from __future__ import annotations

from typing import ClassVar

import pytest

from oneoffice.eventcore.append_plan import DEFAULT_MAX_EVENT_BYTES, max_event_bytes
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.errors import EventTooLarge, InvalidAppend, UnportableEventData
from oneoffice.eventcore.events import DomainEvent

from .conftest import AnyStore, NoteTaken

META = Metadata(actor="clerk", correlation_id="corr")


class Measured(DomainEvent):
    """A test-only event with a float."""

    event_type: ClassVar[str] = "test.Measured"
    schema_version: ClassVar[int] = 1
    value: float


async def _nothing_written(store: AnyStore) -> None:
    assert await store.last_position() == 0, "nothing was written"
    await store.append("s-after", "c-1", [NoteTaken(text="ok")], expected_version=0, metadata=META)
    assert len(await store.read_stream("s-after")) == 1, "the store goes on as before"


def test_the_default_event_limit_leaves_headroom_under_the_brokers_default_message_size() -> None:
    assert max_event_bytes(1 << 20) == DEFAULT_MAX_EVENT_BYTES
    assert 1_000_000 < DEFAULT_MAX_EVENT_BYTES < 1 << 20


async def test_an_event_larger_than_its_topic_takes_is_refused_at_append(store: AnyStore) -> None:
    huge = NoteTaken(text="x" * DEFAULT_MAX_EVENT_BYTES)

    with pytest.raises(EventTooLarge) as refused:
        await store.append("s-1", "c-1", [huge], expected_version=0, metadata=META)

    error = refused.value
    assert isinstance(error, InvalidAppend) and not error.retryable
    assert error.size > error.limit == DEFAULT_MAX_EVENT_BYTES
    assert "Dữ liệu quá lớn" in error.message_vi and "Too much data" in error.message_en
    assert "xxxx" not in str(error), "no payload text in the message"
    await _nothing_written(store)


async def test_an_event_just_under_the_limit_is_kept(store: AnyStore) -> None:
    big = NoteTaken(text="x" * (DEFAULT_MAX_EVENT_BYTES - 2000))

    [(position, data)] = await store.append("s-1", "c-1", [big], expected_version=0, metadata=META)

    assert len(data) <= DEFAULT_MAX_EVENT_BYTES
    assert [p for p, _ in await store.read_all(0, 10)] == [position]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
async def test_a_nan_or_infinite_number_is_refused_at_append_and_the_stream_stays_readable(
    store: AnyStore, value: float
) -> None:
    await store.append("s-1", "c-1", [Measured(value=1.5)], expected_version=0, metadata=META)

    with pytest.raises(UnportableEventData) as refused:
        await store.append("s-1", "c-1", [Measured(value=value)], expected_version=1, metadata=META)

    assert "NaN" in refused.value.message_vi
    [event] = await store.read_stream("s-1")
    assert event.payload == {"value": 1.5}


@pytest.mark.parametrize("number", [2**53, -(2**53), 2**64])
async def test_an_integer_outside_the_safe_json_range_is_refused_at_append(
    store: AnyStore, number: int
) -> None:
    with pytest.raises(UnportableEventData) as refused:
        await store.append("s-1", "c-1", [NoteTaken(text="t", n=number)], expected_version=0, metadata=META)

    assert "2^53" in refused.value.message_vi
    await _nothing_written(store)


async def test_the_largest_safe_integers_are_kept(store: AnyStore) -> None:
    events = [NoteTaken(text="t", n=2**53 - 1), NoteTaken(text="t", n=-(2**53 - 1))]

    await store.append("s-1", "c-1", events, expected_version=0, metadata=META)

    assert [e.payload["n"] for e in await store.read_stream("s-1")] == [2**53 - 1, -(2**53 - 1)]
