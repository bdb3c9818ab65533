"""The RegisterIncomingDocument handler over the in-memory event store and a fixed clock."""

from __future__ import annotations

import itertools

import pytest

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.documents.application.errors import IdempotencyKeyReused, InvalidIdempotencyKey, RegisterBusy
from oneoffice.documents.application.register_incoming import (
    RegisterIncomingDocumentHandler,
    idempotency_scope,
)
from oneoffice.documents.bootstrap import event_registry
from oneoffice.documents.domain.errors import EmptyIssuer, InvalidIncomingDocument
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.telemetry.tracing import setup_tracing
from tests.known_units import KnownUnits

from .builders import CATALOGUE, COMMUNE, NOW, details, register_command
from .observed_store import ObservedStore

STREAM = f"incoming-register:{COMMUNE}:UBND:2026"


def _handler(
    store: ObservedStore, units: KnownUnits | None = None, **options: object
) -> RegisterIncomingDocumentHandler:
    ids = (f"doc-{n}" for n in itertools.count(1))
    return RegisterIncomingDocumentHandler(
        store,
        FixedClock(NOW),
        CATALOGUE,
        event_registry(),
        units=units or KnownUnits.test_communes(),
        new_document_id=lambda: next(ids),
        retry_delay=0,
        **options,  # type: ignore[arg-type]
    )


async def test_registration_appends_one_event_to_the_register_of_the_body_and_year() -> None:
    store = ObservedStore()

    result = await _handler(store)(register_command())

    assert (result.document_id, result.incoming_number, result.year) == ("doc-1", 1, 2026)
    assert result.registered_at == NOW and result.duplicate_of is None
    [event] = await store.payloads(STREAM)
    assert IncomingDocumentRegistered.model_validate(event).incoming_number == 1
    assert store.appends[0][:2] == (STREAM, 0)


async def test_metadata_names_the_actor_the_correlation_and_the_request() -> None:
    store = ObservedStore()

    await _handler(store)(register_command(idempotency_key="form-42"))

    metadata = store.appends[0].metadata
    assert isinstance(metadata, Metadata)
    assert (metadata.actor, metadata.correlation_id, metadata.causation_id) == (
        "van-thu",
        "corr-1",
        "form-42",
    )


async def test_the_current_trace_context_is_stored_with_the_event() -> None:
    store = ObservedStore()
    tracer = setup_tracing("documents-test").get_tracer("test")

    with tracer.start_as_current_span("request") as span:
        await _handler(store)(register_command())

    trace_context = store.appends[0].metadata.trace_context
    assert trace_context["traceparent"].split("-")[1] == format(span.get_span_context().trace_id, "032x")


async def test_consecutive_registrations_get_consecutive_numbers() -> None:
    store = ObservedStore()
    handler = _handler(store)

    numbers = [
        (
            await handler(register_command(idempotency_key=f"k{n}", number_symbol=f"{n}/TB-UBND"))
        ).incoming_number
        for n in range(1, 4)
    ]

    assert numbers == [1, 2, 3]


async def test_a_second_registration_of_the_same_document_is_flagged_not_refused() -> None:
    store = ObservedStore()
    handler = _handler(store)

    first = await handler(register_command(idempotency_key="a"))
    second = await handler(register_command(idempotency_key="b"))

    assert second.duplicate_of == first.document_id
    assert second.incoming_number == 2


async def test_same_idempotency_key_returns_the_first_answer_and_appends_nothing() -> None:
    store = ObservedStore()
    handler = _handler(store)

    first = await handler(register_command(idempotency_key="same"))
    again = await handler(register_command(idempotency_key="same"))

    assert again == first
    assert len(await store.payloads(STREAM)) == 1


async def test_a_retry_racing_the_first_request_gets_the_stored_answer() -> None:
    store = ObservedStore()
    first = await _handler(store)(register_command(idempotency_key="same"))
    # A second handler (another process) that looked before the first one committed:
    racing = _handler(store)
    original_get = store.get_idempotency

    async def not_yet(scope: str, key: str) -> None:
        return None

    store.get_idempotency = not_yet  # type: ignore[method-assign]
    again = await racing(register_command(idempotency_key="same"))
    store.get_idempotency = original_get  # type: ignore[method-assign]

    assert again == first
    assert len(await store.payloads(STREAM)) == 1


