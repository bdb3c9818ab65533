"""The duplicate warning compares the parts of the number/symbol, through the real handler.

Two spellings of one symbol are one document; two documents whose symbols read alike but whose parts
differ (another year, another type) are two.
"""

from __future__ import annotations

import itertools
from typing import ClassVar

import pytest
from pydantic import ConfigDict

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.documents.adapters.symbol_types_data import load_symbol_types
from oneoffice.documents.application.register_incoming import RegisterIncomingDocumentHandler
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from tests.known_units import KnownUnits

from .builders import CATALOGUE, COMMUNE, NOW, register_command
from .observed_store import ObservedStore

STREAM = f"incoming-register:{COMMUNE}:UBND:2026"


def _handler(store: ObservedStore) -> RegisterIncomingDocumentHandler:
    ids = (f"doc-{n}" for n in itertools.count(1))
    return RegisterIncomingDocumentHandler(
        store,
        FixedClock(NOW),
        CATALOGUE,
        event_registry(),
        new_document_id=lambda: next(ids),
        retry_delay=0,
        symbol_types=load_symbol_types(),
        units=KnownUnits.test_communes(),
    )


async def _register_both(first: dict[str, str], second: dict[str, str]) -> str | None:
    store = ObservedStore()
    handler = _handler(store)
    await handler(register_command("key-1", **first))
    return (await handler(register_command("key-2", **second))).duplicate_of


@pytest.mark.parametrize(
    "respelled",
    [
        "5/qđ-ubnd",
        "Số: 05/QĐ-UBND",
        "05/QD-UBND",  # typed without the diacritic
        "05 / QĐ – UBND",  # an en dash from a word processor
        "05/QĐ—UBND",
        "Số 05／QĐ‐UBND",
    ],
)
async def test_two_spellings_of_one_symbol_are_one_document(respelled: str) -> None:
    duplicate_of = await _register_both({"number_symbol": "05/QĐ-UBND"}, {"number_symbol": respelled})

    assert duplicate_of == "doc-1"


async def test_two_spellings_of_one_party_symbol_are_one_document() -> None:
    duplicate_of = await _register_both(
        {"body_code": "DANG_UY", "issuer": "Huyện ủy Tương Dương", "number_symbol": "Số 15-NQ/HU"},
        {"body_code": "DANG_UY", "issuer": "Huyện ủy Tương Dương", "number_symbol": "số 15 – nq / hu"},
    )

    assert duplicate_of == "doc-1"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Numbers restart every year: 05/QĐ-UBND of December and of January are two decisions.
        (
            {"number_symbol": "05/QĐ-UBND", "document_date": "2025-12-30"},
            {"number_symbol": "05/QĐ-UBND", "document_date": "2026-01-05"},
        ),
        # The year a legal document carries says it, whatever its date.
        ({"number_symbol": "30/2020/NĐ-CP"}, {"number_symbol": "30/2021/NĐ-CP"}),
        ({"number_symbol": "05/QĐ-UBND"}, {"number_symbol": "05/QyĐ-UBND"}),
        ({"number_symbol": "12/UBND-VP"}, {"number_symbol": "12/UBND-VX"}),
        ({"number_symbol": "05/QĐ-UBND"}, {"number_symbol": "05/QĐ-UBND", "issuer": "UBND huyện Quỳ Hợp"}),
    ],
)
async def test_two_documents_whose_symbols_read_alike_are_two(
    first: dict[str, str], second: dict[str, str]
) -> None:
    assert await _register_both(first, second) is None


async def test_the_parts_of_the_symbol_are_recorded_in_the_registration_event() -> None:
    store = ObservedStore()

    await _handler(store)(register_command(number_symbol="Số: 05/QĐ–UBND"))

    [payload] = await store.payloads(STREAM)
    assert payload["number_symbol"] == "Số: 05/QĐ–UBND"  # as printed, kept
    assert payload["symbol"] == {
        "recognised": True,
        "family": "state",
        "number": 5,
        "year": None,
        "type": "QĐ",
        "issuer": "UBND",
        "unit": None,
    }


async def test_a_symbol_of_unknown_shape_is_registered_as_written_and_compared_as_text() -> None:
    store = ObservedStore()
    handler = _handler(store)

    first = await handler(register_command("key-1", number_symbol="Thông báo nhanh 7"))
    again = await handler(register_command("key-2", number_symbol="thông báo  nhanh 7"))

    payloads = await store.payloads(STREAM)
    assert [p["symbol"] for p in payloads] == [{"recognised": False, **dict.fromkeys(_PARTS)}] * 2
    assert payloads[0]["number_symbol"] == "Thông báo nhanh 7"
    assert (first.duplicate_of, again.duplicate_of) == (None, first.document_id)


_PARTS = ("family", "number", "year", "type", "issuer", "unit")


class _RegisteredV1(DomainEvent):
    """A registration as version 1 stored it (no symbol): what a register already holds."""

    model_config = ConfigDict(frozen=True, extra="allow")
    event_type: ClassVar[str] = IncomingDocumentRegistered.event_type
    schema_version: ClassVar[int] = 1


async def test_a_registration_recorded_before_symbols_were_read_is_read_again_for_duplicates() -> None:
    scratch = ObservedStore()
    await _handler(scratch)(register_command(number_symbol="05/QĐ-UBND"))
    [v2] = await scratch.payloads(STREAM)
    store = ObservedStore()
    await store.store.append(
        STREAM,
        COMMUNE,
        [_RegisteredV1(**{k: v for k, v in v2.items() if k != "symbol"} | {"document_id": "old-1"})],
        expected_version=0,
        metadata=Metadata(actor="van-thu", correlation_id="corr-0"),
    )

    # The register is loaded from the store, the version 1 event upcast (symbol None) on the way.
    again = await _handler(store)(register_command(number_symbol="5/qd-ubnd"))

    assert (again.incoming_number, again.duplicate_of) == (2, "old-1")
