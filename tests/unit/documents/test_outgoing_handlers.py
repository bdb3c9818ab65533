"""Outgoing documents' use cases over the in-memory event store and a fixed clock: the rules, and
bad input refused with nothing appended."""

from __future__ import annotations

import asyncio
import itertools
from datetime import date

import pytest

from oneoffice.documents.application.outgoing_commands import (
    DispatchOutgoingDocument,
    DraftOutgoingDocument,
    NumberOutgoingDocument,
    OutgoingDocumentHandlers,
    RecallOutgoingDocument,
)
from oneoffice.documents.application.unit_directory import UnitLifetime
from oneoffice.documents.application.unit_guard import CommuneNotFound
from oneoffice.documents.bootstrap import event_registry
from oneoffice.documents.domain.errors import DocumentsError
from oneoffice.documents.domain.outgoing_errors import (
    AlreadyNumbered,
    AlreadyRecalled,
    AuthorityOfWrongFamily,
    DocumentNotInFormat,
    InvalidOutgoingDocument,
    IssuedBeforeLast,
    IssuedInFuture,
    NoTermForDate,
    NotNumbered,
    NumberTaken,
    WrongRegister,
)
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from tests.known_units import KnownUnits

from .observed_store import ObservedStore
from .outgoing_builders import COMMUNE, NOW, RULES, draft_input


def _handlers(
    store: ObservedStore | InMemoryEventStore, units: KnownUnits | None = None
) -> OutgoingDocumentHandlers:
    ids = (f"out-{n}" for n in itertools.count(1))
    return OutgoingDocumentHandlers(
        store,
        FixedClock(NOW),
        RULES,
        event_registry(),
        units=units or KnownUnits.test_communes(),
        new_document_id=lambda: next(ids),
        retry_delay=0,
    )


async def _drafted(handlers: OutgoingDocumentHandlers, **changes: object) -> str:
    return (await handlers.draft(DraftOutgoingDocument(draft_input(**changes)))).document_id


def _number(document_id: str, **changes: object) -> NumberOutgoingDocument:
    return NumberOutgoingDocument(commune_id=COMMUNE, document_id=document_id, actor="vanthu", **changes)  # type: ignore[arg-type]


async def _refused_without_append(
    store: ObservedStore, call: object, error: type[DocumentsError], component: str | None = None
) -> DocumentsError:
    before = len(store.appends)
    with pytest.raises(error) as raised:
        await call  # type: ignore[misc]
    assert len(store.appends) == before, "nothing is appended when a request is refused"
    assert raised.value.message_vi and raised.value.message_en
    return raised.value


async def test_state_decision_gets_05_slash_qd_dash_ubnd_as_its_fifth_number_of_the_year() -> None:
    handlers = _handlers(ObservedStore())
    for _ in range(4):
        await handlers.number(_number(await _drafted(handlers)))
    fifth = await handlers.number(_number(await _drafted(handlers)))
    assert (fifth.number, fifth.number_symbol, fifth.formatted) == (5, "05/QĐ-UBND", "Số: 05/QĐ-UBND")
    assert fifth.issued_on == date(2026, 3, 5) and fifth.period == "2026"


async def test_state_cong_van_shares_the_bodys_sequence_and_carries_the_drafting_unit() -> None:
    handlers = _handlers(ObservedStore())
    await handlers.number(_number(await _drafted(handlers)))
    cv = await handlers.number(_number(await _drafted(handlers, document_type="CV")))
    assert cv.formatted == "Số: 02/UBND-VP"


async def test_party_numbers_run_per_type_within_the_term() -> None:
    handlers = _handlers(ObservedStore())
    party = {"body_code": "DANG_UY", "authority": "T/M", "signer_title": "Bí thư"}
    resolution = await handlers.number(_number(await _drafted(handlers, document_type="NQ", **party)))
    letter = await handlers.number(_number(await _drafted(handlers, document_type="CV", **party)))
    second = await handlers.number(_number(await _drafted(handlers, document_type="NQ", **party)))
    assert [resolution.formatted, letter.formatted, second.formatted] == [
        "Số 01-NQ/ĐU",
        "Số 01-CV/ĐU",
        "Số 02-NQ/ĐU",
    ]
    assert resolution.period == "2025-2030"


