"""Events are never edited in the store: old payloads are upcast when read."""

from __future__ import annotations

from typing import Any, ClassVar

from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent, EventRegistry

from .conftest import AnyStore


class ReceivedV1(DomainEvent):
    event_type: ClassVar[str] = "test.Received"
    schema_version: ClassVar[int] = 1
    sender: str


class ReceivedV2(DomainEvent):
    event_type: ClassVar[str] = "test.Received"
    schema_version: ClassVar[int] = 2
    issuer: str
    urgency: str


async def test_v1_event_stored_long_ago_is_read_as_v2(store: AnyStore) -> None:
    await store.append(
        "doc-1",
        "c1",
        [ReceivedV1(sender="UBND huyện")],
        expected_version=0,
        metadata=Metadata(actor="clerk", correlation_id="c"),
    )
    registry = EventRegistry([ReceivedV1, ReceivedV2])

    @registry.upcaster("test.Received", 1)
    def _v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
        return {"issuer": payload["sender"], "urgency": "NORMAL"}

    [stored] = await store.read_stream("doc-1")
    assert stored.schema_version == 1
    event = registry.decode(stored.event_type, stored.schema_version, stored.payload)
    assert event == ReceivedV2(issuer="UBND huyện", urgency="NORMAL")
    assert (await store.verify("c1")).ok, "reading never rewrites what was stored"
