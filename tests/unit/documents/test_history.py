"""The audit history of a document and a commune, folded from events in the in-memory store: who did
what, the state at any past moment (checked against a brute-force replay), and the bad moments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.adapters.store_history import StoreCommuneEvents
from oneoffice.documents.application.history import (
    MAX_PAGE,
    commune_as_of,
    commune_as_of_page,
    document_history,
)
from oneoffice.documents.application.history_errors import (
    AsOfBeforeFirstEvent,
    CommuneHistoryNotFound,
    DocumentHistoryNotFound,
    MalformedMoment,
    parse_moment,
)
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.memory_store import InMemoryEventStore

START = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
COMMUNE = "16876"


class Registered(DomainEvent):
    event_type: ClassVar[str] = "documents.IncomingDocumentRegistered"
    document_id: str
    commune_id: str = COMMUNE
    incoming_number: int
    summary: str


class PassedOn(DomainEvent):
    event_type: ClassVar[str] = "documents.DocumentPassedOn"
    document_id: str
    commune_id: str = COMMUNE
    recipient: str


class TaskCreated(DomainEvent):
    event_type: ClassVar[str] = "documents.TaskCreated"
    task_id: str
    document_id: str | None
    commune_id: str = COMMUNE
    lead: str


class TaskCompleted(DomainEvent):
    event_type: ClassVar[str] = "documents.TaskCompleted"
    task_id: str
    commune_id: str = COMMUNE


async def _world() -> tuple[StoreCommuneEvents, FixedClock]:
    clock = FixedClock(START)
    store = InMemoryEventStore(clock)

    async def by(actor: str, stream: str, event: DomainEvent) -> None:
        await store.append(stream, COMMUNE, [event], expected_version=None, metadata=Metadata(actor, "corr"))
        clock.advance(timedelta(minutes=10))

    await by("vanthu-16876", "doc-1", Registered(document_id="doc-1", incoming_number=1, summary="Về việc A"))
    await by("vanthu-16876", "doc-2", Registered(document_id="doc-2", incoming_number=2, summary="Về việc B"))
    await by("vanthu-16876", "doc-1", PassedOn(document_id="doc-1", recipient="lanhdao-16876"))
    await by("lanhdao-16876", "task-1", TaskCreated(task_id="t1", document_id="doc-1", lead="canbo-16876"))
    await by("canbo-16876", "task-1", TaskCompleted(task_id="t1"))
    return StoreCommuneEvents(store), clock


async def test_the_history_lists_who_did_what_to_the_document_and_its_tasks() -> None:
    events, _ = await _world()
    history = await document_history(events, COMMUNE, "doc-1")
    assert [(e.actor, e.event_type.rsplit(".", 1)[1]) for e in history.entries] == [
        ("vanthu-16876", "IncomingDocumentRegistered"),
        ("vanthu-16876", "DocumentPassedOn"),
        ("lanhdao-16876", "TaskCreated"),
        ("canbo-16876", "TaskCompleted"),
    ]
    assert history.entries[1].summary_vi == "Chuyển văn bản: recipient=lanhdao-16876"
    assert history.entries[1].summary_en == "Passed on: recipient=lanhdao-16876"
    assert history.state["last_event"] == "documents.TaskCompleted"


async def test_the_state_as_of_a_past_moment_leaves_out_what_came_later() -> None:
    events, _ = await _world()
    history = await document_history(events, COMMUNE, "doc-1", START + timedelta(minutes=25))
    assert [e.event_type for e in history.entries] == [
        "documents.IncomingDocumentRegistered",
        "documents.DocumentPassedOn",
    ]
    assert history.state["recipient"] == "lanhdao-16876" and "lead" not in history.state


async def test_an_unknown_document_and_a_moment_before_the_first_event_are_refused() -> None:
    events, _ = await _world()
    with pytest.raises(DocumentHistoryNotFound):
        await document_history(events, COMMUNE, "doc-9")
    with pytest.raises(AsOfBeforeFirstEvent):
        await document_history(events, COMMUNE, "doc-1", START - timedelta(seconds=1))
    with pytest.raises(AsOfBeforeFirstEvent):
        await commune_as_of(events, COMMUNE, START - timedelta(days=1))


async def test_the_commune_is_read_page_by_page_in_the_order_of_first_events() -> None:
    events, _ = await _world()
    as_of = START + timedelta(hours=1)
    first = await commune_as_of_page(events, COMMUNE, as_of, offset=0, limit=1)
    second = await commune_as_of_page(events, COMMUNE, as_of, offset=1, limit=1)
    past = await commune_as_of_page(events, COMMUNE, as_of, offset=2, limit=1)
    whole = await commune_as_of(events, COMMUNE, as_of)
    assert [d.document_id for d in first.documents] == ["doc-1"]
    assert [d.document_id for d in second.documents] == ["doc-2"]
    assert (first.total, second.total, past.total, past.documents) == (2, 2, 2, [])
    assert first.documents[0].entries == whole[0].entries and second.documents[0].state == whole[1].state


async def test_a_page_is_bounded_whatever_limit_is_asked() -> None:
    events, _ = await _world()
    as_of = START + timedelta(hours=1)
    huge = await commune_as_of_page(events, COMMUNE, as_of, offset=-5, limit=10**6)
    default = await commune_as_of_page(events, COMMUNE, as_of)
    assert (huge.offset, huge.limit, len(huge.documents)) == (0, MAX_PAGE, 2)
    assert 0 < default.limit <= MAX_PAGE


async def test_a_commune_with_no_event_at_all_is_not_found_rather_than_empty() -> None:
    events, _ = await _world()
    with pytest.raises(CommuneHistoryNotFound):
        await commune_as_of_page(events, "16882", START)
    with pytest.raises(CommuneHistoryNotFound):
        await commune_as_of(events, "16882", START)


def test_a_malformed_moment_is_refused_and_one_without_offset_is_utc() -> None:
    with pytest.raises(MalformedMoment):
        parse_moment("hôm qua")
    assert parse_moment("2026-11-25T08:00:00") == datetime(2026, 11, 25, 8, tzinfo=UTC)
    assert parse_moment("2026-11-25") == datetime(2026, 11, 25, tzinfo=UTC)


@settings(max_examples=30, deadline=None)
@given(minutes=st.integers(min_value=0, max_value=60))
async def test_the_commune_as_of_any_moment_equals_a_brute_force_replay(minutes: int) -> None:
    events, _ = await _world()
    as_of = START + timedelta(minutes=minutes)
    documents = await commune_as_of(events, COMMUNE, as_of)
    every = [e async for e in events.events_of(COMMUNE) if e.recorded_at <= as_of]
    tasks = {
        e.payload["task_id"]: e.payload["document_id"] for e in every if e.event_type.endswith("TaskCreated")
    }
    expected: dict[str, int] = {}
    for e in every:
        document = e.payload.get("document_id") or tasks.get(e.payload.get("task_id", ""))
        expected[document] = expected.get(document, 0) + 1
    assert {d.document_id: len(d.entries) for d in documents} == expected