async def test_party_numbering_before_any_configured_term_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(handlers, body_code="DANG_UY", authority="T/M", document_type="NQ")
    await _refused_without_append(
        store, handlers.number(_number(doc, issued_on=date(2019, 5, 1))), NoTermForDate
    )


async def test_a_new_year_starts_again_from_01() -> None:
    handlers = _handlers(ObservedStore())
    last_year = await handlers.number(_number(await _drafted(handlers), issued_on=date(2025, 12, 30)))
    this_year = await handlers.number(_number(await _drafted(handlers)))
    assert (last_year.number, this_year.number) == (1, 1)


async def test_confidential_documents_draw_from_their_own_sequence() -> None:
    handlers = _handlers(ObservedStore())
    await handlers.number(_number(await _drafted(handlers)))
    secret = await handlers.number(_number(await _drafted(handlers, confidentiality="MAT")))
    public = await handlers.number(_number(await _drafted(handlers)))
    assert (secret.number, secret.confidential, public.number) == (1, True, 2)


async def test_numbering_a_draft_twice_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(handlers)
    await handlers.number(_number(doc))
    error = await _refused_without_append(store, handlers.number(_number(doc)), AlreadyNumbered)
    assert "01/QĐ-UBND" in error.message_vi


async def test_an_imported_number_that_exists_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    await handlers.number(_number(await _drafted(handlers), number=3, issued_on=date(2026, 1, 10)))
    again = _number(await _drafted(handlers), number=3, issued_on=date(2026, 1, 11))
    await _refused_without_append(store, handlers.number(again), NumberTaken)


async def test_numbering_continues_after_the_highest_imported_number() -> None:
    handlers = _handlers(ObservedStore())
    await handlers.number(_number(await _drafted(handlers), number=41, issued_on=date(2026, 2, 20)))
    await handlers.number(_number(await _drafted(handlers), number=7, issued_on=date(2026, 1, 8)))
    following = await handlers.number(_number(await _drafted(handlers)))
    assert following.number == 42


async def test_an_issue_date_before_the_registers_last_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    await handlers.number(_number(await _drafted(handlers), issued_on=date(2026, 3, 1)))
    late = _number(await _drafted(handlers), issued_on=date(2026, 2, 28))
    await _refused_without_append(store, handlers.number(late), IssuedBeforeLast)
    same_day = await handlers.number(_number(await _drafted(handlers), issued_on=date(2026, 3, 1)))
    assert same_day.number == 2


async def test_an_issue_date_after_today_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(handlers)
    await _refused_without_append(
        store, handlers.number(_number(doc, issued_on=date(2026, 3, 6))), IssuedInFuture
    )


async def test_an_authority_prefix_of_the_other_family_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    party_with_state = DraftOutgoingDocument(draft_input(body_code="DANG_UY", authority="TM."))
    error = await _refused_without_append(store, handlers.draft(party_with_state), InvalidOutgoingDocument)
    assert any(isinstance(v, AuthorityOfWrongFamily) for v in error.violations)  # type: ignore[attr-defined]
    state_with_party = DraftOutgoingDocument(draft_input(authority="T/M"))
    await _refused_without_append(store, handlers.draft(state_with_party), InvalidOutgoingDocument)


async def test_a_confidential_document_sent_to_the_public_register_is_refused() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    secret = await _drafted(handlers, confidentiality="TOI_MAT")
    await _refused_without_append(store, handlers.number(_number(secret, register="public")), WrongRegister)
    numbered = await handlers.number(_number(secret, register="confidential"))
    assert numbered.confidential


