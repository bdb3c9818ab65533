"""The synthetic province's messages carry what the relay sends: its headers, in its order."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import ClassVar

import orjson

from bench.province.messages import SimulatedStore
from oneoffice.eventcore.envelope import GENESIS_HASH, chain_hash
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.relay import (
    COMMUNE_HEADER,
    EPOCH_HEADER,
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    HASH_HEADER,
    POSITION_HEADER,
    PREV_HASH_HEADER,
    SCHEMA_VERSION_HEADER,
)


class NoteTaken(DomainEvent):
    event_type: ClassVar[str] = "bench.NoteTaken"
    text: str


def test_each_message_has_the_relays_headers_and_links_to_its_communes_previous_event() -> None:
    store = SimulatedStore("staff", random.Random(1))
    at = datetime(2026, 1, 5, 8, tzinfo=UTC)
    first = store.message("16876", "note-1", 1, NoteTaken(text="một"), at)
    second = store.message("16876", "note-1", 2, NoteTaken(text="hai"), at)

    for _key, data, headers in (first, second):
        assert [name for name, _ in headers[:8]] == [
            POSITION_HEADER,
            EPOCH_HEADER,
            HASH_HEADER,
            PREV_HASH_HEADER,
            EVENT_ID_HEADER,
            EVENT_TYPE_HEADER,
            SCHEMA_VERSION_HEADER,
            COMMUNE_HEADER,
        ]
        values = dict(headers)
        assert values[HASH_HEADER].decode() == chain_hash(data)
        assert values[PREV_HASH_HEADER].decode() == orjson.loads(data)["prev_hash"]
    assert dict(first[2])[PREV_HASH_HEADER].decode() == GENESIS_HASH
    assert dict(second[2])[PREV_HASH_HEADER] == dict(first[2])[HASH_HEADER]