async def test_a_key_reused_for_another_document_is_refused() -> None:
    store = ObservedStore()
    handler = _handler(store)
    await handler(register_command(idempotency_key="same"))

    with pytest.raises(IdempotencyKeyReused) as caught:
        await handler(register_command(idempotency_key="same", summary="Một văn bản khác"))

    assert caught.value.message_vi == "Khóa chống trùng yêu cầu này đã được dùng cho một văn bản khác."


async def test_the_key_is_scoped_to_the_commune() -> None:
    store = ObservedStore()
    handler = _handler(store)

    await handler(register_command(idempotency_key="same"))
    other = await handler(register_command(idempotency_key="same", commune_id="16882"))

    assert other.incoming_number == 1
    assert [a.idempotency.scope for a in store.appends if a.idempotency] == [
        idempotency_scope("16876"),
        idempotency_scope("16882"),
    ]


async def test_a_registration_racing_another_writer_is_retried_and_gets_the_next_number() -> None:
    store = ObservedStore()
    handler = _handler(store)
    other_writer = _handler(store)

    async def another_process_registers_first() -> None:
        await other_writer(register_command(idempotency_key="other", number_symbol="9/TB-UBND"))

    store.before_next_append.append(another_process_registers_first)
    result = await handler(register_command(idempotency_key="mine"))

    assert store.conflicts == 1
    assert result.incoming_number == 2
    assert [e["incoming_number"] for e in await store.payloads(STREAM)] == [1, 2]


async def test_a_reload_after_a_conflict_reads_only_the_new_events() -> None:
    store = ObservedStore()
    handler = _handler(store)
    await handler(register_command(idempotency_key="one", number_symbol="1/TB-UBND"))
    other = _handler(store)

    async def other_registers() -> None:
        await other(register_command(idempotency_key="two", number_symbol="2/TB-UBND"))

    store.before_next_append.append(other_registers)
    store.reads.clear()
    await handler(register_command(idempotency_key="three", number_symbol="3/TB-UBND"))

    assert [after for stream, after in store.reads if stream == STREAM][-1] == 1


async def test_conflicts_beyond_the_bound_end_in_register_busy() -> None:
    store = ObservedStore()
    handler = _handler(store, max_attempts=3)
    other = _handler(store)
    for n in range(3):

        async def cut_in(n: int = n) -> None:
            await other(register_command(idempotency_key=f"other-{n}", number_symbol=f"{n}/TB-UBND"))

        store.before_next_append.append(cut_in)

    with pytest.raises(RegisterBusy) as caught:
        await handler(register_command(idempotency_key="mine"))

    assert store.conflicts == 3
    assert caught.value.message_vi == "Sổ đăng ký đang được cập nhật đồng thời; hãy thử lại."


async def test_invalid_input_appends_nothing() -> None:
    store = ObservedStore()

    with pytest.raises(InvalidIncomingDocument) as caught:
        await _handler(store)(register_command(issuer=""))

    assert [type(v) for v in caught.value.violations] == [EmptyIssuer]
    assert store.appends == [] and await store.store.read_all() == []


async def test_an_over_long_idempotency_key_is_refused() -> None:
    with pytest.raises(InvalidIdempotencyKey):
        await _handler(ObservedStore())(register_command(idempotency_key="k" * 201))


async def test_without_a_key_nothing_is_recorded_for_replay() -> None:
    store = ObservedStore()

    await _handler(store)(register_command(idempotency_key=""))

    assert store.appends[0].idempotency is None
    assert store.appends[0].metadata.causation_id is None


async def test_followers_are_told_after_each_successful_append_only() -> None:
    store = ObservedStore()
    told: list[str] = []
    handler = _handler(store, on_appended=lambda: told.append("appended"))

    await handler(register_command(idempotency_key="k"))
    await handler(register_command(idempotency_key="k"))
    with pytest.raises(InvalidIncomingDocument):
        await handler(register_command(idempotency_key="bad", summary=""))

    assert told == ["appended"]


def test_details_builder_matches_the_command_defaults() -> None:
    assert details().register_id.stream_id == STREAM
