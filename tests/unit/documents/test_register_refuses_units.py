"""Registering refuses a commune that does not exist on the office day, and appends nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oneoffice.documents.application.register_incoming import RegisterIncomingDocumentHandler
from oneoffice.documents.application.unit_directory import UnitLifetime
from oneoffice.documents.application.unit_guard import CommuneNotFound, UnitsNotKnownYet
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.clock import FixedClock
from tests.known_units import KnownUnits

from .builders import CATALOGUE, COMMUNE, NOW, register_command
from .observed_store import ObservedStore

# A commune of before the 2025 merger (a synthetic code, as the staff register gives old units).
MERGED_AWAY = UnitLifetime("TD-LUU-KIEN", date(2008, 1, 1), ceased=date(2025, 7, 1))


def _handler(store: ObservedStore, units: KnownUnits, now: datetime = NOW) -> RegisterIncomingDocumentHandler:
    return RegisterIncomingDocumentHandler(
        store, FixedClock(now), CATALOGUE, event_registry(), units=units, retry_delay=0
    )


async def test_a_commune_the_unit_register_does_not_know_is_refused_and_nothing_is_appended() -> None:
    store = ObservedStore()

    with pytest.raises(CommuneNotFound) as refused:
        await _handler(store, KnownUnits.test_communes())(register_command(commune_id="99999"))

    assert refused.value.message_vi.startswith("Xã mã '99999' không tồn tại vào ngày 10/03/2026")
    assert "does not exist on 2026-03-10" in refused.value.message_en
    assert store.appends == []


async def test_a_commune_merged_away_before_the_office_day_is_refused() -> None:
    store = ObservedStore()
    units = KnownUnits(MERGED_AWAY, UnitLifetime(COMMUNE, date(2025, 7, 1)))

    with pytest.raises(CommuneNotFound):
        await _handler(store, units)(register_command(commune_id=MERGED_AWAY.code))

    assert store.appends == []


async def test_the_commune_is_asked_about_the_office_day_in_vietnam_not_the_utc_day() -> None:
    # 17:30 UTC on 30 June 2026 is already 1 July in Vietnam: the first day the commune is gone.
    ceasing = UnitLifetime(COMMUNE, date(2020, 1, 1), ceased=date(2026, 7, 1))
    units = KnownUnits(ceasing)
    late_evening = datetime(2026, 6, 30, 17, 30, tzinfo=UTC)

    with pytest.raises(CommuneNotFound):
        await _handler(ObservedStore(), units, late_evening)(register_command())

    assert units.asked == [(COMMUNE, date(2026, 7, 1))]


async def test_a_current_commune_is_accepted() -> None:
    store = ObservedStore()
    units = KnownUnits(MERGED_AWAY, UnitLifetime(COMMUNE, date(2025, 7, 1)))

    result = await _handler(store, units)(register_command())

    assert result.incoming_number == 1 and len(store.appends) == 1


async def test_a_service_that_knows_no_unit_yet_refuses_and_says_so() -> None:
    store = ObservedStore()

    with pytest.raises(UnitsNotKnownYet) as refused:
        await _handler(store, KnownUnits())(register_command())

    assert "chưa nhận được danh mục đơn vị hành chính" in refused.value.message_vi
    assert "not known to it" in refused.value.message_en
    assert store.appends == []


async def test_a_replayed_request_gets_its_first_answer_even_after_its_commune_ceased() -> None:
    store = ObservedStore()
    first = await _handler(store, KnownUnits.of(COMMUNE))(register_command(idempotency_key="k-1"))
    gone = KnownUnits(UnitLifetime(COMMUNE, date(2020, 1, 1), ceased=date(2026, 1, 1)))

    again = await _handler(store, gone)(register_command(idempotency_key="k-1"))

    assert again == first and len(store.appends) == 1