async def test_an_empty_recipient_list_is_refused_where_the_type_needs_one() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(handlers, recipients=())
    error = await _refused_without_append(store, handlers.number(_number(doc)), DocumentNotInFormat)
    assert [v.field for v in error.violations] == ["recipients"]  # type: ignore[attr-defined]
    assert "Nơi nhận" in error.message_vi
    minutes = await _drafted(handlers, recipients=(), document_type="BB")
    assert (await handlers.number(_number(minutes))).number == 1


async def test_the_format_check_names_every_missing_component() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(
        handlers, document_type="CV", summary="", place_name="", signer_id="", drafting_unit="", recipients=()
    )
    error = await _refused_without_append(store, handlers.number(_number(doc)), DocumentNotInFormat)
    fields = {v.field for v in error.violations}  # type: ignore[attr-defined]
    assert fields == {"summary", "place_name", "signer", "recipients", "drafting_unit"}


async def test_a_recalled_document_keeps_its_number_and_cannot_be_recalled_again() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(handlers)
    numbered = await handlers.number(_number(doc))
    await handlers.dispatch(
        DispatchOutgoingDocument(COMMUNE, doc, "vanthu", recipients=(), channel="ELECTRONIC")
    )
    await handlers.recall(RecallOutgoingDocument(COMMUNE, doc, "vanthu", reason="Sai trích yếu"))
    assert await handlers.number_of(COMMUNE, doc) == numbered
    again = handlers.recall(RecallOutgoingDocument(COMMUNE, doc, "vanthu", reason="x"))
    await _refused_without_append(store, again, AlreadyRecalled)
    following = await handlers.number(_number(await _drafted(handlers)))
    assert following.number == 2, "the recalled document's number is never reused"


async def test_a_draft_is_neither_dispatched_nor_recalled() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    doc = await _drafted(handlers)
    send = handlers.dispatch(DispatchOutgoingDocument(COMMUNE, doc, "vanthu", recipients=(), channel=""))
    await _refused_without_append(store, send, NotNumbered)
    await _refused_without_append(
        store, handlers.recall(RecallOutgoingDocument(COMMUNE, doc, "vanthu", reason="x")), NotNumbered
    )


async def test_a_draft_retried_with_its_key_is_the_same_draft() -> None:
    store = ObservedStore()
    handlers = _handlers(store)
    first = await handlers.draft(DraftOutgoingDocument(draft_input(), idempotency_key="k-1"))
    second = await handlers.draft(DraftOutgoingDocument(draft_input(), idempotency_key="k-1"))
    assert first == second and len(store.appends) == 1


async def test_two_service_instances_number_concurrently_without_gap_or_reuse() -> None:
    shared = InMemoryEventStore()
    a, b = _handlers(shared), _handlers(shared.sharing())
    docs = [await _drafted(a) for _ in range(30)]
    results = await asyncio.gather(*(
        (a if i % 2 else b).number(_number(doc)) for i, doc in enumerate(docs)
    ))  # fmt: skip
    assert sorted(r.number for r in results) == list(range(1, 31))


async def test_a_commune_that_does_not_exist_today_cannot_draft() -> None:
    store = ObservedStore(InMemoryEventStore())
    handlers = _handlers(store, KnownUnits.of("16882"))
    await _refused_without_append(
        store, handlers.draft(DraftOutgoingDocument(draft_input())), CommuneNotFound
    )


async def test_numbering_on_a_day_the_commune_did_not_exist_yet_is_refused() -> None:
    """An import of the paper register dated before the commune was established (1 July 2025)."""
    store = ObservedStore(InMemoryEventStore())
    handlers = _handlers(store, KnownUnits(UnitLifetime(COMMUNE, date(2025, 7, 1))))
    document_id = await _drafted(handlers)
    await _refused_without_append(
        store, handlers.number(_number(document_id, issued_on=date(2025, 6, 30), number=3)), CommuneNotFound
    )
